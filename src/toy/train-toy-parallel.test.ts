import { afterAll, describe, expect, it } from 'vitest';
import { setBackend } from '../core/backend.js';
import { WorkerPool } from '../core/worker-pool.js';
import { balancedBounds, toyStepCost, trainToyModelsParallel } from './train-toy-parallel.js';
import { ToyDivergenceError, trainToyModels } from './train-toy.js';
import { resolveToyRun } from './resolve-toy-run.js';
import { sparsityOf } from './presets.js';
import type { ToyRunInput } from './toy-run-schema.js';

// The workers run the wasm kernels; compare with the single-threaded wasm run.
const pool = await WorkerPool.create(2, 'wasm');
afterAll(() => pool.close());

const input = {
  n: 9,
  m: 3,
  instances: 5,
  batchSize: 64,
  sparsity: sparsityOf([1, 0.5, 0.3, 0.1, 0.05]),
  importance: [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2],
  seed: 4,
  steps: 120,
  lr: 1e-2,
  schedule: 'linear',
} satisfies ToyRunInput;
const config = resolveToyRun(input);

describe('trainToyModelsParallel', () => {
  it('equals the single-threaded run number for number, reporting progress per stretch', async () => {
    await setBackend('wasm');
    const single = trainToyModels(config);
    const seen: number[] = [];
    const parallel = await trainToyModelsParallel(pool, config, (p) => seen.push(p.step), 50);
    expect(seen).toEqual([50, 100, 120]);
    expect(Array.from(parallel.state.W)).toEqual(Array.from(single.state.W));
    expect(Array.from(parallel.state.b)).toEqual(Array.from(single.state.b));
    expect(Array.from(parallel.finalLoss)).toEqual(Array.from(single.finalLoss));
    await setBackend('js');
  });

  it('slices per-feature sparsities, per-instance importance and feature sets alike', async () => {
    await setBackend('wasm');
    const n = input.n;
    const run = resolveToyRun({
      ...input,
      // Pairs of features share S, varying with the instance.
      sparsity: Array.from(
        { length: 5 * n },
        (_, k) => [0, 0.5, 0.9][(Math.floor((k % n) / 2) + Math.floor(k / n)) % 3],
      ),
      importance: Array.from({ length: 5 * n }, (_, k) => 1 - k / 100),
      correlated: [[0, 1]],
      anticorrelated: [[2, 3]],
      steps: 30,
    });
    const single = trainToyModels(run);
    const parallel = await trainToyModelsParallel(pool, run, undefined, 20);
    expect(Array.from(parallel.state.W)).toEqual(Array.from(single.state.W));
    expect(Array.from(parallel.state.b)).toEqual(Array.from(single.state.b));
    expect(Array.from(parallel.state.rngState)).toEqual(Array.from(single.state.rngState));
    expect(Array.from(parallel.finalLoss)).toEqual(Array.from(single.finalLoss));
    // No steps: the freshly drawn models.
    const none = await trainToyModelsParallel(pool, { ...run, steps: 0 });
    expect(Array.from(none.state.W)).toEqual(
      Array.from(trainToyModels({ ...run, steps: 0 }).state.W),
    );
    await setBackend('js');
  });

  it('equals the single-threaded run for the abs model: W2 travels in the snapshots', async () => {
    await setBackend('wasm');
    const run = resolveToyRun({ ...input, m: 6, model: 'abs', steps: 60 });
    const single = trainToyModels(run);
    const parallel = await trainToyModelsParallel(pool, run, undefined, 25);
    expect(single.state.W2.length).toBe(5 * 9 * 6);
    expect(Array.from(parallel.state.W2)).toEqual(Array.from(single.state.W2));
    expect(Array.from(parallel.state.W)).toEqual(Array.from(single.state.W));
    expect(Array.from(parallel.state.b)).toEqual(Array.from(single.state.b));
    expect(Array.from(parallel.finalLoss)).toEqual(Array.from(single.finalLoss));
    // Trained: the second layer moved from its draw.
    const drawn = trainToyModels({ ...run, steps: 0 }).state.W2;
    expect(Array.from(parallel.state.W2)).not.toEqual(Array.from(drawn));
    await setBackend('js');
  });

  it('reports divergence with the global instance index', async () => {
    // Instances 3 and 4 (the second worker's slice, local indices 0 and 1) get an
    // importance whose squared-error sum overflows float32 at the first step.
    const n = input.n;
    const importance = Array.from({ length: input.instances * n }, (_, k) =>
      k >= 3 * n ? 3e38 : 1,
    );
    const bounds = balancedBounds(
      input.sparsity.map(() => 1),
      2,
    );
    expect(bounds[1]).toBe(3);
    const err = await trainToyModelsParallel(
      pool,
      resolveToyRun({ ...input, sparsity: 0, importance, steps: 60 }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToyDivergenceError);
    expect((err as ToyDivergenceError).instances).toEqual([3, 4]);
    expect((err as ToyDivergenceError).message).toMatch(
      /instance\(s\) 3, 4; likely cause: importance/,
    );
  });
});

describe('balancedBounds', () => {
  it('gives costly instances smaller slices and every slice at least one instance', () => {
    // Total 3.5, half 1.75: closed after the costly one and one more.
    expect(balancedBounds([1.5, 0.5, 0.5, 0.5, 0.5], 2)).toEqual([0, 2, 5]);
    // The costly instance alone outweighs the rest.
    expect(balancedBounds([1.05, 0.15, 0.15, 0.15, 0.15], 2)).toEqual([0, 1, 5]);
    expect(balancedBounds([0.55, 0.55, 0.55], 3)).toEqual([0, 1, 2, 3]);
    expect(balancedBounds([1.05, 0.05], 2)).toEqual([0, 1, 2]);
  });
});

describe('toyStepCost', () => {
  it('prices a dense instance at the factored form, a few times a sparse one', () => {
    // The geometry preset's extremes: p = 1 takes the factored form (its cost grows with m,
    // not n), p = 0.05 the Gram form.
    const dense = toyStepCost(1, 200, 20, 1024);
    const sparse = toyStepCost(0.05, 200, 20, 1024);
    expect(dense / sparse).toBeGreaterThan(2);
    expect(dense / sparse).toBeLessThan(4);
    expect(toyStepCost(0.5, 200, 20, 1024)).toBeLessThan(dense);
  });
});
