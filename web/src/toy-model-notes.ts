/**
 * What the toy view says of each model of the family (Elhage et al. 2022, §2 and
 * "Privileged Basis", "Computation in Superposition"; docs/ARCHITECTURE.md §3), after the
 * formula the run declaration gives it, and which models have neurons to draw.
 */
import type { ToyModel } from '../../src/index.js';

/** What each model shows in this view, after its formula from the declaration. */
export const MODEL_NOTES: Record<ToyModel, string> = {
  'relu-output':
    'The paper’s main model: n features in m dimensions with no preferred basis; WᵀW and the tegum factors show the geometry.',
  linear:
    'The baseline without the output ReLU: it keeps the m most important features, orthogonal, and no superposition.',
  neuron:
    'A ReLU hidden layer with tied weights: each row of W is a neuron, a privileged basis. The neuron bars show how many features share each neuron.',
  abs: 'Untied layers computing |x| of signed features (U[−1, 1) when active): computation in superposition. The bars show what each neuron reads, the maps W₁ and W₂ᵀ what it reads and writes.',
};
