/**
 * Training many toy models at once (Elhage et al. 2022, §2; the paper's notebook
 * `optimize`): `steps` calls of the compute core's fused step `toyTrainStep`, the
 * learning rate lr · schedule(t, T) at step t, divergence stopped and reported.
 * The model, data, loss and optimizer live in src/core; this file only drives them.
 */

import { createToyState, type ToyConfig, type ToyState } from '../core/toy-state.js';
import { toyTrainStep } from '../core/toy-train-step.js';
import { lrSchedule } from './lr-schedule.js';

/** A toy model configuration plus how to train it. Defaults are the notebook's. */
export interface ToyTrainingConfig extends ToyConfig {
  /** Training steps; default 10,000. */
  steps?: number;
  /** Base learning rate; default 1e-3. */
  lr?: number;
  /** Learning-rate schedule name ('constant', 'linear', 'cosine'); default 'constant'. */
  schedule?: string;
}

/** Progress reported every `progressEvery` steps and at the end. */
export interface ToyProgress {
  step: number;
  steps: number;
  /** Mean over instances of this step's batch loss. */
  meanLoss: number;
}

/** Raised when an instance's loss stops being finite. */
export class ToyDivergenceError extends Error {
  constructor(
    readonly step: number,
    readonly instances: number[],
  ) {
    super(
      `toy training diverged at step ${step}: loss not finite for instance(s) ${instances.join(', ')}; lower lr`,
    );
    this.name = 'ToyDivergenceError';
  }
}

/** What training leaves behind. */
export interface ToyTrainingResult {
  state: ToyState;
  steps: number;
  /** [nInstances] the mean batch loss over the last min(100, steps) steps. */
  finalLoss: Float64Array;
}

/** Checks the training fields and fills in their defaults. */
export function resolveTraining(config: ToyTrainingConfig): {
  steps: number;
  lr: number;
  schedule: string;
} {
  const steps = config.steps ?? 10_000;
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  }
  const lr = config.lr ?? 1e-3;
  if (!(lr > 0) || !Number.isFinite(lr)) {
    throw new RangeError(`lr must be a finite number > 0, got ${lr}`);
  }
  const schedule = config.schedule ?? 'constant';
  lrSchedule(schedule);
  return { steps, lr, schedule };
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
  const { steps, lr, schedule } = resolveTraining(config);
  const scale = lrSchedule(schedule);
  const state = createToyState(config);
  const nI = state.nInstances;
  const loss = new Float32Array(nI);
  const tail = Math.min(100, steps);
  const finalLoss = new Float64Array(nI);
  for (let t = 0; t < steps; t++) {
    const bad = toyTrainStep(state, lr * scale(t, steps), loss);
    if (bad > 0) {
      const instances: number[] = [];
      for (let i = 0; i < nI; i++) if (!Number.isFinite(loss[i])) instances.push(i);
      throw new ToyDivergenceError(t + 1, instances);
    }
    if (t >= steps - tail) for (let i = 0; i < nI; i++) finalLoss[i] += loss[i] / tail;
    if (onProgress && ((t + 1) % progressEvery === 0 || t + 1 === steps)) {
      let mean = 0;
      for (let i = 0; i < nI; i++) mean += loss[i] / nI;
      onProgress({ step: t + 1, steps, meanLoss: mean });
    }
  }
  return { state, steps, finalLoss };
}
