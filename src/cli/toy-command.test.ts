import { F64_DIGITS } from '../test-support/tolerances.js';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../core/npy.js';
import { runCli } from '../test-support/run-cli.js';
import { nativeLoads } from '../test-support/backends.js';

const native = await nativeLoads();

const SMALL = ['toy', 'run', '--n', '5', '--m', '2', '--sparsity', '0,0.9', '--steps', '200'];

describe('tegum toy run --json', () => {
  it("prints per instance the contract's fields: sparsity, loss, dimsPerFeature, featureDimensionality, factors, k", async () => {
    const r = await runCli([...SMALL, '--importance', 'decay:0.9', '--seed', '3', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      instances: Record<string, unknown>[];
      config: { seeds: number[]; importance: number[] };
    };
    expect(out.instances).toHaveLength(2);
    expect(out.config.seeds).toEqual([3, 4]);
    expect(out.config.importance[1]).toBeCloseTo(0.9, F64_DIGITS);
    expect(out.instances.map((i) => i.sparsity)).toEqual([0, 0.9]);
    for (const i of out.instances) {
      expect(typeof i.loss).toBe('number');
      expect(typeof i.dimsPerFeature).toBe('number');
      expect(i.featureDimensionality).toHaveLength(5);
      expect(typeof i.k).toBe('number');
      const factors = i.factors as { size: number; dim: number; label: string }[];
      expect(factors.length).toBe(i.k);
      for (const f of factors) expect(Object.keys(f)).toEqual(['features', 'size', 'dim', 'label']);
    }
  });

  it('repeats each sparsity when --instances is a multiple of the list, seeds consecutive', async () => {
    const r = await runCli([...SMALL, '--instances', '4', '--json']);
    const out = JSON.parse(r.stdout) as { instances: { sparsity: number; seed: number }[] };
    expect(out.instances.map((i) => [i.sparsity, i.seed])).toEqual([
      [0, 0],
      [0, 1],
      [0.9, 2],
      [0.9, 3],
    ]);
  });

  it('records --correlated and --anticorrelated sets in the config it prints', async () => {
    const r = await runCli([
      ...SMALL.slice(0, -2),
      '--steps',
      '20',
      '--correlated',
      '0,1',
      '--anticorrelated',
      '2,3',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      config: { correlated: number[][]; anticorrelated: number[][] };
      instances: { sparsity: number }[];
    };
    expect(out.config.correlated).toEqual([[0, 1]]);
    expect(out.config.anticorrelated).toEqual([[2, 3]]);
    // S as given, even where the anticorrelated set is capped (S = 0: |set|·p = 2 → 1).
    expect(out.instances.map((i) => i.sparsity)).toEqual([0, 0.9]);
  });

  it('writes W and b as .npy per instance and a manifest of the config with --save', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-toy-'));
    const r = await runCli([...SMALL, '--save', dir, '--json']);
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      'W_000.npy',
      'W_001.npy',
      'b_000.npy',
      'b_001.npy',
      'manifest.json',
    ]);
    const W = decodeNpy(readFileSync(join(dir, 'W_001.npy')));
    expect(W.shape).toEqual([2, 5]);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      config: { nFeatures: number; steps: number };
      instances: { W: string; sparsity: number }[];
    };
    expect(manifest.config).toMatchObject({ nFeatures: 5, nHidden: 2, steps: 200, lr: 0.001 });
    // Every value that determined the numbers, the optimizer's included, and the identity.
    const full = JSON.parse(r.stdout) as { config: object; identity: string };
    expect(manifest.config).toEqual(full.config);
    expect(full.config).toMatchObject({
      kind: 'toy',
      batchSize: 1024,
      optimizer: 'adamw',
      weightDecay: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      schedule: 'constant',
      seeds: [0, 1],
      featureProbability: [1, 0.09999999999999998],
      backend: native ? 'native' : 'wasm', // 'auto' recorded as the backend that loaded
      threads: 1,
      tegum: { normThreshold: 0.5, cosineTolerance: 0.1, rankTolerance: 0.1 },
    });
    expect(full.identity).toMatch(/^[0-9a-f]{64}$/);
    expect((manifest as unknown as { identity: string }).identity).toBe(full.identity);
    expect(manifest.instances[1]).toMatchObject({ W: 'W_001.npy', sparsity: 0.9 });
    const out = JSON.parse(r.stdout) as { instances: { norms: number[] }[] };
    const col0 = Math.hypot(W.data[0], W.data[5]);
    expect(col0).toBeCloseTo(out.instances[1].norms[0], 6);
  });

  it('writes results and figures with --out, and prints a table without --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-toy-out-'));
    const r = await runCli([...SMALL, '--out', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/instance\s+S\s+loss/);
    expect(r.stdout).toMatch(/200 steps in/);
    for (const f of ['results.json', 'results.csv', 'intro-arrows.svg', 'intro-arrows.png']) {
      expect(existsSync(join(dir, f))).toBe(true);
    }
  });
});

describe('tegum toy run: bad input', () => {
  const bad: [string[], RegExp][] = [
    [['toy', 'run', '--n', '5', '--m', '2'], /needs --preset NAME, or --n, --m and --sparsity/],
    [[...SMALL, '--sparsity', '1'], /outside \[0, 1\)/],
    [[...SMALL, '--importance', 'decay:-1'], /'uniform' or 'decay:R'/],
    [['toy', 'run', '--preset', 'nope'], /must be one of intro, varying-sparsity/],
    [['toy', 'run', '--preset', 'intro', '--n', '5'], /--n cannot be combined with --preset/],
    [[...SMALL, '--instances', '3'], /must be a multiple of the 2 sparsities/],
    [[...SMALL, '--schedule', 'step'], /must be one of constant, linear, cosine/],
    [[...SMALL, '--correlated', '0,1;1,2'], /--correlated: .*overlaps.*sets may not share/],
    [
      [...SMALL, '--anticorrelated', '0,5'],
      /--anticorrelated: .*feature 5 is not an integer in \[0, 5\)/,
    ],
    [[...SMALL, '--correlated', '3'], /--correlated: correlated set \{3\} must list at least two/],
    [[...SMALL, '--correlated', '0,x'], /'0,x' is not a set of feature indices/],
    [[...SMALL, '--correlated', '0,1', '--anticorrelated', '2;1,3'], /--anticorrelated: .*\{2\}/],
  ];
  for (const [args, message] of bad) {
    it(`rejects ${args.slice(2).join(' ')} with one line and exit code 2`, async () => {
      const r = await runCli(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    });
  }
});
