import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { F64_DIGITS } from '../test-support/tolerances.js';
import { bestOfSeeds, twoInOneAxes, type TwoInOneGrid } from '../toy/phase-2in1-grid.js';
import { analyticTwoInOne } from '../toy/phase-2in1-solutions.js';
import {
  runTwoInOne,
  twoInOneRow,
  twoInOneSection,
  type TwoInOneJob,
  type TwoInOneSource,
  type TwoInOneTrained,
} from './phase-2in1-experiment.js';

// A 2 × 2 grid: r ∈ {0.1, 10}, p ∈ {1, 0.01}, 2 seeds; a constructed source "trains", per
// job, the single feature the computed diagram predicts at p = 1 and an antipodal pair at
// p = 0.01 — except seed 1 at (10, 0.01), a worse single feature.
const grid: TwoInOneGrid = { importancePoints: 2, densityPoints: 2, seeds: 2, steps: 0 };
function trainedAt(j: TwoInOneJob): TwoInOneTrained {
  const p = j.density;
  if (p === 1) {
    return j.relativeImportance < 1
      ? { w: [1, 0], b: [0, p / 2], loss: 0 }
      : { w: [0, 1], b: [p / 2, 0], loss: 0 };
  }
  if (j.relativeImportance === 10 && j.seed === 1) return { w: [1, 0], b: [0, p / 2], loss: 0 };
  return { w: [1, -1], b: [0, 0], loss: 0 };
}
const constructed: TwoInOneSource = async (g, onProgress) => {
  onProgress(1);
  const { relativeImportance, density } = twoInOneAxes(g);
  return relativeImportance.flatMap((r) =>
    density.flatMap((p) =>
      Array.from({ length: g.seeds }, (_, seed) => {
        const job = { relativeImportance: r, density: p, seed };
        return twoInOneRow(job, trainedAt(job), analyticTwoInOne(r, p));
      }),
    ),
  );
};

describe('the 2-in-1 phase diagram experiment', () => {
  it('keeps the best seed by exact loss, measures agreement, and writes its data and figure', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-phase-'));
    try {
      const result = await runTwoInOne({ grid, out, source: constructed });
      expect(result.rows).toHaveLength(8);
      expect(result.best).toHaveLength(4);
      // The worse seed 1 at (10, 0.01) loses to seed 0's antipodal pair.
      const corner = result.best.find((r) => r.relativeImportance === 10 && r.density === 0.01);
      expect(corner?.seed).toBe(0);
      expect(corner?.solution).toBe('antipodal');
      expect(result.agreement).toEqual({ agree: 4, total: 4, rate: 1 });
      // Exact losses per feature: the unit pair's (1 + r) p²/6, halved.
      expect(corner?.exactLoss).toBeCloseTo((11 * 0.01 * 0.01) / 6 / 2, F64_DIGITS);
      const csv = readFileSync(join(out, 'jobs.csv'), 'utf8');
      expect(csv.split('\n')[0]).toContain('relativeImportance,density,seed');
      expect(csv).toContain('analyticSolution');
      expect(readFileSync(join(out, 'phase-2in1.svg'), 'utf8')).toContain('Agreement: 4 of 4');
      const section = twoInOneSection(result, 'phase-2in1', false);
      expect(section.verdict).toBe('holds');
      expect(section.summary).toContain('agree on 4 of 4 grid points (100.0%');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('counts a disagreement where the best trained seed is not the computed solution', () => {
    const row = (seed: number, exactLoss: number, solution: 'feature1' | 'antipodal') => ({
      relativeImportance: 1,
      density: 0.5,
      seed,
      loss: 0,
      exactLoss,
      w: [1, 0] as [number, number],
      b: [0, 0] as [number, number],
      solution,
      analyticSolution: 'antipodal' as const,
      analyticLoss: 0,
    });
    const best = bestOfSeeds([row(0, 0.2, 'antipodal'), row(1, 0.1, 'feature1')]);
    expect(best).toHaveLength(1);
    expect(best[0].seed).toBe(1);
    expect(best[0].solution).not.toBe(best[0].analyticSolution);
  });
});
