/**
 * Training many toy models at once (Elhage et al. 2022, §2; the paper's notebook
 * `optimize`) on this thread: the training loop of src/toy/toy-chunk.ts run in
 * stretches of `progressEvery` steps, divergence stopped and reported. The model,
 * data, loss and optimizer live in src/core; this file only drives them.
 */

import type { ResolvedToyRun } from '../core/run-config.js';
import { createToyState, type ToyState } from '../core/toy-state.js';
import { runSteps, tailWindow } from './toy-chunk.js';
import { ToyDivergenceError } from './toy-divergence-error.js';

export { ToyDivergenceError } from './toy-divergence-error.js';

/** Progress reported every `progressEvery` steps and at the end. */
export interface ToyProgress {
  step: number;
  steps: number;
  /** Mean over instances of this step's batch loss. */
  meanLoss: number;
}

/** What training leaves behind. */
export interface ToyTrainingResult {
  state: ToyState;
  steps: number;
  /** [nInstances] the mean batch loss over the last min(100, steps) steps. */
  finalLoss: Float64Array;
}

/**
 * Builds the models of a resolved run (src/toy/resolve-toy-run.ts) and trains them.
 *
 * @param onProgress called every `progressEvery` steps (default 100) and after the last.
 * @throws ToyDivergenceError when a loss becomes NaN or infinite.
 */
export function trainToyModels(
  config: ResolvedToyRun,
  onProgress?: (p: ToyProgress) => void,
  progressEvery = 100,
): ToyTrainingResult {
  const { steps } = config;
  const state = createToyState(config);
  const nI = state.nInstances;
  const loss = new Float32Array(nI);
  const finalLoss = new Float64Array(nI);
  for (let t = 0; t < steps; t += progressEvery) {
    const to = Math.min(steps, t + progressEvery);
    const d = runSteps(state, config, t, to, finalLoss, loss);
    if (d.divergedAt > 0) throw new ToyDivergenceError(d.divergedAt, d.badInstances);
    if (onProgress) onProgress({ step: to, steps, meanLoss: mean(loss) });
  }
  const tail = tailWindow(steps);
  for (let i = 0; i < nI; i++) finalLoss[i] /= tail;
  return { state, steps, finalLoss };
}

/** The mean of a loss vector. */
export function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}
