import { afterAll, describe, expect, it } from 'vitest';
import { setBackend } from '../core/backend.js';
import { WorkerPool } from '../core/worker-pool.js';
import { balancedBounds, toyStepCost, trainToyModelsParallel } from './train-toy-parallel.js';
import { ToyDivergenceError, trainToyModels } from './train-toy.js';
import { resolveToyRun } from './resolve-toy-run.js';

// The workers run the wasm kernels; compare with the single-threaded wasm run.
const pool = await WorkerPool.create(2, 'wasm');
afterAll(() => pool.close());

const input = {
  nFeatures: 9,
  nHidden: 3,
  nInstances: 5,
  batchSize: 64,
  featureProbability: [1, 0.5, 0.3, 0.1, 0.05],
  importance: [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2],
  seed: 4,
  steps: 120,
  lr: 1e-2,
  schedule: 'linear',
};
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

  it('reports divergence with the global instance index', async () => {
    await expect(
      trainToyModelsParallel(
        pool,
        resolveToyRun({ ...input, featureProbability: 1, lr: 1e30, steps: 60 }),
      ),
    ).rejects.toThrow(ToyDivergenceError);
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
