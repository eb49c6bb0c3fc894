import { describe, expect, it } from 'vitest';
import { neuronFeatures, NEURON_FEATURE_SHARE } from './neuron-features.js';

describe('neuronFeatures', () => {
  it('lists per neuron the features holding at least a tenth of its squared weight', () => {
    // [3, 4]: a monosemantic neuron, a pair (0.6² = 0.36, 0.8² = 0.64), a dead neuron.
    const W = Float64Array.from([1, 0, 0.05, 0, 0, 0.6, 0, -0.8, 0.05, 0, 0, 0.05]);
    expect(neuronFeatures(W, 3, 4)).toEqual([[0], [1, 3], []]);
  });

  it('keeps a feature exactly at the share and drops one just below it', () => {
    // Row [3, 1]: 1/10 of ‖W_k‖² = 10 is exactly feature 1's 1².
    expect(NEURON_FEATURE_SHARE).toBe(0.1);
    expect(neuronFeatures(Float64Array.from([3, 1]), 1, 2)).toEqual([[0, 1]]);
    expect(neuronFeatures(Float64Array.from([3, 0.99]), 1, 2)).toEqual([[0]]);
  });

  it('names a W of the wrong length', () => {
    expect(() => neuronFeatures(new Float64Array(5), 2, 3)).toThrow(/W has length 5/);
  });
});
