import { describe, expect, it } from 'vitest';
import { neuronFeatureCounts, neuronFeatures, NEURON_FEATURE_SHARE } from './neuron-features.js';

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

describe('neuronFeatureCounts', () => {
  it('counts features per neuron and neurons per feature by hand-computed shares', () => {
    // 4 neurons × 4 features.
    const W = Float64Array.from([
      // feature 1 alone: share 1
      0, 2, 0, 0,
      // features 0 and 1 at 9/25 and 16/25; feature 3 at 0 → two features
      3, -4, 0, 0,
      // shares 1/(1 + 1 + 0.09): 0.478 twice and 0.043 → features 0 and 2
      1, 0, -1, 0.3,
      // dead: norm 0.05, though its shares are large
      0, 0, 0, 0.05,
    ]);
    const r = neuronFeatureCounts(W, 4, 4);
    expect(r.featuresPerNeuron).toEqual([1, 2, 2, 0]);
    expect(r.neuronsPerFeature).toEqual([2, 2, 1, 0]);
    expect(r.aliveNeurons).toBe(3);
    expect(r.representedFeatures).toBe(3);
    expect(r.meanFeaturesPerNeuron).toBeCloseTo(5 / 3, 15);
    expect(r.meanNeuronsPerFeature).toBeCloseTo(5 / 3, 15);
  });

  it('counts a feature at exactly the share threshold', () => {
    // Shares 0.1 and 0.9: with share 0.1 both count, with 0.11 only the second.
    const W = Float64Array.from([Math.sqrt(0.1), Math.sqrt(0.9)]);
    expect(NEURON_FEATURE_SHARE).toBe(0.1);
    expect(neuronFeatureCounts(W, 1, 2, 0.1 * (1 - 1e-12)).featuresPerNeuron).toEqual([2]);
    expect(neuronFeatureCounts(W, 1, 2, 0.11).featuresPerNeuron).toEqual([1]);
  });

  it('gives zeros and no NaN when every neuron is dead', () => {
    const r = neuronFeatureCounts(new Float32Array(6), 2, 3);
    expect(r).toEqual({
      featuresPerNeuron: [0, 0],
      neuronsPerFeature: [0, 0, 0],
      aliveNeurons: 0,
      representedFeatures: 0,
      meanFeaturesPerNeuron: 0,
      meanNeuronsPerFeature: 0,
    });
  });

  it('refuses a share outside (0, 1] and a W of the wrong shape', () => {
    const W = new Float64Array(6);
    expect(() => neuronFeatureCounts(W, 2, 3, 0)).toThrow(/share must be in \(0, 1\], got 0/);
    expect(() => neuronFeatureCounts(W, 2, 3, 1.5)).toThrow(/share must be in \(0, 1\]/);
    expect(() => neuronFeatureCounts(W, 3, 3)).toThrow(/W has length 6/);
  });
});
