/**
 * The `phase-2in1` job kind: one point × seed of the 2-features-in-1-dimension
 * phase diagram (Elhage et al. 2022, "The Phase Change"; the setup is stated in
 * src/toy/phase-2in1-solutions.ts): a toy model with n = 2, m = 1, importance
 * (1, relativeImportance), both features of density `density`, trained as the
 * `toy` kind trains it; its W classified (`solution`), beside the least-loss
 * candidate computed by quadrature at the same point (`analyticSolution`). The
 * toy kind's metrics come too. Losses are per feature (the trainer's mean over
 * the 2 features): `loss` sampled, `exactLoss` of the trained (W, b) and
 * `analyticLoss` of the computed solution, both exact.
 */
import { twoInOneLoss } from '../../toy/phase-2in1-loss.js';
import { analyticTwoInOne, classifyTwoInOne } from '../../toy/phase-2in1-solutions.js';
import type { JobKind } from '../job-kind.js';
import { PHASE_POINT_FIELDS, resolvePhasePointRun, type PhasePointRun } from './phase-point-run.js';
import { toyJob } from './toy-job.js';

/** A resolved toy run with the diagram's coordinates written out. */
export type TwoInOneJobConfig = PhasePointRun;

/** phase-2in1: see the module header. */
export const phase2in1Job: JobKind<TwoInOneJobConfig> = {
  name: 'phase-2in1',
  keys: Object.keys(PHASE_POINT_FIELDS),
  columns: [
    ...toyJob.columns,
    { name: 'exactLoss', type: 'DOUBLE' },
    { name: 'w1', type: 'DOUBLE' },
    { name: 'w2', type: 'DOUBLE' },
    { name: 'b1', type: 'DOUBLE' },
    { name: 'b2', type: 'DOUBLE' },
    { name: 'solution', type: 'VARCHAR' },
    { name: 'analyticSolution', type: 'VARCHAR' },
    { name: 'analyticLoss', type: 'DOUBLE' },
  ],
  resolve(values, seed) {
    return resolvePhasePointRun(values, seed, { n: 2, m: 1, importance: (r) => [1, r] });
  },
  async run(config) {
    const toy = await toyJob.run(config);
    const W = toy.arrays.find((a) => a.name === 'W')?.data;
    const b = toy.arrays.find((a) => a.name === 'b')?.data;
    if (!W || !b) throw new Error('phase-2in1: the toy job kept no W or b');
    const model = { w: [W[0], W[1]] as const, b: [b[0], b[1]] as const };
    const analytic = analyticTwoInOne(config.relativeImportance, config.density);
    return {
      metrics: {
        ...toy.metrics,
        exactLoss: twoInOneLoss(model, config.relativeImportance, config.density) / 2,
        w1: model.w[0],
        w2: model.w[1],
        b1: model.b[0],
        b2: model.b[1],
        solution: classifyTwoInOne(model.w),
        analyticSolution: analytic.solution,
        analyticLoss: analytic.loss / 2,
      },
      arrays: toy.arrays,
    };
  },
};
