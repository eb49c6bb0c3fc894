/**
 * The toy model family (Elhage et al. 2022; docs/ARCHITECTURE.md §3): the ReLU-output model
 * and its linear baseline (a hidden space without a preferred basis), the ReLU hidden-layer
 * model with tied weights (neurons, a privileged basis) and the absolute-value model
 * (computation in superposition, untied weights).
 */

/** The models, in the order `--model` lists them. */
export const TOY_MODELS = ['relu-output', 'linear', 'neuron', 'abs'] as const;

/** One of the toy models. */
export type ToyModel = (typeof TOY_MODELS)[number];

/**
 * Whether the model has a ReLU on its hidden layer: neurons, a privileged basis, and a step
 * taken sample by sample (there is no Gram form).
 */
export function hasNeurons(model: ToyModel): boolean {
  return model === 'neuron' || model === 'abs';
}
