/**
 * The loss and gradients of any toy model on one fresh batch (docs/ARCHITECTURE.md §3):
 * the Gram form for the models without a hidden nonlinearity (toy-gradient.ts) and the
 * per-sample form for the neuron models (toy-neuron-gradient.ts). Reference TypeScript
 * kernels, for the js training step and the evaluated loss.
 */

import { toyGradient } from './toy-gradient.js';
import { toyNeuronGradient } from './toy-neuron-gradient.js';
import type { ToyState } from './toy-state.js';
import { hasNeurons } from './toy-models.js';

/**
 * Draws one batch per instance and writes the gradients into the state's scratch (gW, gb,
 * gW2) and each instance's loss into `loss`. Advances each instance's generator.
 */
export function toyModelGradient(state: ToyState, loss: Float32Array | Float64Array): void {
  const { gW, gb, gW2 } = state.scratch;
  if (hasNeurons(state.model)) {
    toyNeuronGradient(gW, gb, gW2, loss, state);
  } else toyGradient(gW, gb, loss, state);
}
