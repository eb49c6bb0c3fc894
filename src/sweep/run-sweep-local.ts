/**
 * Runs a sweep on this machine's cores (docs/ARCHITECTURE.md §5.4): the jobs not yet in the store
 * go to a WorkerPool, one job per worker at a time, each on one thread; every
 * finished job is stored as one row the moment it returns. Rerunning skips stored
 * jobs, so a run killed at any moment and rerun ends with every job stored once, with
 * the same numbers (a job's result depends only on its config). A worker that dies
 * is replaced and its job retried (twice at most); a job that fails (e.g. divergence)
 * is reported and left unstored.
 */
import { availableParallelism } from 'node:os';
import { companionUrl } from '../core/companion-url.js';
import { PoolWorkerCrashError, WorkerPool } from '../core/worker-pool.js';
import type { SweepJob, SweepPlan } from './plan-sweep.js';
import { ResultStore } from './result-store.js';
import type { SweepJobResult, SweepJobTask } from './run-job.js';
import { removeOrphanedWeights, storePlanOf, sweepRow, writeKeptArrays } from './sweep-row.js';

/** Where and how to run. */
export interface SweepRunOptions {
  /** The sweep directory (the store is DIR/results.duckdb). */
  out: string;
  /** Worker threads; default all cores. */
  threads?: number;
  /** Called after every stored job and once at the start. */
  onProgress?: (done: number, total: number) => void;
}

/** A job that failed, and why. */
export interface FailedJob {
  key: string;
  seed: number;
  point: SweepJob['point'];
  error: string;
}

/** What a run did. */
export interface SweepRunSummary {
  name: string;
  kind: string;
  out: string;
  /** Jobs in the plan. */
  total: number;
  /** Jobs of the plan in the store now. */
  done: number;
  /** Jobs run (and stored) by this run. */
  ran: number;
  /** Jobs found already stored. */
  skipped: number;
  /**
   * Queued runs: jobs that workers finished while no coordinator ran (a coordinator
   * killed, then rerun), stored when this run began.
   */
  collected?: number;
  failed: FailedJob[];
  wallSeconds: number;
  /** Local runs: the pool's threads. */
  threads?: number;
  /** The queue URL when run through a queue. */
  queue?: string;
}

const RETRIES = 2;

/** Runs the plan's missing jobs on a local worker pool. */
export async function runSweepLocal(
  plan: SweepPlan,
  options: SweepRunOptions,
): Promise<SweepRunSummary> {
  const t0 = performance.now();
  const store = await ResultStore.open(options.out, storePlanOf(plan));
  removeOrphanedWeights(options.out);
  try {
    const stored = await store.storedJobs();
    const todo = plan.jobs.filter((j) => !stored.has(`${j.key}:${j.seed}`));
    const total = plan.jobs.length;
    let done = total - todo.length;
    options.onProgress?.(done, total);
    const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), todo.length));
    const failed: FailedJob[] = [];
    if (todo.length > 0) {
      const pool = await WorkerPool.create(threads);
      const module = companionUrl('./run-job.js', import.meta.url);
      const keepArrays = plan.spec.keep.includes('weights');
      let writes = Promise.resolve();
      try {
        await Promise.all(
          todo.map(async (job) => {
            const task: SweepJobTask = { kind: plan.kind.name, config: job.config, keepArrays };
            let result: SweepJobResult | undefined;
            for (let attempt = 0; result === undefined; attempt++) {
              try {
                result = await pool.run<SweepJobResult>({
                  module,
                  name: 'runSweepJob',
                  args: [task],
                });
              } catch (err) {
                if (err instanceof PoolWorkerCrashError && attempt < RETRIES) continue;
                failed.push({
                  key: job.key,
                  seed: job.seed,
                  point: job.point,
                  error: String((err as Error).message),
                });
                return;
              }
            }
            const finished = result;
            // One write at a time, in completion order; a row that cannot be stored
            // (a non-finite metric) fails its job, not the sweep.
            writes = writes.then(async () => {
              try {
                writeKeptArrays(options.out, job, finished.arrays);
                await store.insert(sweepRow(plan, job, finished));
                options.onProgress?.(++done, total);
              } catch (err) {
                failed.push({
                  key: job.key,
                  seed: job.seed,
                  point: job.point,
                  error: (err as Error).message,
                });
              }
            });
            await writes;
          }),
        );
      } finally {
        await writes.catch(() => undefined);
        await pool.close();
      }
    }
    await store.settle();
    return {
      name: plan.spec.name,
      kind: plan.kind.name,
      out: options.out,
      total,
      done: await store.specDone(),
      ran: todo.length - failed.length,
      skipped: total - todo.length,
      failed,
      wallSeconds: (performance.now() - t0) / 1000,
      threads,
    };
  } finally {
    await store.settle();
    store.close();
  }
}
