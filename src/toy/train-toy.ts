/**
 * Training many toy models at once (Elhage et al. 2022, §2; the paper's notebook
 * `optimize`): `steps` calls of the compute core's fused step `toyTrainStep`, the
 * learning rate lr · schedule(t, T) at step t, divergence stopped and reported.
 * The model, data, loss and optimizer live in src/core; this file only drives them.
 */

import { checkObject } from '../core/check-args.js';
import { DivergenceError } from '../core/errors.js';
import { createToyState, type ToyState } from '../core/toy-state.js';
import { resolveTraining, type ToyTrainingConfig } from './toy-training-config.js';
import { runSteps, tailWindow } from './toy-chunk.js';
import { toyDivergenceCause } from './divergence-cause.js';

export { resolveTraining, type ToyTrainingConfig } from './toy-training-config.js';

/** Progress reported every `progressEvery` steps and at the end. */
export interface ToyProgress {
  step: number;
  steps: number;
  /** Mean over instances of this step's batch loss. */
  meanLoss: number;
}

/** Raised when an instance's loss stops being finite; the message names the likely cause. */
export class ToyDivergenceError extends DivergenceError {
  override readonly name: string = 'ToyDivergenceError';
  constructor(
    readonly step: number,
    readonly instances: number[],
    config?: ToyTrainingConfig,
  ) {
    super(
      `toy training diverged at step ${step}: loss not finite for instance(s) ${instances.join(', ')}; ${config ? toyDivergenceCause(config) : 'lower --lr'}`,
    );
  }
}

/** What training leaves behind. */
export interface ToyTrainingResult {
  state: ToyState;
  steps: number;
  /** [nInstances] the mean batch loss over the last min(100, steps) steps. */
  finalLoss: Float64Array;
}

/**
 * Builds the models of `config` and trains them.
 *
 * @param onProgress called every `progressEvery` steps (default 100) and after the last.
 * @throws ToyDivergenceError when a loss becomes NaN or infinite.
 */
export function trainToyModels(
  config: ToyTrainingConfig,
  onProgress?: (p: ToyProgress) => void,
  progressEvery = 100,
): ToyTrainingResult {
  checkObject('trainToyModels', 'config', config, 'a ToyTrainingConfig');
  const { steps } = resolveTraining(config);
  const state = createToyState(config);
  const nI = state.nInstances;
  const loss = new Float32Array(nI);
  const finalLoss = new Float64Array(nI);
  for (let t = 0; t < steps; t += progressEvery) {
    const to = Math.min(steps, t + progressEvery);
    const d = runSteps(state, config, t, to, finalLoss, loss);
    if (d.divergedAt > 0) throw new ToyDivergenceError(d.divergedAt, d.badInstances, config);
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
