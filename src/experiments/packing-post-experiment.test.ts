import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setBackend } from '../core/backend.js';
import { runPackTask, type PackTaskResult } from '../packing/pack.js';
import { packingSize, type PackTaskRunner, type SizeResult } from './packing-experiment.js';
import { PACKING_PROFILES } from './packing-profiles.js';
import { POST_BOUND, postSection } from './packing-post-experiment.js';
import { experiments } from './registry.js';

beforeAll(() => setBackend('wasm'));
afterAll(() => setBackend('js'));

// The post profile scaled down to where the corrected bound still has a domain
// (d ≥ 24 ln n): n = 300, d = 256 gives kMax = 2 and k* = 2 at α = 0.5, 1 at α = 2.5.
const SCALED = {
  ...PACKING_PROFILES.post,
  sizes: [{ n: 300, d: 256, ks: [1, 2, 3] }],
  alphas: [0.5, 2.5],
  steps: 15,
};

/** Tasks in this thread, yielding between them so the test runner's messages get through. */
const yielding: PackTaskRunner = async (tasks) => {
  const out: PackTaskResult[] = [];
  for (const task of tasks) {
    out.push(runPackTask(task));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
};

describe('the post profile', () => {
  it('runs at n = 8192, d = 1024 over k = 1…5 and α = 0.5…2.5, in --full only', () => {
    const { post } = PACKING_PROFILES;
    expect(post.sizes).toEqual([{ n: 8192, d: 1024, ks: [1, 2, 3, 4, 5] }]);
    expect(post.alphas).toEqual([0.5, 1, 1.5, 2, 2.5]);
    expect(experiments('full').map((e) => e.id)).toContain('packing-post');
    expect(experiments('quick').map((e) => e.id)).not.toContain('packing-post');
  });

  it('measures L(k) at the given k only and judges the corrected bound on a scaled run', async () => {
    const size = await packingSize(SCALED, SCALED.sizes[0], yielding);
    expect(size.ks).toEqual([1, 2, 3]);
    for (const a of size.alphas) {
      expect(a.measured.map((p) => p.k)).toEqual([1, 2, 3]);
      expect(a.measured[0].normalizedLoss).toBe(1);
      const cubic = a.theory.find((t) => t.bound === POST_BOUND);
      expect(cubic?.kMax).toBe(2);
      expect(cubic?.normalizedLoss[2]).toBeNull(); // k = 3 lies outside its domain
    }
    const section = postSection(size, 'packing-post', 'cmd');
    const agree = size.alphas.filter(
      (a) => a.kStarMeasured === a.theory.find((t) => t.bound === POST_BOUND)?.kStar,
    ).length;
    expect(section.verdict).toBe(agree === 2 ? 'holds' : agree === 0 ? 'fails' : 'mixed');
    expect(section.summary).toContain(`at ${agree} of 2 α`);
    expect(section.table?.rows).toHaveLength(2);
    expect(section.table?.rows[0].slice(0, 4)).toEqual([
      0.5,
      1,
      Number(size.alphas[0].measured[1].normalizedLoss.toPrecision(4)),
      Number(size.alphas[0].measured[2].normalizedLoss.toPrecision(4)),
    ]);
    for (const row of section.table?.rows ?? []) {
      for (const cell of row)
        if (typeof cell === 'number') expect(Number.isFinite(cell)).toBe(true);
    }
  });

  it('says holds, mixed or fails by how many α the measured k* matches', () => {
    const at = (alpha: number, measured: number, predicted: number) => ({
      alpha,
      measured: [],
      kStarMeasured: measured,
      best: { k: measured, factors: measured, factorCounts: [] },
      free: { loss: 1, maxAbsCos: 0, meanAbsCos: 0, factors: 1, factorCounts: [] },
      theory: [{ bound: POST_BOUND, normalizedLoss: [], kStar: predicted, kMax: 5, note: null }],
    });
    const size = (pairs: [number, number][]): SizeResult => ({
      n: 8192,
      d: 1024,
      ks: [1, 2, 3, 4, 5],
      restarts: 1,
      steps: 1,
      alphas: pairs.map(([m, p], i) => at(i, m, p)),
      alphaStarMeasured: { alphaStar: null, bracket: null },
      alphaStarPredicted: [],
      seconds: 1,
    });
    expect(
      postSection(
        size([
          [5, 5],
          [4, 4],
        ]),
        'p',
        'c',
      ).verdict,
    ).toBe('holds');
    expect(
      postSection(
        size([
          [5, 5],
          [1, 4],
        ]),
        'p',
        'c',
      ).verdict,
    ).toBe('mixed');
    expect(
      postSection(
        size([
          [1, 5],
          [1, 4],
        ]),
        'p',
        'c',
      ).verdict,
    ).toBe('fails');
  });
});
