import { theoryModel } from '../src/theory/theory-model.js';
import { optimum } from '../src/theory/optimum.js';
import { transition } from '../src/theory/transition.js';
import { struckClosedForm } from '../src/theory/struck-closed-form.js';
for (const bound of ['jl-cubic', 'jl', 'welch', 'random'])
  for (const loss of ['post', 'pairs']) {
    const rows = [0.5, 1, 1.5, 2, 2.5].map((a) => {
      const o = optimum(theoryModel({ n: 1e5, d: 1e4, alpha: a, bound, loss }));
      return `${a}:k*=${o.kStar}(${o.kStarContinuous.toFixed(2)}) eps=${o.epsilon.toFixed(3)} r=${o.lossRatio.toFixed(3)} kMax=${o.kMax}`;
    });
    const t0 = performance.now();
    const t = transition(theoryModel({ n: 1e5, d: 1e4, alpha: 1, bound, loss }));
    console.log(
      bound,
      loss,
      rows.join(' | '),
      'alpha*',
      t,
      (performance.now() - t0).toFixed(1) + 'ms',
    );
  }
console.log(struckClosedForm(1e5, 1e4, 0.5), struckClosedForm(1e5, 1e4, 3));
