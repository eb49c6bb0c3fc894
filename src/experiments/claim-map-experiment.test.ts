import { describe, expect, it } from 'vitest';
import { F64_EXACT_DIGITS } from '../test-support/tolerances.js';
import { planSweep } from '../sweep/plan-sweep.js';
import {
  claimMapSpec,
  decayOf,
  type ClaimMapCell,
  type ClaimMapGrid,
  type ClaimMapRow,
} from '../toy/claim-map.js';
import type { TegumAnalysis } from '../toy/tegum-analysis.js';
import { claimMapRunOf, claimMapSummary } from './claim-map-experiment.js';

const grid: ClaimMapGrid = {
  nFeatures: 6,
  nHidden: 3,
  densities: [1, 0.1, 0.01],
  decays: [1, 0.8],
  seeds: 2,
  steps: 0,
  batchSize: 1,
  lr: 1,
};
const cell = (decay: number, density: number, meanK: number, degenerate = false): ClaimMapCell => ({
  decay,
  density,
  meanK,
  meanFactorDim: 3 / meanK,
  k: [meanK],
  degenerate,
});
const analysis = (verdict: TegumAnalysis['verdict'], rho: number) =>
  ({
    verdict,
    rhoK: -rho,
    rhoDim: rho,
    sparseSide: { fromSparsity: 0, rhoK: -rho, rhoDim: rho },
  }) as TegumAnalysis;

describe('the claim map’s summary', () => {
  it('states each row’s verdict and where k first falls, and explains the degenerate corner', () => {
    const cells = [
      cell(1, 1, 1, true),
      cell(1, 0.1, 3),
      cell(1, 0.01, 1),
      cell(0.8, 1, 3),
      cell(0.8, 0.1, 3),
      cell(0.8, 0.01, 2),
    ];
    const rows: ClaimMapRow[] = [
      { decay: 1, analysis: analysis('mixed', 0.2) },
      { decay: 0.8, analysis: analysis('holds', 0.9) },
    ];
    const text = claimMapSummary(grid, cells, rows);
    expect(text).toContain('r = 0.8: holds (ρ(S, k) = -0.90');
    expect(text).toContain('mean k first below 3 at S = 0.99');
    expect(text).toContain('r = 1: mixed');
    expect(text).toContain('reads as one factor of dimension 3');
    expect(text).toContain('it is why the uniform row reads mixed');
    const plain = claimMapSummary(
      grid,
      cells.map((c) => ({ ...c, degenerate: false })),
      rows,
    );
    expect(plain).not.toContain('degenerate');
  });
});

describe('the claim map on the sweep engine', () => {
  it('plans one toy job per (decay, density, seed), importance as decay:R and sparsity = 1 − density', () => {
    const plan = planSweep(claimMapSpec(grid));
    expect(plan.jobs).toHaveLength(grid.decays.length * grid.densities.length * grid.seeds);
    expect(plan.axisColumns.map((c) => c.name)).toEqual(['importance', 'sparsity']);
    expect([...new Set(plan.jobs.map((j) => j.point.sparsity))]).toEqual([0, 0.9, 0.99]);
    const job = plan.jobs.find((j) => j.point.importance === 'decay:0.8');
    expect((job?.config as { importance: number[] }).importance.slice(0, 3)).toEqual([
      1,
      0.8,
      0.8 * 0.8,
    ]);
    expect(decayOf('decay:0.8')).toBe(0.8);
    expect(() => decayOf('uniform')).toThrow(/'decay:R' with R > 0/);
  });

  it('reads a stored row back as a map run', () => {
    const run = claimMapRunOf(
      {
        importance: 'decay:0.9',
        sparsity: 0.9,
        seed: 2,
        loss: 0.01,
        dimsPerFeature: 0.5,
        k: 2,
        factors: [
          { features: [0, 1], size: 2, dim: 1, label: 'antipodal pair' },
          { features: [2, 3, 4], size: 3, dim: 2, label: 'triangle' },
        ],
        featureDimensionality: [0.5, 0.5],
      },
      4,
    );
    expect(run.job).toEqual({ decay: 0.9, density: 0.1, seed: 2 });
    expect(run.summary).toMatchObject({ instance: 4, seed: 2, k: 2, loss: 0.01 });
    expect(run.summary.sparsity).toBeCloseTo(0.9, F64_EXACT_DIGITS);
  });
});
