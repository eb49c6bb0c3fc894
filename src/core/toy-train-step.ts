/**
 * The fused training step of many toy models (DESIGN.md §3): a fresh sparse batch per
 * instance, forward, importance-weighted loss, hand-derived gradients (`toyGradient`)
 * and one Adam/AdamW update, allocating nothing. Reference TypeScript kernel.
 */

import { adamUpdate } from './adam-update.js';
import { toyGradient } from './toy-gradient.js';
import type { ToyState } from './toy-state.js';

/**
 * Takes one training step of every instance in `state` with learning rate `lr`.
 * @param loss out, [nInstances]: each instance's loss on this step's batch (before the update)
 * @returns the number of instances whose loss is not finite (0 when training is healthy)
 */
export function toyTrainStep(state: ToyState, lr: number, loss: Float32Array): number {
  checkStepArgs(state, lr, loss);
  const { gW, gb } = state.scratch;
  toyGradient(gW, gb, loss, state);
  state.step += 1;
  const params = {
    lr,
    beta1: state.beta1,
    beta2: state.beta2,
    eps: state.eps,
    weightDecay: state.weightDecay,
    decoupled: state.decoupled,
    step: state.step,
  };
  adamUpdate(state.W, gW, state.mW, state.vW, state.W.length, params);
  adamUpdate(state.b, gb, state.mb, state.vb, state.b.length, params);
  return countNonFinite(loss, state.nInstances);
}

/** Rejects a learning rate that is not a finite non-negative number or a short loss buffer. */
export function checkStepArgs(state: ToyState, lr: number, loss: Float32Array): void {
  if (!(typeof lr === 'number' && Number.isFinite(lr) && lr >= 0)) {
    throw new RangeError(`toyTrainStep: lr must be a finite number ≥ 0, got ${lr}`);
  }
  if (!(loss instanceof Float32Array) || loss.length < state.nInstances) {
    throw new RangeError(
      `toyTrainStep: loss must be a Float32Array of length ≥ nInstances = ${state.nInstances}`,
    );
  }
}

/** How many of the first `count` entries are NaN or ±Infinity. */
export function countNonFinite(values: Float32Array, count: number): number {
  let bad = 0;
  for (let i = 0; i < count; i++) if (!Number.isFinite(values[i])) bad++;
  return bad;
}
