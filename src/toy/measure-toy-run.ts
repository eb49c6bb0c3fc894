/**
 * A trained run as numbers, built once for every caller (the CLI, sweep jobs, the
 * experiments): each instance's evaluated loss and geometry (./summarize-instance.ts),
 * after a last check that training did not make things worse than doing nothing. A
 * model that outputs 0 for every input has loss Σ_i I_i E[target_i²] / n; every model of the family can
 * always reach it (W = 0, b ≤ 0), so a trained instance far above it has diverged
 * without leaving float32 (a learning rate that throws W around), and is reported as
 * such rather than labelled with a geometry.
 */
import { checkObject } from '../core/check-args.js';
import { checkToyState, type ToyState } from '../core/toy-state.js';
import { evaluateToyLoss } from './evaluate-toy-loss.js';
import { summarizeInstance, type ToyInstanceSummary } from './summarize-instance.js';
import { ToyDivergenceError } from './toy-divergence-error.js';
import type { ResolvedToyRun } from './toy-run-schema.js';

/**
 * How many times the zero model's loss a trained instance may reach. Both are evaluated
 * on the same samples, so sampling noise cancels; the margin leaves room for short runs
 * still near their random initialisation.
 */
export const ZERO_MODEL_FACTOR = 2;

/** An absolute margin, for samples so sparse that the zero model's loss is 0 on them. */
const ZERO_MODEL_SLACK = 1e-6;

/**
 * Evaluates and summarises every instance of a trained state.
 * @throws ToyDivergenceError when an instance ends worse than ZERO_MODEL_FACTOR times the
 *   all-zero model's loss.
 */
export function measureToyRun(run: ResolvedToyRun, state: ToyState): ToyInstanceSummary[] {
  checkObject('measureToyRun', 'run', run, 'a ResolvedToyRun (from resolveToyRun)');
  checkToyState('measureToyRun', state);
  const nI = state.nInstances;
  const loss = evaluateToyLoss(new Float64Array(nI), state, run.evalBatches, run.evalSeed);
  if (run.steps > 0) {
    const zero = evaluateToyLoss(
      new Float64Array(nI),
      {
        ...state,
        W: new Float32Array(state.W.length),
        W2: new Float32Array(state.W2.length),
        b: new Float32Array(state.b.length),
      },
      run.evalBatches,
      run.evalSeed,
    );
    const bad = [...loss.keys()].filter(
      (i) => !(loss[i] <= ZERO_MODEL_FACTOR * zero[i] + ZERO_MODEL_SLACK),
    );
    if (bad.length > 0) {
      const i = bad[0];
      throw new ToyDivergenceError(
        run.steps,
        bad,
        run,
        `loss ${loss[i].toPrecision(4)} ended worse than the all-zero model's ${zero[i].toPrecision(4)}`,
      );
    }
  }
  const tegum = {
    normThreshold: run.normThreshold,
    cosineTolerance: run.cosineTolerance,
    rankTolerance: run.rankTolerance,
  };
  return Array.from({ length: nI }, (_, i) =>
    summarizeInstance(state, i, loss[i], run.seed + i, tegum),
  );
}
