import { F64_DIGITS } from '../test-support/tolerances.js';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../core/npy.js';
import { runCli } from '../test-support/run-cli.js';
import { nativeLoads } from '../test-support/backends.js';
import { neuronMetrics, type NeuronSummary } from '../geometry/neuron-metrics.js';
import { resolveToyRun } from '../toy/resolve-toy-run.js';
import { TOY_RUN_FIELDS, type ToyRunInput } from '../toy/toy-run-schema.js';

const native = await nativeLoads();

const SMALL = ['toy', 'run', '--n', '5', '--m', '2', '--sparsity', '0,0.9', '--steps', '200'];

describe('tegum toy run --json', () => {
  it("prints per instance the contract's fields: sparsity, loss, dimsPerFeature, featureDimensionality, factors, k", async () => {
    const r = await runCli([...SMALL, '--importance', 'decay:0.9', '--seed', '3', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      instances: Record<string, unknown>[];
      config: { seed: number; instances: number; importance: number[] };
    };
    expect(out.instances).toHaveLength(2);
    expect(out.config).toMatchObject({ seed: 3, instances: 2 });
    expect(out.instances.map((i) => i.seed)).toEqual([3, 4]);
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
      config: { n: number; steps: number };
      instances: { W: string; sparsity: number }[];
    };
    expect(manifest.config).toMatchObject({ n: 5, m: 2, steps: 200, lr: 0.001 });
    // Every value that determined the numbers, the optimizer's included, and the identity.
    const full = JSON.parse(r.stdout) as { config: object; identity: string };
    expect(manifest.config).toEqual(full.config);
    expect(full.config).toMatchObject({
      kind: 'toy',
      n: 5,
      m: 2,
      instances: 2,
      sparsity: [0, 0.9],
      importance: [1, 1, 1, 1, 1],
      model: 'relu-output',
      init: 'xavier-normal',
      batchSize: 1024,
      optimizer: 'adamw',
      weightDecay: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      schedule: 'constant',
      seed: 0,
      evalBatches: 16,
      backend: native ? 'native' : 'wasm', // 'auto' recorded as the backend that loaded
      threads: 1,
      normThreshold: 0.5,
      cosineTolerance: 0.1,
      rankTolerance: 0.1,
    });
    // Flat: one name per value, none of the old nested or per-instance forms.
    for (const old of ['seeds', 'featureProbability', 'tegum', 'nFeatures', 'nInstances'])
      expect(full.config).not.toHaveProperty(old);
    expect(full.identity).toMatch(/^[0-9a-f]{64}$/);
    expect((manifest as unknown as { identity: string }).identity).toBe(full.identity);
    expect(manifest.instances[1]).toMatchObject({ W: 'W_001.npy', sparsity: 0.9 });
    const out = JSON.parse(r.stdout) as { instances: { norms: number[] }[] };
    const col0 = Math.hypot(W.data[0], W.data[5]);
    expect(col0).toBeCloseTo(out.instances[1].norms[0], 6);
  });

  it('prints each neuron of the neuron model and the counts, those of the W it saves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-toy-'));
    const r = await runCli([
      ...['toy', 'run', '--n', '6', '--m', '3', '--sparsity', '0,0.9', '--steps', '100'],
      ...['--model', 'neuron', '--importance', 'decay:0.75', '--save', dir, '--json'],
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      config: { model: string };
      instances: {
        neurons: NeuronSummary[];
        monosemanticNeurons: number;
        polysemanticNeurons: number;
      }[];
    };
    expect(out.config.model).toBe('neuron');
    expect(readdirSync(dir).filter((f) => f.startsWith('W2'))).toEqual([]);
    out.instances.forEach((x, i) => {
      const W = decodeNpy(readFileSync(join(dir, `W_00${i}.npy`)));
      expect(W.shape).toEqual([3, 6]);
      const m = neuronMetrics(W.data, 3, 6);
      expect(x.neurons).toHaveLength(3);
      expect(Object.keys(x.neurons[0])).toEqual([
        'index',
        'norm',
        'topFeature',
        'share',
        'alive',
        'monosemantic',
      ]);
      // JSON keeps float64 at full precision: the printed values are the saved W's.
      expect(x.neurons).toEqual(m.neurons);
      expect(x.monosemanticNeurons).toBe(m.monosemanticNeurons);
      expect(x.polysemanticNeurons).toBe(m.polysemanticNeurons);
      expect(x.monosemanticNeurons + x.polysemanticNeurons).toBe(
        m.neurons.filter((k) => k.alive).length,
      );
    });
    // The table adds the counts: monosemantic / polysemantic / dead, as the JSON gives them.
    const table = await runCli([
      ...['toy', 'run', '--n', '6', '--m', '3', '--sparsity', '0,0.9', '--steps', '100'],
      ...['--model', 'neuron', '--importance', 'decay:0.75'],
    ]);
    expect(table.stdout).toMatch(/factors\s+neurons m\/p\/d\n/);
    out.instances.forEach((x, i) => {
      const dead = 3 - x.monosemanticNeurons - x.polysemanticNeurons;
      const row = table.stdout.split('\n').find((l) => l.trimStart().startsWith(`${i} `));
      expect(row).toMatch(
        new RegExp(`\\s${x.monosemanticNeurons}/${x.polysemanticNeurons}/${dead}$`),
      );
    });
  });

  it('takes the optimizer, initialisation, evaluation and analysis fields as flags and records them', async () => {
    const r = await runCli([
      ...SMALL.slice(0, -2),
      '--steps',
      '20',
      '--beta1',
      '0.8',
      '--beta2',
      '0.99',
      '--eps',
      '1e-7',
      '--init',
      'xavier-uniform',
      '--eval-batches',
      '3',
      '--norm-threshold',
      '0.4',
      '--cosine-tolerance',
      '0.2',
      '--rank-tolerance',
      '0.05',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { config: object; identity: string };
    expect(out.config).toMatchObject({
      beta1: 0.8,
      beta2: 0.99,
      eps: 1e-7,
      init: 'xavier-uniform',
      evalBatches: 3,
      normThreshold: 0.4,
      cosineTolerance: 0.2,
      rankTolerance: 0.05,
    });
    // They change the computation, so the identity.
    const plain = await runCli([...SMALL.slice(0, -2), '--steps', '20', '--json']);
    expect((JSON.parse(plain.stdout) as { identity: string }).identity).not.toBe(out.identity);
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

describe('a toy run config from the library', () => {
  it('is a RangeError naming a misspelt key and the allowed ones', () => {
    expect(() =>
      resolveToyRun({ n: 5, m: 2, sparsity: 0.9, batchsize: 64 } as ToyRunInput),
    ).toThrow(
      new RangeError(
        `unknown toy run key 'batchsize' (allowed: ${Object.keys(TOY_RUN_FIELDS).join(', ')})`,
      ),
    );
    expect(() => resolveToyRun({ n: 5, m: 2, sparsity: 0.9, beta_1: 0.8 } as ToyRunInput)).toThrow(
      /^unknown toy run key 'beta_1' \(allowed: n, m, instances, sparsity, .*beta1, beta2, eps, /,
    );
  });
});

describe('tegum toy run: bad input', () => {
  const bad: [string[], RegExp][] = [
    [['toy', 'run', '--n', '5', '--m', '2'], /needs --preset NAME, or --n, --m and --sparsity/],
    [
      [...SMALL, '--sparsity', '1'],
      /--sparsity <list>' argument '1' is invalid\. must be in \[0, 1\)/,
    ],
    [[...SMALL, '--importance', 'decay:-1'], /importance 'decay:R' needs R > 0, got 'decay:-1'/],
    [[...SMALL, '--importance', 'linear'], /--importance <spec>' argument 'linear' is invalid/],
    [[...SMALL, '--init', 'he'], /must be one of xavier-normal, xavier-uniform/],
    [[...SMALL, '--beta1', '1'], /--beta1 <x>' argument '1' is invalid\. must be in \[0, 1\)/],
    [[...SMALL, '--eval-batches', '0'], /--eval-batches <int>' argument '0' is invalid/],
    [[...SMALL, '--feature-probability', '0.1'], /unknown option '--feature-probability'/],
    [['toy', 'run', '--preset', 'nope'], /must be one of intro, varying-sparsity/],
    [['toy', 'run', '--preset', 'intro', '--n', '5'], /--n cannot be combined with --preset/],
    [[...SMALL, '--instances', '3'], /must be a multiple of the 2 sparsities/],
    [[...SMALL, '--schedule', 'step'], /must be one of constant, linear, cosine/],
    [[...SMALL, '--correlated', '0,1;1,2'], /correlated set \{1,2\} overlaps.*sets may not share/],
    [
      [...SMALL, '--anticorrelated', '0,5'],
      /anticorrelated set \{0,5\}: feature 5 is not an integer in \[0, 5\)/,
    ],
    [[...SMALL, '--correlated', '3'], /correlated set \{3\} must list at least two/],
    [[...SMALL, '--correlated', '0,x'], /'0,x' is not a set of feature indices/],
    [
      [...SMALL, '--correlated', '0,1', '--anticorrelated', '2;1,3'],
      /anticorrelated set \{2\} must list at least two/,
    ],
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
