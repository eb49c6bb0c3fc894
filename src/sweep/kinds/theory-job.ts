/**
 * The `theory` job kind: the seed post's loss-vs-k model at one (n, d, α, bound, loss)
 * (docs/ARCHITECTURE.md §1): k*, its continuous neighbour, L(k*)/L(1) and the transition α*.
 * Closed forms, no training: the seed does not change the numbers.
 */
import type { ResolvedTheoryRun } from '../../core/run-config.js';
import { optimum } from '../../theory/optimum.js';
import { resolveTheoryRun, theoryModelOf } from '../../theory/resolve-theory-run.js';
import { transition } from '../../theory/transition.js';
import type { JobKind } from '../job-kind.js';
import { optionalNumber, optionalString, requiredNumber } from './read-values.js';

/** Theory: see the module header. */
export const theoryJob: JobKind<ResolvedTheoryRun> = {
  name: 'theory',
  keys: ['n', 'd', 'alpha', 'bound', 'loss', 'epsilon0'],
  columns: [
    { name: 'kStar', type: 'INTEGER' },
    { name: 'kStarContinuous', type: 'DOUBLE' },
    { name: 'lossRatio', type: 'DOUBLE' },
    { name: 'alphaStar', type: 'DOUBLE' },
  ],
  resolve(values) {
    return resolveTheoryRun({
      n: requiredNumber(values, 'n'),
      d: requiredNumber(values, 'd'),
      alpha: requiredNumber(values, 'alpha'),
      bound: optionalString(values, 'bound'),
      loss: optionalString(values, 'loss'),
      epsilon0: optionalNumber(values, 'epsilon0'),
    });
  },
  run(config) {
    const model = theoryModelOf(config);
    const o = optimum(model);
    return {
      metrics: {
        kStar: o.kStar,
        kStarContinuous: o.kStarContinuous,
        lossRatio: o.lossRatio,
        alphaStar: transition(model).alphaStar,
      },
      arrays: [],
    };
  },
};
