import { F64_DIGITS } from '../test-support/tolerances.js';
import { describe, expect, it } from 'vitest';
import type { ToyInstanceSummary } from './summarize-instance.js';
import { meanFactorDim, spearman, tegumAnalysis } from './tegum-analysis.js';

function run(sparsity: number, loss: number, dims: number[], sizes: number[]): ToyInstanceSummary {
  return {
    instance: 0,
    seed: 0,
    sparsity,
    featureProbability: 1 - sparsity,
    loss,
    dimsPerFeature: 1,
    featureDimensionality: [],
    norms: [],
    superposition: [],
    factors: dims.map((dim, i) => ({
      features: [],
      size: sizes[i],
      dim,
      label: `${sizes[i]}/${dim}`,
    })),
    k: dims.length,
  };
}

describe('spearman', () => {
  it('is 1 for any increasing relation, −1 for decreasing, with ties averaged', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, F64_DIGITS);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, F64_DIGITS);
    // Ranks x: 1, 2.5, 2.5, 4; y: 1, 2, 3, 4 → ρ = 4.5 / √(4.5 · 5).
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), F64_DIGITS);
  });
});

describe('tegumAnalysis', () => {
  it('weights factor dimensions by their features', () => {
    expect(meanFactorDim(run(0, 0, [2, 1], [5, 1]))).toBeCloseTo(11 / 6, F64_DIGITS);
  });

  it('finds the claim holding when k falls and factors grow with sparsity', () => {
    const runs = [
      run(0, 0.1, [1, 1, 1, 1], [1, 1, 1, 1]),
      run(0, 0.2, [1, 1, 1, 1], [1, 1, 1, 1]),
      run(0.5, 0.05, [1, 1], [2, 2]),
      run(0.9, 0.01, [2], [5]),
      run(0.9, 0.02, [1, 1], [2, 2]),
    ];
    const a = tegumAnalysis(runs);
    expect(a.verdict).toBe('holds');
    expect(a.rhoK).toBeLessThan(-0.5);
    expect(a.points.map((p) => p.sparsity)).toEqual([0, 0.5, 0.9]);
    expect(a.points[2].best.labels).toEqual(['5/2']);
    expect(a.points[0].dimCounts).toEqual({ 1: 8 });
    expect(a.points[2].meanK).toBe(1.5);
  });

  it('judges the sparse side apart when dense models have few factors for another reason', () => {
    const pairs = (S: number) => run(S, 0, [1, 1, 1, 1, 1, 1], [2, 2, 2, 2, 2, 2]);
    const runs = [
      run(0, 0, [6], [8]),
      pairs(0.5),
      run(0.7, 0, [1, 1, 2], [2, 2, 5]),
      run(0.9, 0, [6], [20]),
      run(0.95, 0, [6], [20]),
    ];
    const a = tegumAnalysis(runs);
    expect(a.verdict).toBe('mixed');
    expect(a.sparseSide.fromSparsity).toBe(0.5);
    expect(a.sparseSide.rhoK).toBeLessThan(-0.9);
    expect(a.sparseSide.rhoDim).toBeGreaterThan(0.8);
    expect(a.rhoK).toBeGreaterThan(-0.5);
    expect(a.summary).toContain('S = 0.5: 6 × 2/1; S = 0.7: 2 × 2/1 + 5/2; S = 0.9–0.95: 20/6');
  });

  it('finds it failing when k grows with sparsity', () => {
    const runs = [
      run(0, 0, [2], [5]),
      run(0.5, 0, [1, 1], [2, 2]),
      run(0.9, 0, [1, 1, 1], [1, 1, 1]),
    ];
    expect(tegumAnalysis(runs).verdict).toBe('fails');
  });
});
