import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIdentity } from '../core/run-identity.js';
import { resolveToyRun } from '../toy/resolve-toy-run.js';
import { ToyDivergenceError } from '../toy/train-toy.js';
import { runToy } from './toy-run.js';

describe('a toy run', () => {
  it('refuses an unknown figure name before any training, writing nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-toy-run-'));
    try {
      let progressed = 0;
      await expect(
        runToy({
          run: resolveToyRun({ n: 3, m: 2, instances: 1, sparsity: 0, steps: 50, backend: 'js' }),
          out,
          figures: ['wtw', 'pie-chart'],
          onProgress: () => progressed++,
        }),
      ).rejects.toThrow(/unknown toy figure 'pie-chart' \(allowed: /);
      expect(progressed).toBe(0);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('trains the resolved run it is given, and records it so that it reruns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-toy-run-'));
    try {
      const run = resolveToyRun({
        n: 5,
        m: 2,
        sparsity: [0, 0.9],
        instances: 4,
        steps: 40,
        batchSize: 64,
        lr: 1e-2,
        seed: 3,
        backend: 'js',
      });
      const steps: number[] = [];
      const r = await runToy({
        run,
        save: join(dir, 'w'),
        out: join(dir, 'o'),
        figures: ['norm-bars'],
        onProgress: (p) => steps.push(p.step),
      });
      expect(steps).toEqual([40]);
      expect(r.config).toEqual(run);
      expect(r.identity).toBe(runIdentity(run));
      expect(r.timing).toMatchObject({ backend: 'js', threads: 1, steps: 40 });
      expect(r.instances.map((x) => [x.seed, x.sparsity])).toEqual([
        [3, 0],
        [4, 0],
        [5, 0.9],
        [6, 0.9],
      ]);
      const manifest = JSON.parse(readFileSync(join(dir, 'w', 'manifest.json'), 'utf8')) as {
        config: unknown;
        identity: string;
      };
      const results = JSON.parse(readFileSync(join(dir, 'o', 'results.json'), 'utf8')) as {
        config: unknown;
      };
      for (const recorded of [manifest.config, results.config]) {
        expect(recorded).toEqual(run);
        expect(resolveToyRun(recorded as typeof run)).toEqual(run);
      }
      expect(manifest.identity).toBe(r.identity);
      expect(readdirSync(join(dir, 'o')).sort()).toEqual([
        'norm-bars.png',
        'norm-bars.svg',
        'results.csv',
        'results.json',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a run that ends far above the all-zero model as diverged, writing nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-toy-run-'));
    try {
      const run = resolveToyRun({
        n: 5,
        m: 2,
        sparsity: 0.5,
        steps: 20,
        batchSize: 64,
        lr: 1000,
        weightDecay: 0,
        backend: 'js',
      });
      const err = await runToy({ run, out, save: out }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ToyDivergenceError);
      expect((err as Error).message).toMatch(/ended worse than the all-zero model's/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
