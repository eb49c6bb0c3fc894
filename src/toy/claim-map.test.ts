import { describe, expect, it } from 'vitest';
import { F64_DIGITS } from '../test-support/tolerances.js';
import {
  claimMap,
  claimMapImportance,
  claimMapJobs,
  type ClaimMapGrid,
  type ClaimMapRun,
} from './claim-map.js';
import type { ToyInstanceSummary } from './summarize-instance.js';

const grid: ClaimMapGrid = {
  nFeatures: 6,
  nHidden: 3,
  densities: [1, 0.3, 0.1, 0.03],
  decays: [1, 0.8],
  seeds: 2,
  steps: 0,
  batchSize: 1,
  lr: 1,
};

/** A constructed summary whose factors are `dims` (each factor of `size` features). */
function run(decay: number, density: number, seed: number, dims: number[], size = 2): ClaimMapRun {
  const summary: ToyInstanceSummary = {
    instance: 0,
    seed,
    sparsity: 1 - density,
    featureProbability: density,
    loss: 0.1 + seed,
    dimsPerFeature: 0.5,
    featureDimensionality: [],
    norms: [],
    superposition: [],
    factors: dims.map((dim, i) => ({ features: [i], size, dim, label: `${size}/${dim}` })),
    k: dims.length,
  };
  return { job: { decay, density, seed }, summary };
}

describe('the seed’s claim as a map', () => {
  it('lists every (decay, density, seed) job, decay outermost, with importance r^i', () => {
    const jobs = claimMapJobs(grid);
    expect(jobs).toHaveLength(16);
    expect(jobs[0]).toEqual({ decay: 1, density: 1, seed: 0 });
    expect(jobs[15]).toEqual({ decay: 0.8, density: 0.03, seed: 1 });
    expect(claimMapImportance(grid, 0.8).map((v) => Number(v.toFixed(4)))).toEqual([
      1, 0.8, 0.64, 0.512, 0.4096, 0.3277,
    ]);
  });

  it('averages k and factor dimension over seeds, judges each row, and flags the dense uniform corner', () => {
    const runs: ClaimMapRun[] = [];
    for (const seed of [0, 1]) {
      // Uniform importance: one rotated 3-dimensional factor when dense, then 3 pairs, then fewer, larger factors.
      runs.push(run(1, 1, seed, [3], 3));
      runs.push(run(1, 0.3, seed, [1, 1, 1]));
      runs.push(run(1, 0.1, seed, [1, 2]));
      runs.push(run(1, 0.03, seed, [3], 6));
      // Decaying importance: k falls and dimension grows monotonically.
      runs.push(run(0.8, 1, seed, [1, 1, 1], 1));
      runs.push(run(0.8, 0.3, seed, seed ? [1, 1, 1] : [1, 2]));
      runs.push(run(0.8, 0.1, seed, [1, 2]));
      runs.push(run(0.8, 0.03, seed, [3], 6));
    }
    const { cells, rows } = claimMap(grid, runs);
    expect(cells).toHaveLength(8);
    const at = (decay: number, density: number) =>
      cells.find((c) => c.decay === decay && c.density === density);
    expect(at(0.8, 0.3)).toMatchObject({ meanK: 2.5, k: [2, 3] });
    expect(at(0.8, 0.3)?.meanFactorDim).toBeCloseTo((1.5 + 1) / 2, F64_DIGITS);
    expect(cells.filter((c) => c.degenerate).map((c) => [c.decay, c.density])).toEqual([[1, 1]]);
    expect(rows.find((r) => r.decay === 0.8)?.analysis.verdict).toBe('holds');
    expect(rows.find((r) => r.decay === 1)?.analysis.verdict).toBe('mixed');
  });
});
