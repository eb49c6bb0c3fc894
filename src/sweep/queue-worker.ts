/**
 * `tegum worker`: takes sweep jobs from the BullMQ queues at a Redis URL and runs them
 * on this machine's cores (docs/ARCHITECTURE.md §5.4). It listens on every queue a coordinator
 * announced (the Redis set QUEUE_SET), `threads` jobs at a time, each on one thread
 * of a local WorkerPool; results go back through the queue as JSON. Its lock on a
 * job is renewed every LOCK_MS / 2 by the main thread (free while the pool computes);
 * if the process dies the lock lapses and another worker's stall check, every
 * STALL_CHECK_MS, puts the job back in line.
 */
import { availableParallelism } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { companionUrl } from '../core/companion-url.js';
import { WorkerPool } from '../core/worker-pool.js';
import {
  connectionOf,
  encodeResult,
  QUEUE_PREFIX,
  QUEUE_SET,
  redisClient,
  type QueuedJob,
  type QueuedResult,
} from './queue-jobs.js';
import { checkRedis, type QueueUrl } from './queue-url.js';
import type { SweepJobResult } from './run-job.js';

/** How long a job stays locked to a worker that stopped renewing it. */
export const LOCK_MS = 5000;
/** How often workers look for stalled jobs. */
export const STALL_CHECK_MS = 2500;

/** A job this worker finished. */
export interface FinishedJob {
  /** The sweep's queue (its name). */
  queue: string;
  key: string;
  seed: number;
  /** Jobs in the sweep, when its coordinator said. */
  total?: number;
  wallSeconds: number;
  /** Jobs of this sweep this worker has finished, this one included. */
  finishedHere: number;
}

/** A running worker. */
export interface QueueWorker {
  threads: number;
  /** Jobs finished so far. */
  finished(): number;
  /** Stops taking jobs, lets running ones finish, and shuts down. */
  stop(): Promise<void>;
}

/** Starts a worker on the queues at `queue`. @throws QueueUrlError when Redis does not answer */
export async function startQueueWorker(options: {
  queue: QueueUrl;
  threads?: number;
  /** Milliseconds between looks for new queues (default 500). */
  pollMs?: number;
  /** Errors of the queue connection (retried meanwhile). */
  onError?: (err: Error) => void;
  /** Called after every job this worker finished. */
  onJob?: (job: FinishedJob) => void;
}): Promise<QueueWorker> {
  await checkRedis(options.queue);
  const threads = options.threads ?? availableParallelism();
  const pool = await WorkerPool.create(threads);
  const module = companionUrl('./run-job.js', import.meta.url);
  const redis = await redisClient(options.queue);
  const workers = new Map<string, Worker<QueuedJob, QueuedResult>>();
  let finished = 0;
  const finishedBySweep = new Map<string, number>();
  const processJob = async (job: Job<QueuedJob, QueuedResult>): Promise<QueuedResult> => {
    const result = await pool.run<SweepJobResult>({
      module,
      name: 'runSweepJob',
      args: [job.data.task],
    });
    finished++;
    const here = (finishedBySweep.get(job.queueName) ?? 0) + 1;
    finishedBySweep.set(job.queueName, here);
    options.onJob?.({
      queue: job.queueName,
      key: job.data.key,
      seed: job.data.seed,
      total: job.data.total,
      wallSeconds: result.wallSeconds,
      finishedHere: here,
    });
    return encodeResult(result);
  };
  const watch = async () => {
    const names = new Set(await redis.smembers(QUEUE_SET));
    for (const name of names) {
      if (workers.has(name)) continue;
      const worker = new Worker<QueuedJob, QueuedResult>(name, processJob, {
        connection: connectionOf(options.queue),
        prefix: QUEUE_PREFIX,
        concurrency: threads,
        lockDuration: LOCK_MS,
        stalledInterval: STALL_CHECK_MS,
        maxStalledCount: 100,
      });
      // Connection hiccups are retried by the client; say so instead of crashing.
      worker.on('error', (err) => options.onError?.(err));
      workers.set(name, worker);
    }
    for (const [name, w] of workers) {
      if (names.has(name)) continue;
      workers.delete(name);
      await w.close();
    }
  };
  await watch();
  let watching = true;
  let looking = Promise.resolve();
  const timer = setInterval(() => {
    if (watching) looking = looking.then(watch).catch(() => undefined);
  }, options.pollMs ?? 500);
  return {
    threads,
    finished: () => finished,
    async stop() {
      watching = false;
      clearInterval(timer);
      await looking;
      await Promise.all([...workers.values()].map((w) => w.close()));
      redis.disconnect();
      await pool.close();
    },
  };
}
