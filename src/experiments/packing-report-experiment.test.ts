import { describe, expect, it } from 'vitest';
import type { AlphaResult, SizeResult } from './packing-experiment.js';
import { packingSections } from './packing-report-experiment.js';

function alpha(a: number, bestFactors: number): AlphaResult {
  return {
    alpha: a,
    measured: [],
    kStarMeasured: bestFactors,
    best: { k: bestFactors, factors: bestFactors, factorCounts: [] },
    free: { loss: 1, maxAbsCos: 0.5, meanAbsCos: 0.2, factors: bestFactors, factorCounts: [] },
    theory: [{ bound: 'welch', normalizedLoss: [], kStar: bestFactors, kMax: 8, note: null }],
  };
}

function size(d: number, alphaStar: number, factorsBelow: number): SizeResult {
  return {
    n: 64,
    d,
    ks: [1, 2, 4, 8],
    restarts: 1,
    steps: 10,
    alphas: [alpha(1, factorsBelow), alpha(3, 1)],
    alphaStarMeasured: { alphaStar, bracket: [alphaStar - 0.5, alphaStar] },
    alphaStarPredicted: [{ bound: 'welch', alphaStar: 2, note: null }],
    seconds: 1,
  };
}

describe('packingSections', () => {
  it('calls the interior optimum failed when the best packings below 2 use k = d', () => {
    const [transition, structure] = packingSections([size(8, 2, 8)], 'packing', 'quick');
    expect(structure.verdict).toBe('fails');
    expect(structure.summary).toMatch(/^0 of 1 points/);
    // Sides right, transition at 2 rather than a little above: mixed.
    expect(transition.verdict).toBe('mixed');
    expect(transition.table?.rows[0]).toEqual([64, 8, '(1.5, 2]', 2]);
  });

  it('calls the interior optimum held when every best packing below 2 has 1 < k < d', () => {
    const [transition, structure] = packingSections([size(8, 2.1, 4)], 'packing', 'quick');
    expect(structure.verdict).toBe('holds');
    expect(transition.verdict).toBe('holds');
  });

  it('links every size’s figures under the experiment’s folder', () => {
    const [transition] = packingSections([size(8, 2, 8), size(16, 2, 16)], 'packing', 'full');
    expect(transition.figures.map((f) => f.path)).toEqual([
      'packing/n64-d8/loss-vs-k.svg',
      'packing/n64-d16/loss-vs-k.svg',
    ]);
    expect(transition.command).toContain('--profile full');
  });
});
