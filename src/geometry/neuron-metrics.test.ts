import { describe, expect, it } from 'vitest';
import { MONOSEMANTIC_SHARE, NEURON_ALIVE_NORM, neuronMetrics } from './neuron-metrics.js';

describe('neuronMetrics', () => {
  it('counts monosemantic, polysemantic and dead neurons by hand-computed shares', () => {
    // 4 neurons × 3 features.
    const W = Float64Array.from([
      // one feature: share 1
      0, 2, 0,
      // 3 and 4 on features 0, 1: share 16/25 = 0.64, polysemantic
      3, -4, 0,
      // 0.05, −0.3: share 0.09 / 0.0925 = 0.973, monosemantic
      0, 0.05, -0.3,
      // dead: norm 0.05
      0.03, 0.04, 0,
    ]);
    const r = neuronMetrics(W, 4, 3);
    expect(r.neurons.map((x) => x.topFeature)).toEqual([1, 1, 2, 1]);
    expect(r.neurons[0]).toEqual({
      index: 0,
      norm: 2,
      topFeature: 1,
      share: 1,
      alive: true,
      monosemantic: true,
    });
    expect(r.neurons[1].norm).toBe(5);
    expect(r.neurons[1].share).toBeCloseTo(0.64, 15);
    expect(r.neurons[1].monosemantic).toBe(false);
    expect(r.neurons[2].share).toBeCloseTo(0.09 / 0.0925, 12);
    expect(r.neurons[3].norm).toBeCloseTo(0.05, 15);
    expect(r.neurons[3].alive).toBe(false);
    expect(r.neurons[3].monosemantic).toBe(false);
    expect(r.monosemanticNeurons).toBe(2);
    expect(r.polysemanticNeurons).toBe(1);
  });

  it('gives a zero row share 0 and no NaN, and keeps its thresholds', () => {
    const r = neuronMetrics(new Float32Array(6), 2, 3);
    expect(r.neurons.every((x) => x.share === 0 && x.norm === 0 && !x.alive)).toBe(true);
    expect([r.monosemanticNeurons, r.polysemanticNeurons]).toEqual([0, 0]);
    expect([NEURON_ALIVE_NORM, MONOSEMANTIC_SHARE]).toEqual([0.1, 0.9]);
  });

  it('refuses a wrong shape or a non-finite weight in one line', () => {
    expect(() => neuronMetrics(new Float32Array(5), 2, 3)).toThrow(
      'W has length 5, expected nHidden · nFeatures = 2 · 3 = 6',
    );
    expect(() => neuronMetrics(Float32Array.from([0, NaN]), 1, 2)).toThrow(
      'W[0, 1] is NaN; weights must be finite',
    );
  });
});
