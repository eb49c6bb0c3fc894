/**
 * The fused training step of many toy models (docs/ARCHITECTURE.md §3): a fresh sparse batch per
 * instance, forward, importance-weighted loss, hand-derived gradients (`toyGradient`)
 * and one Adam/AdamW update at step `state.step`, allocating nothing. Reference
 * TypeScript kernel; the op (src/core/toy-train-step.ts) checks arguments and counts the
 * step, and the WebAssembly twin (assembly/toy.ts) keeps this name and signature.
 */

import { adamUpdate } from '../adam-update.js';
import { toyGradient } from '../toy-gradient.js';
import type { ToyState } from '../toy-state.js';

/**
 * One step of every instance with learning rate `lr`, Adam's t being `state.step`.
 * @param loss out, [nInstances]: each instance's loss on this step's batch (before the update)
 */
export function toyTrainStep(state: ToyState, lr: number, loss: Float32Array): void {
  const { gW, gb } = state.scratch;
  toyGradient(gW, gb, loss, state);
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
}
