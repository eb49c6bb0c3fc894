import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kStarMapSpec, type KStarMapGrid } from '../packing/kstar-map.js';
import { planSweep } from '../sweep/plan-sweep.js';
import { optimum } from '../theory/optimum.js';
import { theoryModel } from '../theory/theory-model.js';
import {
  kStarSweepSource,
  predictedKStar,
  runKStarMap,
  type KStarSource,
} from './kstar-map-experiment.js';

const grid: KStarMapGrid = {
  d: 4,
  ratios: [2, 4],
  alphas: [1, 3],
  restarts: 1,
  steps: 10,
  seed: 1,
};

// Constructed losses: an interior optimum at k = 2 for α = 1, k = 1 at α = 3.
const constructed: KStarSource = async (g, onProgress) => {
  onProgress(1);
  return g.ratios.flatMap((ratio) =>
    g.alphas.flatMap((alpha) =>
      [1, 2, 3, 4].map((k) => ({
        n: ratio * g.d,
        alpha,
        k,
        loss: alpha < 2 ? (k - 2) ** 2 + 1 : k,
      })),
    ),
  );
};

describe('the k* map experiment', () => {
  it('plans one pack job per (n, α, k) of its grid', () => {
    expect(planSweep(kStarMapSpec(grid)).jobs).toHaveLength(16);
  });

  it('reads each packed point back from the sweep engine by its number of blocks', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-kstar-sweep-'));
    try {
      const tiny: KStarMapGrid = {
        d: 2,
        ratios: [2],
        alphas: [1],
        restarts: 1,
        steps: 10,
        seed: 0,
      };
      const points = await kStarSweepSource(out)(tiny, () => undefined);
      expect(points.map((p) => [p.n, p.alpha, p.k]).sort()).toEqual([
        [4, 1, 1],
        [4, 1, 2],
      ]);
      for (const p of points) expect(Number.isFinite(p.loss)).toBe(true);
      // Two orthogonal blocks of 2 vectors in R¹: antipodal pairs, L = 2 · 2 · |cos|^1 = 4.
      expect(points.find((p) => p.k === 2)?.loss).toBe(4);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('predicts k* from a bound in the pair-count form, null outside its domain', () => {
    expect(predictedKStar(64, 8, 1, 'welch')).toBe(
      optimum(theoryModel({ n: 64, d: 8, alpha: 1, bound: 'welch', loss: 'pairs' })).kStar,
    );
    expect(predictedKStar(16, 8, 1, 'jl-cubic')).toBeNull();
  });

  it('maps measured k*, judges the seed’s shape and writes its data and figure', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-kstar-'));
    try {
      const section = await runKStarMap({
        grid,
        out,
        relDir: 'maps',
        full: false,
        source: constructed,
      });
      expect(section.verdict).toBe('holds');
      expect(section.table?.rows).toEqual([
        [2, 2, 1],
        [4, 2, 1],
      ]);
      expect(section.summary).toContain('k* = 1 at 2 of 2 cells with α > 2.5');
      expect(readFileSync(join(out, 'kstar-map.svg'), 'utf8')).toContain('measured k*');
      expect(readFileSync(join(out, 'kstar-map.csv'), 'utf8').split('\n')[0]).toContain(
        'kStarMeasured',
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
