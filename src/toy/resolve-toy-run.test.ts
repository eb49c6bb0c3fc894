import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/canonical-json.js';
import { TEGUM_VERSION } from '../core/version.js';
import { runIdentity } from '../core/run-identity.js';
import { readFileSync } from 'node:fs';
import { createToyState } from './create-toy-state.js';
import { evaluateToyLoss } from './evaluate-toy-loss.js';
import { measureToyRun, ZERO_MODEL_FACTOR } from './measure-toy-run.js';
import { defaultToyThreads, resolveToyRun, sliceToyRun } from './resolve-toy-run.js';
import { TOY_RUN_FIELDS, type ToyRunInput } from './toy-run-schema.js';
import { ToyDivergenceError, trainToyModels } from './train-toy.js';

const small = { n: 4, m: 2, sparsity: [0, 0.5, 0.9] } satisfies ToyRunInput;

describe('resolveToyRun', () => {
  it("writes out every effective value with the notebook's defaults", () => {
    expect(resolveToyRun(small)).toEqual({
      kind: 'toy',
      n: 4,
      m: 2,
      instances: 3,
      sparsity: [0, 0.5, 0.9],
      importance: [1, 1, 1, 1],
      correlated: [],
      anticorrelated: [],
      model: 'relu-output',
      init: 'xavier-normal',
      steps: 10_000,
      batchSize: 1024,
      lr: 1e-3,
      schedule: 'constant',
      optimizer: 'adamw',
      weightDecay: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      seed: 0,
      evalBatches: 16,
      evalSeed: 12345,
      normThreshold: 0.5,
      cosineTolerance: 0.1,
      rankTolerance: 0.1,
      backend: 'wasm',
      threads: 1,
    });
    // Every declared field is written out, and nothing else.
    expect(Object.keys(resolveToyRun(small)).sort()).toEqual(
      ['kind', ...Object.keys(TOY_RUN_FIELDS)].sort(),
    );
  });

  it('takes weight decay 0 for plain Adam and keeps given values', () => {
    const r = resolveToyRun({ ...small, optimizer: 'adam', seed: 7, beta2: 0.99, eps: 1e-6 });
    expect(r).toMatchObject({ weightDecay: 0, seed: 7, beta2: 0.99, eps: 1e-6 });
    const given = resolveToyRun({
      ...small,
      init: 'xavier-uniform',
      model: 'linear',
      steps: 0,
      batchSize: 7,
      lr: 0.05,
      schedule: 'cosine',
      weightDecay: 0.1,
      beta1: 0.5,
      evalBatches: 3,
      normThreshold: 0.2,
      cosineTolerance: 0.3,
      rankTolerance: 0.4,
      backend: 'js',
    });
    expect(given).toMatchObject({
      init: 'xavier-uniform',
      model: 'linear',
      steps: 0,
      batchSize: 7,
      lr: 0.05,
      schedule: 'cosine',
      weightDecay: 0.1,
      beta1: 0.5,
      evalBatches: 3,
      normThreshold: 0.2,
      cosineTolerance: 0.3,
      rankTolerance: 0.4,
      backend: 'js',
    });
  });

  it('evaluates on 4 batches past 50 features, 16 up to them', () => {
    expect(resolveToyRun({ ...small, n: 50 }).evalBatches).toBe(16);
    expect(resolveToyRun({ ...small, n: 51 }).evalBatches).toBe(4);
  });

  it("resolves 'auto' and the default threads from the target, one thread for small runs", () => {
    const target = { auto: 'native', cores: 8 } as const;
    const big = { n: 100, m: 10, instances: 4, sparsity: 0.9 };
    expect(resolveToyRun(big, target)).toMatchObject({ backend: 'native', threads: 4 });
    expect(resolveToyRun({ ...big, instances: 20 }, target).threads).toBe(8);
    expect(resolveToyRun(small, target)).toMatchObject({ backend: 'native', threads: 1 });
    expect(resolveToyRun({ ...big, backend: 'js' }, target).backend).toBe('js');
    // Given threads are kept, at most one per instance.
    expect(resolveToyRun({ ...big, threads: 2 }, target).threads).toBe(2);
    expect(resolveToyRun({ ...big, threads: 16 }, target).threads).toBe(4);
    // The one rule: n·m·instances < 2000 trains on one thread.
    expect(defaultToyThreads(10, 10, 19, 8)).toBe(1);
    expect(defaultToyThreads(10, 10, 20, 8)).toBe(8);
    expect(defaultToyThreads(100, 10, 3, 8)).toBe(3);
    // The neuron models use the pool however small, and WebAssembly below 100 weights a layer.
    expect(defaultToyThreads(5, 2, 4, 8, 'neuron')).toBe(4);
    expect(defaultToyThreads(5, 2, 4, 8, 'relu-output')).toBe(1);
    const neuron = { n: 10, m: 5, instances: 16, sparsity: 0.9, model: 'neuron' } as const;
    expect(resolveToyRun(neuron, target)).toMatchObject({ backend: 'wasm', threads: 8 });
    expect(resolveToyRun({ ...neuron, n: 20, model: 'abs' }, target)).toMatchObject({
      backend: 'native',
      threads: 8,
    });
    expect(resolveToyRun({ ...neuron, model: 'relu-output' }, target).backend).toBe('native');
    expect(resolveToyRun(neuron, { auto: 'js', cores: 1 }).backend).toBe('js');
  });

  describe('spreads sparsity over the instances', () => {
    it('one number: one instance, or every instance', () => {
      expect(resolveToyRun({ n: 3, m: 1, sparsity: 0.9 })).toMatchObject({
        instances: 1,
        sparsity: [0.9],
      });
      expect(resolveToyRun({ n: 3, m: 1, sparsity: 0.9, instances: 3 }).sparsity).toEqual([
        0.9, 0.9, 0.9,
      ]);
    });

    it('a list: one per instance, each repeated to fill the instances (consecutive seeds)', () => {
      expect(resolveToyRun({ n: 3, m: 1, sparsity: [0, 0.5] })).toMatchObject({
        instances: 2,
        sparsity: [0, 0.5],
      });
      const r = resolveToyRun({ n: 3, m: 1, sparsity: [0, 0.5], instances: 6, seed: 10 });
      expect(r.sparsity).toEqual([0, 0, 0, 0.5, 0.5, 0.5]);
      expect(r.seed).toBe(10);
      expect(() => resolveToyRun({ n: 3, m: 1, sparsity: [0, 0.5], instances: 3 })).toThrow(
        'instances 3 must be a multiple of the 2 sparsities given (each repeated with its own seed), or sparsity must have instances × n = 9 entries',
      );
    });

    it('[instances × n]: one per instance and feature', () => {
      const perFeature = [0.9, 0.9, 0.5, 0.5, 0.8, 0.8, 0.8, 0.8, 0, 0, 0.99, 0.99];
      const r = resolveToyRun({ ...small, sparsity: perFeature, instances: 3 });
      expect(r).toMatchObject({ instances: 3, sparsity: perFeature });
      const state = createToyState(r);
      expect(Array.from(state.featureProbability)).toEqual(
        Array.from(Float32Array.from(perFeature, (s) => 1 - s)),
      );
    });

    it('refuses an empty list, saying what is allowed', () => {
      expect(() => resolveToyRun({ ...small, sparsity: [] })).toThrow(
        /^sparsity must not be empty, got \[\]$/,
      );
      expect(() => resolveToyRun({ ...small, importance: [] })).toThrow(
        /^importance must .*, got \[\]$/,
      );
    });

    it('refuses S outside [0, 1): S = 1 (a feature never active) included', () => {
      const bad: [number | number[], string][] = [
        [1, '1'],
        [-0.1, '-0.1'],
        [1.5, '1.5'],
        [[0, 1.5, 0], '[0, 1.5, 0]'],
      ];
      for (const [sparsity, got] of bad) {
        expect(() => resolveToyRun({ ...small, sparsity })).toThrow(
          `sparsity must be in [0, 1), got ${got}`,
        );
      }
      expect(() => resolveToyRun({ ...small, sparsity: Number.NaN })).toThrow(
        /^sparsity must .*, got NaN$/,
      );
      expect(() => resolveToyRun({ ...small, sparsity: '0.5' as unknown as number })).toThrow(
        /sparsity must be a number in \[0, 1\) or a non-empty list of them/,
      );
    });
  });

  describe('spreads importance over the features', () => {
    it("'uniform', 'decay:R', a number, [n] shared, or [instances × n]", () => {
      expect(resolveToyRun({ ...small, importance: 'uniform' }).importance).toEqual([1, 1, 1, 1]);
      expect(resolveToyRun({ ...small, importance: 'decay:0.5' }).importance).toEqual([
        1, 0.5, 0.25, 0.125,
      ]);
      expect(resolveToyRun({ ...small, importance: 2 }).importance).toEqual([2, 2, 2, 2]);
      expect(resolveToyRun({ ...small, importance: [1, 0.9, 0.8, 0.7] }).importance).toEqual([
        1, 0.9, 0.8, 0.7,
      ]);
      const perInstance = Array.from({ length: 12 }, (_, k) => k / 12);
      const r = resolveToyRun({ ...small, importance: perInstance });
      expect(r.importance).toEqual(perInstance);
      expect(Array.from(createToyState(r).importance)).toEqual(
        Array.from(Float32Array.from(perInstance)),
      );
      // [n] is held once and repeated per instance in the state.
      expect(
        Array.from(createToyState(resolveToyRun({ ...small, importance: 'decay:0.5' })).importance),
      ).toEqual([0, 1, 2].flatMap(() => [1, 0.5, 0.25, 0.125]));
    });

    it('refuses a bad spec, length or value, naming what is allowed', () => {
      expect(() => resolveToyRun({ ...small, importance: [1, 1] })).toThrow(
        'importance must have n = 4 or instances × n = 12 entries, got 2',
      );
      expect(() => resolveToyRun({ ...small, importance: 'x' })).toThrow(
        "importance must be 'uniform' or 'decay:R' with R > 0, got 'x'",
      );
      expect(() => resolveToyRun({ ...small, importance: 'decay:0' })).toThrow(
        "importance 'decay:R' needs R > 0, got 'decay:0'",
      );
      expect(() => resolveToyRun({ ...small, importance: 'decay:1e300' })).toThrow(
        /importance gives a weight past the float32 range \(1e\+300\) for n = 4/,
      );
      expect(() => resolveToyRun({ ...small, importance: 1e300 })).toThrow(/importance must/);
      expect(() => resolveToyRun({ ...small, importance: -1 })).toThrow(/importance must/);
    });
  });

  describe('is strict', () => {
    it('refuses an unknown key with a RangeError naming it and the allowed keys', () => {
      const misspelt = { ...small, sparsityy: 0.5 } as ToyRunInput;
      expect(() => resolveToyRun(misspelt)).toThrow(RangeError);
      expect(() => resolveToyRun(misspelt)).toThrow(
        /^unknown toy run key 'sparsityy' \(allowed: n, m, instances, sparsity, importance, /,
      );
      // The old names are unknown keys now, each named.
      for (const old of [
        'nFeatures',
        'nHidden',
        'nInstances',
        'featureProbability',
        'seeds',
        'tegum',
      ]) {
        expect(() => resolveToyRun({ ...small, [old]: 1 } as ToyRunInput)).toThrow(
          `unknown toy run key '${old}'`,
        );
      }
    });

    it("requires n, m and sparsity; takes kind 'toy' only, and undefined as absent", () => {
      expect(() => resolveToyRun({ m: 2, sparsity: 0 })).toThrow('n is required');
      expect(() => resolveToyRun({ n: 2, sparsity: 0 })).toThrow('m is required');
      expect(() => resolveToyRun({ n: 2, m: 1 })).toThrow('sparsity is required');
      expect(() => resolveToyRun({ ...small, kind: 'pack' } as ToyRunInput)).toThrow(
        "kind must be 'toy' here, got 'pack'",
      );
      expect(resolveToyRun({ ...small, kind: 'toy' } as ToyRunInput)).toEqual(resolveToyRun(small));
      expect(resolveToyRun({ ...small, lr: undefined, seed: undefined })).toEqual(
        resolveToyRun(small),
      );
      for (const bad of [undefined, null, 3, 'toy', [small]]) {
        expect(() => resolveToyRun(bad as never)).toThrow(
          /^a toy run must be an object of its fields, got /,
        );
      }
    });

    it('names the bad field, what is allowed and what it got', () => {
      expect(() => resolveToyRun({ ...small, n: 0 })).toThrow('n must be an integer ≥ 1, got 0');
      expect(() => resolveToyRun({ ...small, m: 2.5 })).toThrow(
        'm must be an integer ≥ 1, got 2.5',
      );
      expect(() => resolveToyRun({ ...small, batchSize: 0 })).toThrow(
        'batchSize must be an integer from 1 to 1048576, got 0',
      );
      expect(() => resolveToyRun({ ...small, steps: -1 })).toThrow(
        'steps must be an integer ≥ 0, got -1',
      );
      expect(() => resolveToyRun({ ...small, beta1: 1 })).toThrow('beta1 must be in [0, 1), got 1');
      expect(() => resolveToyRun({ ...small, lr: 0 })).toThrow(
        'lr must be a finite number > 0, got 0',
      );
      expect(() => resolveToyRun({ ...small, lr: Number.POSITIVE_INFINITY })).toThrow(
        'lr must be a finite number > 0, got Infinity',
      );
      expect(() => resolveToyRun({ ...small, seed: -1 })).toThrow(
        'seed must be an integer ≥ 0, got -1',
      );
      expect(() => resolveToyRun({ ...small, optimizer: 'sgd' as 'adam' })).toThrow(
        "optimizer must be one of adamw, adam, got 'sgd'",
      );
      expect(() => resolveToyRun({ ...small, schedule: 'step' })).toThrow(
        "schedule must be one of constant, linear, cosine, got 'step'",
      );
      expect(() => resolveToyRun({ ...small, backend: 'gpu' as 'js' })).toThrow(
        /backend must be one of auto, native, wasm, js, got 'gpu'/,
      );
      expect(() => resolveToyRun({ ...small, cosineTolerance: 2 })).toThrow(
        'cosineTolerance must be in [0, 1], got 2',
      );
    });
  });

  it('resolves a resolved run to itself, also through JSON (so any recorded run reruns)', () => {
    const inputs: ToyRunInput[] = [
      small,
      { ...small, instances: 6, seed: 3, importance: 'decay:0.9' },
      {
        ...small,
        instances: 2,
        sparsity: [0.9, 0.9, 0.5, 0.5, 0.8, 0.8, 0.8, 0.8],
        correlated: '0,1',
        anticorrelated: '2,3',
      },
      { ...small, importance: Array.from({ length: 12 }, (_, k) => k + 1), optimizer: 'adam' },
      { n: 1, m: 1, sparsity: [0.5, 0.2], instances: 4, schedule: 'linear', steps: 0 },
    ];
    for (const input of inputs) {
      const once = resolveToyRun(input);
      expect(resolveToyRun(once)).toEqual(once);
      expect(resolveToyRun(JSON.parse(JSON.stringify(once)) as ToyRunInput)).toEqual(once);
    }
    // What the target chose is recorded, so the run resolves alike on another machine.
    const there = resolveToyRun(
      { n: 100, m: 10, instances: 4, sparsity: 0.9 },
      {
        auto: 'native',
        cores: 8,
      },
    );
    expect(resolveToyRun(there)).toEqual(there);
  });

  it('refuses lr × weight decay ≥ 1, naming both', () => {
    expect(() => resolveToyRun({ ...small, lr: 100 })).toThrow(
      /^lr × weightDecay must be < 1, got 100 × 0.01 = 1: /,
    );
    expect(() => resolveToyRun({ ...small, lr: 50, weightDecay: 0.02 })).toThrow(
      /lr × weightDecay must be < 1, got 50 × 0.02 = 1/,
    );
    expect(() => resolveToyRun({ ...small, lr: 1, weightDecay: 0.99 })).not.toThrow();
    // Plain Adam's default decay is 0: any lr passes.
    expect(() => resolveToyRun({ ...small, lr: 100, optimizer: 'adam' })).not.toThrow();
    expect(() => resolveToyRun({ ...small, lr: 100, weightDecay: 0 })).not.toThrow();
  });

  it('checks feature sets against n, each other and the sparsities', () => {
    const perFeature = [0.9, 0.9, 0.5, 0.5, 0.8, 0.8, 0.8, 0.8, 0, 0, 0.99, 0.99];
    const r = resolveToyRun({
      ...small,
      instances: 3,
      sparsity: perFeature,
      correlated: [[0, 1]],
      anticorrelated: [[3, 2]],
    });
    expect(r).toMatchObject({
      sparsity: perFeature,
      correlated: [[0, 1]],
      anticorrelated: [[3, 2]],
    });
    // Text is the flag's form: the same sets.
    expect(resolveToyRun({ ...small, correlated: '0,1;2,3' }).correlated).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(() => resolveToyRun({ ...small, correlated: [[0, 4]] })).toThrow(
      'correlated set {0,4}: feature 4 is not an integer in [0, 4)',
    );
    expect(() => resolveToyRun({ ...small, anticorrelated: '1,4' })).toThrow(
      /feature 4 is not an integer in \[0, 4\)/,
    );
    expect(() =>
      resolveToyRun({
        ...small,
        correlated: [
          [0, 1],
          [1, 3],
        ],
      }),
    ).toThrow(/correlated set \{1,3\} overlaps correlated set \{0,1\} at feature 1/);
    expect(() =>
      resolveToyRun({ ...small, instances: 3, sparsity: perFeature, correlated: [[1, 2]] }),
    ).toThrow(/correlated set \{1,2\} mixes feature probabilities \(instance 0: 0.1\d* and 0.5\)/);
    expect(() => resolveToyRun({ ...small, correlated: [[2]] })).toThrow(/at least two features/);
    expect(() =>
      resolveToyRun({ ...small, anticorrelated: [0, 1] as unknown as number[][] }),
    ).toThrow(
      "anticorrelated must be feature sets: 'i,j;k,l' (semicolon-separated sets of comma-separated indices), 'none', or a list of lists of indices, got [0, 1]",
    );
    expect(() => resolveToyRun({ ...small, correlated: '0,1;x' })).toThrow(
      /^correlated 'x' is not a set of feature indices/,
    );
  });
});

describe('sliceToyRun', () => {
  it('slices instances into the same run for those instances alone', () => {
    const r = resolveToyRun({
      ...small,
      importance: [1, 0.9, 0.8, 0.7],
      seed: 4,
      threads: 3,
      steps: 3,
      batchSize: 8,
    });
    const s = sliceToyRun(r, 1, 3);
    expect(s).toEqual({
      ...r,
      instances: 2,
      sparsity: [0.5, 0.9],
      seed: 5,
      importance: [1, 0.9, 0.8, 0.7],
      threads: 2,
    });
    // The slice's models are the run's instances 1 and 2, trained alike.
    const size = r.m * r.n;
    const whole = trainToyModels(r).state;
    const part = trainToyModels(s).state;
    expect(Array.from(part.W)).toEqual(Array.from(whole.W.subarray(size, 3 * size)));
    expect(Array.from(part.b)).toEqual(Array.from(whole.b.subarray(r.n, 3 * r.n)));
  });

  it('slices per-feature sparsities and per-instance importance', () => {
    const perFeature = [0.9, 0.9, 0.5, 0.5, 0.8, 0.8, 0.8, 0.8, 0, 0, 0.99, 0.99];
    const importance = Array.from({ length: 12 }, (_, k) => k + 1);
    const r = resolveToyRun({ ...small, sparsity: perFeature, importance, instances: 3 });
    const s = sliceToyRun(r, 1, 3);
    expect(s).toMatchObject({
      instances: 2,
      sparsity: perFeature.slice(4, 12),
      importance: importance.slice(4, 12),
      seed: 1,
    });
    expect(resolveToyRun(s)).toEqual(s);
  });

  it('refuses bounds outside the run', () => {
    const r = resolveToyRun(small);
    expect(() => sliceToyRun(r, 2, 4)).toThrow(RangeError);
    expect(() => sliceToyRun(r, 2, 1)).toThrow(RangeError);
    expect(() => sliceToyRun(r, -1, 1)).toThrow(RangeError);
    expect(() => sliceToyRun(undefined as never, 0, 1)).toThrow(/sliceToyRun: run/);
  });
});

describe('measureToyRun', () => {
  it('reports a run that ends far above the all-zero model as diverged (lr 1000, no decay)', () => {
    // Adam moves every weight by about lr a step: the loss stays finite (so training itself
    // stops nothing) but ends ~1e11 against the zero model's ~0.3.
    const run = resolveToyRun({
      n: 5,
      m: 2,
      sparsity: [0, 0.5, 0.9],
      steps: 20,
      batchSize: 64,
      lr: 1000,
      weightDecay: 0,
      seed: 1,
    });
    const { state, finalLoss } = trainToyModels(run);
    expect(finalLoss.every((l) => Number.isFinite(l))).toBe(true);
    const zero = evaluateToyLoss(
      new Float64Array(3),
      { ...state, W: new Float32Array(state.W.length), b: new Float32Array(state.b.length) },
      run.evalBatches,
    );
    const loss = evaluateToyLoss(new Float64Array(3), state, run.evalBatches);
    for (let i = 0; i < 3; i++) expect(loss[i]).toBeGreaterThan(ZERO_MODEL_FACTOR * zero[i]);
    let err: unknown = null;
    try {
      measureToyRun(run, state);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ToyDivergenceError);
    const e = err as ToyDivergenceError;
    expect(e.step).toBe(20);
    expect(e.instances).toEqual([0, 1, 2]);
    expect(e.message).toMatch(
      /^toy training diverged at step 20: loss \S+ ended worse than the all-zero model's \S+ for instance\(s\) 0, 1, 2; likely cause: learning rate 1000/,
    );
  });

  it('summarises every instance of a normal short run, each below the all-zero model', () => {
    const run = resolveToyRun({
      n: 5,
      m: 2,
      sparsity: [0, 0.5, 0.9],
      steps: 100,
      batchSize: 64,
      lr: 1e-2,
      seed: 1,
    });
    const { state } = trainToyModels(run);
    const rows = measureToyRun(run, state);
    const zero = evaluateToyLoss(
      new Float64Array(3),
      { ...state, W: new Float32Array(state.W.length), b: new Float32Array(state.b.length) },
      run.evalBatches,
    );
    expect(rows.map((r) => r.instance)).toEqual([0, 1, 2]);
    expect(rows.map((r) => r.seed)).toEqual([1, 2, 3]);
    expect(rows.map((r) => r.sparsity)).toEqual([0, 0.5, 0.9]);
    rows.forEach((r, i) => {
      expect(r.loss).toBeLessThan(zero[i]);
      expect(r.loss).toEqual(evaluateToyLoss(new Float64Array(3), state, run.evalBatches)[i]);
    });
  });

  it('does not judge an untrained run (steps 0) against the zero model', () => {
    const run = resolveToyRun({ n: 5, m: 2, sparsity: 0.99, steps: 0, seed: 1 });
    expect(measureToyRun(run, createToyState(run))).toHaveLength(1);
  });
});

describe('a run identity', () => {
  it('is sha256 of the canonical JSON (sorted keys) and the version, whatever the key order', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: 'x', u: undefined })).toBe(
      '{"a":"x","b":[1,{"c":3,"d":2}]}',
    );
    const a = resolveToyRun(small);
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(runIdentity(reordered)).toBe(runIdentity(a));
    expect(runIdentity(a)).toMatch(/^[0-9a-f]{64}$/);
    // Any value, and the version, changes it.
    expect(runIdentity({ ...a, eps: 1e-7 })).not.toBe(runIdentity(a));
    expect(runIdentity(a, '9.9.9')).not.toBe(runIdentity(a));
  });

  it('is the same for 1 and 2 threads, whose numbers agree, and differs with the seed or the backend', () => {
    const one = resolveToyRun({ ...small, threads: 1 });
    const two = resolveToyRun({ ...small, threads: 2 });
    expect(two.threads).toBe(2);
    expect(runIdentity(two)).toBe(runIdentity(one));
    expect(runIdentity(resolveToyRun({ ...small, seed: 1 }))).not.toBe(runIdentity(one));
    expect(runIdentity(resolveToyRun({ ...small, backend: 'js' }))).not.toBe(runIdentity(one));
  });

  it("uses the package's version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(TEGUM_VERSION).toBe((pkg as { version: string }).version);
  });

  it('refuses a non-finite number', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('$.a[1] must be finite, got NaN');
  });
});
