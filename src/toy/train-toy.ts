/**
 * Training many toy models at once on this thread (Elhage et al. 2022 §2): the one
 * training loop (./training-loop.ts) with each stretch run in place (./toy-chunk.ts).
 * The model, data, loss and optimizer live in src/core; this file only drives them.
 */

import { checkObject } from '../core/check-args.js';
import type { ToyState } from '../core/toy-state.js';
import { createToyState } from './create-toy-state.js';
import { runStretch } from './toy-chunk.js';
import type { ResolvedToyRun } from './toy-run-schema.js';
import { ToyTrainingLoop, type ToyProgress } from './training-loop.js';

export { ToyDivergenceError } from './toy-divergence-error.js';
export { mean, type ToyProgress } from './training-loop.js';

/** What training leaves behind. */
export interface ToyTrainingResult {
  state: ToyState;
  steps: number;
  /** [instances] the mean batch loss over the last min(100, steps) steps. */
  finalLoss: Float64Array;
}

/**
 * Builds the models of a resolved run (./resolve-toy-run.ts) and trains them.
 *
 * @param onProgress called every `progressEvery` steps (default 100) and after the last.
 * @throws ToyDivergenceError when a loss becomes NaN or infinite.
 */
export function trainToyModels(
  run: ResolvedToyRun,
  onProgress?: (p: ToyProgress) => void,
  progressEvery = 100,
): ToyTrainingResult {
  checkObject('trainToyModels', 'run', run, 'a ResolvedToyRun (from resolveToyRun)');
  const state = createToyState(run);
  const loop = new ToyTrainingLoop(run, progressEvery, onProgress);
  for (const [from, to] of loop.stretches()) {
    loop.record(to, [runStretch(state, run, from, to)]);
  }
  return { state, steps: run.steps, finalLoss: loop.finalLoss() };
}
