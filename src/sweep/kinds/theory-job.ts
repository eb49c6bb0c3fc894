/**
 * The `theory` job kind: the seed post's loss-vs-k model at one (n, d, α, bound, loss)
 * (docs/ARCHITECTURE.md §1): k*, its continuous neighbour, L(k*)/L(1) and the transition α*.
 * Closed forms, no training: the seed does not change the numbers.
 */
import { optimum } from '../../theory/optimum.js';
import { resolveTheoryRun } from '../../theory/resolve-theory-run.js';
import { theoryModel } from '../../theory/theory-model.js';
import { transition } from '../../theory/transition.js';
import { THEORY_RUN_FIELDS, type ResolvedTheoryRun } from '../../theory/theory-run-schema.js';
import type { JobKind } from '../job-kind.js';

/** Theory: see the module header. */
export const theoryJob: JobKind<ResolvedTheoryRun> = {
  name: 'theory',
  keys: Object.keys(THEORY_RUN_FIELDS),
  columns: [
    { name: 'kStar', type: 'INTEGER' },
    { name: 'kStarContinuous', type: 'DOUBLE' },
    { name: 'lossRatio', type: 'DOUBLE' },
    { name: 'alphaStar', type: 'DOUBLE' },
  ],
  resolve(values) {
    return resolveTheoryRun(values);
  },
  run(config) {
    const model = theoryModel(config);
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
