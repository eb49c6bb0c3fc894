import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setBackend } from './backend.js';
import { WorkerPool } from './worker-pool.js';
import { trainToy, trainToyParallel } from './toy-task.js';
import type { ToyConfig } from './toy-state.js';

// Workers load the built JavaScript (dist/), which `npm test` builds before running vitest.
describe('WorkerPool', () => {
  let pool: WorkerPool;
  beforeAll(async () => {
    pool = await WorkerPool.create(2, 'wasm');
  });
  afterAll(() => pool.close());

  it('trains instances split across workers exactly as one thread does', async () => {
    await setBackend('wasm');
    const config: ToyConfig = {
      nInstances: 5,
      nFeatures: 11,
      nHidden: 3,
      batchSize: 64,
      featureProbability: [1, 0.5, 0.2, 0.1, 0.05],
      importance: Array.from({ length: 11 }, (_, i) => 0.9 ** i),
      seed: 9,
    };
    const single = trainToy(config, 20, 1e-2);
    const split = await trainToyParallel(pool, config, 20, 1e-2);
    expect(Array.from(split.W)).toEqual(Array.from(single.W));
    expect(Array.from(split.b)).toEqual(Array.from(single.b));
    expect(Array.from(split.loss)).toEqual(Array.from(single.loss));
  });

  it('reports a failing task as a rejected promise and keeps working', async () => {
    const module = new URL('../../dist/core/toy-task.js', import.meta.url);
    await expect(pool.run({ module, name: 'trainToy', args: [{}, 1, 1e-3] })).rejects.toThrow(
      /nInstances must be a positive integer/,
    );
    await expect(pool.run({ module, name: 'nothing', args: [] })).rejects.toThrow(
      /no exported function nothing/,
    );
    const ok = await pool.run<{ loss: Float32Array }>({
      module,
      name: 'trainToy',
      args: [{ nInstances: 1, nFeatures: 2, nHidden: 1, featureProbability: 1 }, 1, 1e-3],
    });
    expect(ok.loss.length).toBe(1);
  });

  it('rejects a pool size that is not a positive integer', async () => {
    await expect(WorkerPool.create(0)).rejects.toThrow(/pool size must be a positive integer/);
  });
});
