import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../core/npy.js';
import { runIdentity } from '../core/run-identity.js';
import { neuronMetrics } from '../geometry/neuron-metrics.js';
import { resolveToyRun } from '../toy/resolve-toy-run.js';
import { instanceBias, instanceW2, instanceWeights } from '../toy/summarize-instance.js';
import { ToyDivergenceError, trainToyModels } from '../toy/train-toy.js';
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

  it('saves the abs model’s W [m, n], W2 [n, m] and b per instance, and records its neurons', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-toy-run-'));
    try {
      const run = resolveToyRun({
        model: 'abs',
        n: 4,
        m: 3,
        sparsity: [0, 0.8],
        steps: 30,
        batchSize: 32,
        lr: 1e-2,
        seed: 5,
        backend: 'js',
      });
      const r = await runToy({ run, save: join(dir, 'w'), out: join(dir, 'o') });
      // A model with neurons draws them by default.
      expect(readdirSync(join(dir, 'o'))).toContain('neuron-bars.svg');
      expect(readdirSync(join(dir, 'w')).sort()).toEqual([
        'W2_000.npy',
        'W2_001.npy',
        'W_000.npy',
        'W_001.npy',
        'b_000.npy',
        'b_001.npy',
        'manifest.json',
      ]);
      // The same resolved run trained again gives the same numbers bit for bit (seeded, one
      // thread): the saved files must be its instances' W, W2 and b in the stated layout.
      const { state } = trainToyModels(run);
      const read = (f: string) => decodeNpy(readFileSync(join(dir, 'w', f)));
      for (const i of [0, 1]) {
        const W = read(`W_00${i}.npy`);
        const W2 = read(`W2_00${i}.npy`);
        const b = read(`b_00${i}.npy`);
        expect(W.shape).toEqual([3, 4]);
        expect(W2.shape).toEqual([4, 3]);
        expect(b.shape).toEqual([4]);
        expect(W.data).toEqual(instanceWeights(state, i));
        expect(W2.data).toEqual(instanceW2(state, i));
        expect(b.data).toEqual(instanceBias(state, i));
        // The record's neurons are those of the saved first layer.
        const m = neuronMetrics(W.data, 3, 4);
        expect(r.instances[i]).toMatchObject({
          neurons: m.neurons,
          monosemanticNeurons: m.monosemanticNeurons,
          polysemanticNeurons: m.polysemanticNeurons,
        });
      }
      const manifest = JSON.parse(readFileSync(join(dir, 'w', 'manifest.json'), 'utf8')) as {
        shapes: Record<string, number[]>;
        layout: string;
        instances: Record<string, unknown>[];
      };
      expect(manifest.shapes).toEqual({ W: [3, 4], W2: [4, 3], b: [4] });
      expect(manifest.layout).toContain('W2_iii.npy');
      expect(manifest.instances[1]).toMatchObject({
        W: 'W_001.npy',
        W2: 'W2_001.npy',
        b: 'b_001.npy',
      });
      const csv = readFileSync(join(dir, 'o', 'results.csv'), 'utf8').split('\n');
      const header = csv[0].split(',');
      const row = csv[2].split(',');
      expect(Number(row[header.indexOf('monosemanticNeurons')])).toBe(
        r.instances[1].monosemanticNeurons,
      );
      expect(Number(row[header.indexOf('polysemanticNeurons')])).toBe(
        r.instances[1].polysemanticNeurons,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records no neurons for the models without a privileged basis, and saves no W2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-toy-run-'));
    try {
      for (const model of ['relu-output', 'linear'] as const) {
        const run = resolveToyRun({ model, n: 4, m: 2, sparsity: 0.5, steps: 5, backend: 'js' });
        const r = await runToy({ run, save: join(dir, model), out: join(dir, model), figures: [] });
        expect(r.instances[0]).not.toHaveProperty('neurons');
        expect(r.instances[0]).not.toHaveProperty('monosemanticNeurons');
        expect(readdirSync(join(dir, model)).filter((f) => f.startsWith('W2'))).toEqual([]);
        const [header, row] = readFileSync(join(dir, model, 'results.csv'), 'utf8').split('\n');
        // The columns are there, empty.
        const at = header.split(',').indexOf('monosemanticNeurons');
        expect(at).toBeGreaterThan(0);
        expect(row.split(',')[at]).toBe('');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
