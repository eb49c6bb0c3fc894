/**
 * The fused training step of many toy models (docs/ARCHITECTURE.md §3; derivations in
 * toy-gradient.ts, and toy-neuron-gradient.ts for the models with neurons). The op: checks
 * arguments, counts the Adam step, runs the active backend's kernel and reports divergence.
 */

import { activeKernels } from './backend.js';
import { checkToyState, type ToyState } from './toy-state.js';

/**
 * Takes one training step of every instance in `state` with learning rate `lr`: a fresh
 * sparse batch per instance, forward, loss, hand-derived gradients, Adam/AdamW.
 * @param loss out, [nInstances]: each instance's loss on this step's batch (before the update)
 * @returns the number of instances whose loss is not finite (0 when training is healthy)
 */
export function toyTrainStep(state: ToyState, lr: number, loss: Float32Array): number {
  checkToyState('toyTrainStep', state);
  if (!(typeof lr === 'number' && Number.isFinite(lr) && lr >= 0)) {
    throw new RangeError(`toyTrainStep: lr must be a finite number ≥ 0, got ${lr}`);
  }
  if (!(loss instanceof Float32Array) || loss.length < state.nInstances) {
    throw new RangeError(
      `toyTrainStep: loss must be a Float32Array of length ≥ nInstances = ${state.nInstances}`,
    );
  }
  state.step += 1;
  activeKernels().toyTrainStep(state, lr, loss);
  let bad = 0;
  for (let i = 0; i < state.nInstances; i++) if (!Number.isFinite(loss[i])) bad++;
  return bad;
}
