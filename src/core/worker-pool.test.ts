import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoolWorkerCrashError, WorkerPool } from './worker-pool.js';

// Workers load built JavaScript: a task module written here, and dist/ (built by `npm test`).
const dir = mkdtempSync(join(tmpdir(), 'tegum-pool-'));
const tasks = join(dir, 'tasks.mjs');
writeFileSync(
  tasks,
  [
    "import { threadId } from 'node:worker_threads';",
    'export function square(x) { return { x2: x * x, thread: threadId }; }',
    'export function fail() { throw new RangeError("bad argument"); }',
    'export function exitWorker() { process.exit(3); }',
    'export function crashLater() { setTimeout(() => { throw new Error("boom"); }, 1); return new Promise(() => {}); }',
  ].join('\n'),
);
const module = pathToFileURL(tasks);

describe('WorkerPool', () => {
  let pool: WorkerPool;
  beforeAll(async () => {
    pool = await WorkerPool.create(2, 'wasm');
  });
  afterAll(() => pool.close());

  it('runs tasks on its workers and returns their results in order', async () => {
    const out = await pool.map<{ x2: number }>(
      [1, 2, 3, 4, 5].map((x) => ({ module, name: 'square', args: [x] })),
    );
    expect(out.map((r) => r.x2)).toEqual([1, 4, 9, 16, 25]);
  });

  it('reports a failing task as a rejected promise and keeps working', async () => {
    await expect(pool.run({ module, name: 'fail', args: [] })).rejects.toThrow(/bad argument/);
    await expect(pool.run({ module, name: 'nothing', args: [] })).rejects.toThrow(
      /no exported function nothing/,
    );
    await expect(pool.run({ module, name: 'square', args: [3] })).resolves.toMatchObject({
      x2: 9,
    });
  });

  it('replaces a worker that exits mid-task and fails that task with a clear error, never hanging', async () => {
    const crash = pool.run({ module, name: 'exitWorker', args: [] });
    // Queued behind the crash: must still run, on the survivors and the replacement.
    const after = pool.map<{ x2: number; thread: number }>(
      [1, 2, 3, 4, 5, 6].map((x) => ({ module, name: 'square', args: [x] })),
    );
    await expect(crash).rejects.toThrow(PoolWorkerCrashError);
    await expect(crash).rejects.toThrow(
      /\(exit code 3\) while running exitWorker; it was replaced/,
    );
    const done = await after;
    expect(done.map((r) => r.x2)).toEqual([1, 4, 9, 16, 25, 36]);
    // Two tasks at once land on two workers: the pool is back to its size.
    const pair = await pool.map<{ thread: number }>(
      [1, 2].map((x) => ({ module, name: 'square', args: [x] })),
    );
    expect(new Set(pair.map((r) => r.thread)).size).toBe(2);
  });

  it('replaces a worker killed by an uncaught error, naming the error', async () => {
    await expect(pool.run({ module, name: 'crashLater', args: [] })).rejects.toThrow(
      /\(uncaught error: boom\) while running crashLater/,
    );
    const again = await pool.map<{ x2: number }>(
      [7, 8, 9].map((x) => ({ module, name: 'square', args: [x] })),
    );
    expect(again.map((r) => r.x2)).toEqual([49, 64, 81]);
  });

  it('rejects a pool size that is not a positive integer', async () => {
    await expect(WorkerPool.create(0)).rejects.toThrow(/pool size must be a positive integer/);
  });
});
