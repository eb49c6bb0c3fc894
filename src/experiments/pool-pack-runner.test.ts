import { afterAll, describe, expect, it } from 'vitest';
import { setBackend, type BackendName } from '../core/backend.js';
import { nativeLoads } from '../test-support/backends.js';
import { WorkerPool } from '../core/worker-pool.js';
import { pack, packTasks } from '../packing/pack.js';
import { resolvePackRun } from '../packing/resolve-pack-run.js';
import { runTasksInThread } from './packing-experiment.js';
import { packOnCores, poolPackRunner } from './pool-pack-runner.js';

// The workers run the wasm kernels; compare with the single-threaded wasm run.
const pool = await WorkerPool.create(2, 'wasm');
afterAll(() => pool.close());

describe('poolPackRunner', () => {
  it('returns, in task order, the very numbers of the single-threaded run', async () => {
    const tasks = [1, 2, 3].flatMap((k) =>
      packTasks(
        resolvePackRun({
          n: 13,
          d: 6,
          blocks: k,
          objective: 'power',
          alpha: 3,
          seed: 5,
          restarts: 2,
          steps: 150,
        }),
      ),
    );
    expect(tasks.length).toBeGreaterThan(4);
    await setBackend('wasm');
    const single = await runTasksInThread(tasks);
    await setBackend('js');
    const seen: number[] = [];
    const pooled = await poolPackRunner(pool)(tasks, (done) => seen.push(done));
    expect(seen).toEqual(tasks.map((_, i) => i + 1));
    expect(pooled.map((r) => r.task)).toEqual(tasks);
    expect(pooled.map((r) => r.loss)).toEqual(single.map((r) => r.loss));
    for (let i = 0; i < tasks.length; i++) {
      expect(Array.from(pooled[i].V)).toEqual(Array.from(single[i].V));
    }
  });

  it('passes a task’s error back as a rejection', async () => {
    const [task] = packTasks(resolvePackRun({ n: 5, d: 2, objective: 'power', alpha: 2 }));
    await expect(
      poolPackRunner(pool)([{ ...task, objective: 'no-such-objective' }]),
    ).rejects.toThrow(/no-such-objective/);
  });
});

const backends: BackendName[] = (await nativeLoads()) ? ['wasm', 'native'] : ['wasm'];

describe.each(backends)('packOnCores on %s', (name) => {
  it('gives the packing of the single-threaded pack on the same backend', async () => {
    const config = resolvePackRun({
      n: 12,
      d: 4,
      blocks: 2,
      objective: 'power',
      alpha: 4,
      seed: 9,
      restarts: 3,
      steps: 100,
      backend: name,
      threads: 2,
    });
    expect(packTasks(config)).toHaveLength(3);
    expect(config.threads).toBe(2);
    await setBackend(name);
    const single = pack(config);
    await setBackend('js');
    const { result, backend } = await packOnCores(config);
    expect(backend).toBe(name);
    expect(result.loss).toBe(single.loss);
    expect(Array.from(result.V)).toEqual(Array.from(single.V));
    await setBackend('js');
  });

  it("runs a single task here, its kernels on the run's threads, to the single-threaded packing", async () => {
    const config = resolvePackRun({
      n: 40,
      d: 8,
      objective: 'power',
      alpha: 1.5,
      seed: 2,
      steps: 60,
      backend: name,
      threads: 2,
    });
    expect(packTasks(config)).toHaveLength(1);
    expect(config.threads).toBe(2);
    await setBackend(name);
    const single = pack(config);
    await setBackend('js');
    const { result, backend } = await packOnCores(config);
    expect(backend).toBe(name);
    expect(result.loss).toBe(single.loss);
    expect(Array.from(result.V)).toEqual(Array.from(single.V));
    await setBackend('js');
  });
});
