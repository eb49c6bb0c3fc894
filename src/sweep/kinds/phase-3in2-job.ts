/**
 * The `phase-3in2` job kind: one point × seed of the 3-features-in-2-dimensions
 * phase diagram (Elhage et al. 2022; the setup is stated in src/toy/phase-3in2.ts):
 * a toy model with n = 3, m = 2, importance (1, 1, relativeImportance), all
 * features of density `density`, trained as the `toy` kind trains it; its W
 * classified (`solution`) beside the least-loss candidate computed by quadrature
 * at the same point (`analyticSolution`). The toy kind's metrics come too; `loss`
 * and `analyticLoss` are per feature (the trainer's mean over the 3 features).
 */
import { analyticThreeInTwo, classifyThreeInTwo } from '../../toy/phase-3in2.js';
import type { JobKind } from '../job-kind.js';
import { PHASE_POINT_FIELDS, resolvePhasePointRun, type PhasePointRun } from './phase-point-run.js';
import { toyJob } from './toy-job.js';

/** A resolved toy run with the diagram's coordinates written out. */
export type ThreeInTwoJobConfig = PhasePointRun;

/**
 * Batches of the loss evaluation by default: the best seed is chosen by it, and at
 * p = 0.01 a pair is active together in 1 sample of 10⁴, so 2^20 samples are needed
 * to tell an antipodal pair with the extra feature from one without (measured: with
 * 64 batches the choice between them was noise at p ≤ 0.03).
 */
const EVAL_BATCHES = 1024;

/** phase-3in2: see the module header. */
export const phase3in2Job: JobKind<ThreeInTwoJobConfig> = {
  name: 'phase-3in2',
  keys: Object.keys(PHASE_POINT_FIELDS),
  columns: [
    ...toyJob.columns,
    { name: 'W', type: 'JSON' },
    { name: 'solution', type: 'VARCHAR' },
    { name: 'analyticSolution', type: 'VARCHAR' },
    { name: 'analyticLoss', type: 'DOUBLE' },
  ],
  resolve(values, seed) {
    return resolvePhasePointRun(values, seed, {
      n: 3,
      m: 2,
      importance: (r) => [1, 1, r],
      defaults: { evalBatches: EVAL_BATCHES },
    });
  },
  async run(config) {
    const toy = await toyJob.run(config);
    const W = toy.arrays.find((a) => a.name === 'W')?.data;
    if (!W) throw new Error('phase-3in2: the toy job kept no W');
    const analytic = analyticThreeInTwo(config.relativeImportance, config.density);
    return {
      metrics: {
        ...toy.metrics,
        W: Array.from(W),
        solution: classifyThreeInTwo(W),
        analyticSolution: analytic.solution,
        analyticLoss: analytic.loss / 3,
      },
      arrays: toy.arrays,
    };
  },
};
