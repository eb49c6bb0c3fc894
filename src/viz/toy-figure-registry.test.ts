import { describe, expect, it } from 'vitest';
import { toyPreset, toyPresetNames } from '../toy/presets.js';
import {
  checkToyFigureNames,
  registerToyFigure,
  spread,
  toyFigure,
  toyFigureNames,
} from './toy-figure-registry.js';

describe('the toy figure registry', () => {
  it('holds every figure a preset names', () => {
    for (const name of toyPresetNames()) {
      expect(() => checkToyFigureNames(toyPreset(name).figures)).not.toThrow();
    }
    expect(toyFigureNames()).toContain('intro-arrows');
    expect(toyFigureNames()).toContain('sparse-limit');
  });

  it('refuses an unknown name, naming the registered ones, and a taken name', () => {
    expect(() => toyFigure('pie-chart')).toThrow(
      /unknown toy figure 'pie-chart' \(allowed: intro-arrows, norm-bars/,
    );
    expect(() => checkToyFigureNames(['wtw', 'pie-chart'])).toThrow(/'pie-chart'/);
    expect(() => registerToyFigure({ name: 'wtw', draw: () => null })).toThrow(
      "toy figure 'wtw' is already registered",
    );
  });

  it('draws nothing where the run cannot show the figure', () => {
    const input = {
      instances: [],
      weights: [],
      importance: [1, 1, 1],
      nHidden: 3,
      normThreshold: 0.5,
    };
    expect(toyFigure('intro-arrows').draw(input)).toBeNull();
    expect(toyFigure('tegum-factors').draw(input)).toBeNull();
    expect(toyFigure('sparse-limit').draw(input)).toBeNull();
    expect(toyFigure('feature-sets').draw({ ...input, correlated: [[0, 1]] })).toBeNull(); // m = 3
    expect(toyFigure('feature-sets').draw({ ...input, nHidden: 2 })).toBeNull(); // no sets
  });

  it('draws the feature sets of a run in the plane, one panel per chosen seed', () => {
    const W = [1, 0, -1, 0, 0, 1, 0, -1]; // [2, 4]: 0 ⊥ 1, 2 = −0, 3 = −1
    const instances = [0, 1].map((seed) => ({
      instance: seed,
      seed,
      sparsity: 0.9,
      featureProbability: 0.1,
      loss: 1e-3,
      dimsPerFeature: 0.5,
      featureDimensionality: [],
      norms: [],
      superposition: [],
      factors: [],
      k: 0,
    }));
    const svg = toyFigure('feature-sets').draw({
      instances,
      weights: instances.map(() => ({ W, nHidden: 2, nFeatures: 4, sparsity: 0.9 })),
      importance: [1, 1, 1, 1],
      nHidden: 2,
      normThreshold: 0.5,
      correlated: [
        [0, 1],
        [2, 3],
      ],
    });
    expect(svg?.match(/<svg/g)).toHaveLength(3);
    expect(svg).toContain('seed 1, loss 1.00e-3');
  });

  it('draws the neurons of a model with neurons, and nothing for one without', () => {
    const W = [1, 0, 0, 0.6, 0, 0.8]; // [2, 3]: a monosemantic neuron, a polysemantic one
    const instance = {
      instance: 0,
      seed: 4,
      sparsity: 0.9,
      featureProbability: 0.1,
      loss: 1e-3,
      dimsPerFeature: 0.5,
      featureDimensionality: [],
      norms: [],
      superposition: [],
      factors: [],
      k: 0,
    };
    const input = {
      instances: [instance],
      weights: [{ W, nHidden: 2, nFeatures: 3, sparsity: 0.9 }],
      importance: [1, 1, 1],
      nHidden: 2,
      normThreshold: 0.5,
    };
    // A relu-output record carries no neurons.
    expect(toyFigure('neuron-bars').draw(input)).toBeNull();
    expect(toyFigure('neuron-weights').draw(input)).toBeNull();
    const withNeurons = {
      ...input,
      instances: [{ ...instance, neurons: [], monosemanticNeurons: 1, polysemanticNeurons: 1 }],
    };
    const bars = toyFigure('neuron-bars').draw(withNeurons);
    expect(bars?.match(/<svg/g)).toHaveLength(2);
    expect(bars).toContain('S = 0.9, seed 4');
    expect([...(bars ?? '').matchAll(/<text[^>]*>([MP])<\/text>/g)].map((x) => x[1])).toEqual([
      'M',
      'P',
    ]);
    expect(toyFigure('neuron-weights').draw(withNeurons)).toContain('<svg');
  });

  it('spreads a long list evenly, keeping the first and the last', () => {
    expect(spread([0, 1, 2, 3, 4, 5, 6, 7, 8], 3)).toEqual([0, 4, 8]);
    expect(spread([0, 1], 5)).toEqual([0, 1]);
  });
});
