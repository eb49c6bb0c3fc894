/**
 * The fused training step of many toy models (docs/ARCHITECTURE.md §3): a fresh sparse batch per
 * instance, forward, importance-weighted loss, hand-derived gradients (`toyModelGradient`)
 * and one Adam/AdamW update at step `state.step`, allocating nothing. Reference
 * TypeScript kernel; the op (src/core/toy-train-step.ts) checks arguments and counts the
 * step, and the WebAssembly twin (assembly/toy.ts) keeps this name and signature.
 */

import { adamUpdate } from '../adam-update.js';
import { toyModelGradient } from '../toy-model-gradient.js';
import type { ToyState } from '../toy-state.js';

/**
 * One step of every instance with learning rate `lr`, Adam's t being `state.step`.
 * @param loss out, [nInstances]: each instance's loss on this step's batch (before the update)
 */
export function toyTrainStep(state: ToyState, lr: number, loss: Float32Array): void {
  const { gW, gb, gW2 } = state.scratch;
  toyModelGradient(state, loss);
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
  if (state.W2.length > 0) adamUpdate(state.W2, gW2, state.mW2, state.vW2, state.W2.length, params);
}
