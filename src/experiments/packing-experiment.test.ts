import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packingTolerances } from '../test-support/tolerances.js';
import { resolvePackRun } from '../packing/resolve-pack-run.js';
import { kValues } from './packing-experiment.js';
import { runPackingExperiment } from './run-packing-experiment.js';

describe('the packing experiment', () => {
  it('tries every k up to the cap, then d/2^j above it', () => {
    expect(kValues(8, 32)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(kValues(128, 32)).toEqual([...Array.from({ length: 32 }, (_, i) => i + 1), 64, 128]);
  });

  it('writes figures and data, and finds k* = 1 at α = 3 and the tegum side at α = 0.5 (n = 16, d = 4)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-packexp-'));
    const result = await runPackingExperiment({
      out,
      profile: {
        name: 'test',
        sizes: [{ n: 16, d: 4 }],
        alphas: [0.5, 3],
        restarts: 2,
        steps: 1500,
        kCap: 4,
        seed: 1,
      },
    });
    for (const f of result.written) expect(existsSync(f)).toBe(true);
    expect(result.written.some((f) => f.endsWith('loss-vs-k.png'))).toBe(true);
    const [size] = result.sizes;
    const [low, high] = size.alphas;
    expect(high.kStarMeasured).toBe(1);
    expect(low.kStarMeasured).toBeGreaterThan(1);
    // At α = 0.5 the best packing is a tegum product of d = 4 collinear groups of 4.
    expect(low.best.factors).toBe(4);
    expect(size.alphaStarMeasured).toEqual({ alphaStar: 3, bracket: [0.5, 3] });
    const welch = size.alphaStarPredicted.find((p) => p.bound === 'welch');
    expect(welch?.alphaStar).toBeCloseTo(2, packingTolerances.predictedAlphaStarDigits);
    const cubic = size.alphaStarPredicted.find((p) => p.bound === 'jl-cubic');
    expect(cubic?.alphaStar).toBeNull();
    expect(cubic?.note).toMatch(/domain is empty/);
    const csv = readFileSync(join(out, 'n16-d4', 'loss-vs-k.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^alpha,k,loss,normalizedLoss/);
    // Each point records the resolved packing run that gave it, in data.json too.
    const point = low.measured.find((p) => p.k === 2);
    expect(point?.config).toEqual(
      resolvePackRun({
        n: 16,
        d: 4,
        blocks: 2,
        objective: 'power',
        alpha: 0.5,
        seed: 1,
        restarts: 2,
        steps: 1500,
        relativeTolerance: 1e-7,
        backend: result.backend ?? undefined,
        threads: result.threads ?? undefined,
      }),
    );
    const data = JSON.parse(readFileSync(join(out, 'n16-d4', 'data.json'), 'utf8'));
    expect(data.alphas[0].measured[1].config).toEqual(point?.config);
  });

  it("gives the same numbers when its tasks run one by one on every core ('kernels')", async () => {
    const profile = {
      name: 'test',
      sizes: [{ n: 12, d: 4, ks: [1, 2] }],
      alphas: [1.5],
      restarts: 2,
      steps: 300,
      kCap: 2,
      seed: 3,
    };
    const run = (schedule: 'tasks' | 'kernels') =>
      runPackingExperiment({
        out: mkdtempSync(join(tmpdir(), `tegum-packexp-${schedule}-`)),
        profile: { ...profile, schedule },
        threads: 2,
        backend: 'wasm',
      });
    const [pooled, inThread] = [await run('tasks'), await run('kernels')];
    expect(inThread.threads).toBe(2);
    const losses = (r: typeof pooled) => r.sizes[0].alphas[0].measured.map((p) => p.loss);
    expect(losses(inThread)).toEqual(losses(pooled));
  });
});
