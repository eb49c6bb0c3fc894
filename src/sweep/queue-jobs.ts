/**
 * What travels through the BullMQ queue (docs/ARCHITECTURE.md §5.4): a job's data (its kind,
 * resolved config, key and seed) and its result as JSON-safe plain data (typed arrays
 * as number lists with their dtype; float32 and float64 values survive JSON exactly).
 * Shared by the coordinator (src/sweep/run-sweep-queue.ts) and `tegum worker`
 * (src/sweep/queue-worker.ts).
 */
import type { Redis } from 'ioredis';
import type { KeptArray } from './job-kind.js';
import type { SweepJobResult, SweepJobTask } from './run-job.js';
import type { QueueUrl } from './queue-url.js';

/** Key prefix of tegum's queues in Redis. */
export const QUEUE_PREFIX = 'tegum';
/** The Redis set of sweep queue names that workers listen on. */
export const QUEUE_SET = 'tegum:sweep-queues';

/** A queued job's data. */
export interface QueuedJob {
  key: string;
  seed: number;
  /** Jobs in the sweep's plan (for a worker's progress lines); absent from older coordinators. */
  total?: number;
  task: SweepJobTask;
}

/** A result as JSON. */
export interface QueuedResult {
  metrics: SweepJobResult['metrics'];
  wallSeconds: number;
  arrays: { name: string; dtype: 'float32' | 'float64'; shape: number[]; data: number[] }[];
}

/** The BullMQ job id of a job: its key and seed (so nothing is queued twice). */
export function queueJobId(key: string, seed: number): string {
  return `${key}-${seed}`;
}

/** BullMQ's connection options for a queue URL. */
export function connectionOf(q: QueueUrl) {
  return { host: q.host, port: q.port, db: q.db, maxRetriesPerRequest: null };
}

/** A plain Redis client (for the set of queue names). */
export async function redisClient(q: QueueUrl): Promise<Redis> {
  const { Redis: RedisClass } = await import('ioredis');
  return new RedisClass(connectionOf(q));
}

/** A result made JSON-safe. */
export function encodeResult(r: SweepJobResult): QueuedResult {
  return {
    metrics: r.metrics,
    wallSeconds: r.wallSeconds,
    arrays: r.arrays.map((a) => ({
      name: a.name,
      dtype: a.data instanceof Float64Array ? 'float64' : 'float32',
      shape: a.shape,
      data: Array.from(a.data),
    })),
  };
}

/** A result back from JSON. */
export function decodeResult(r: QueuedResult): SweepJobResult {
  const arrays: KeptArray[] = r.arrays.map((a) => ({
    name: a.name,
    shape: a.shape,
    data: a.dtype === 'float64' ? Float64Array.from(a.data) : Float32Array.from(a.data),
  }));
  return { metrics: r.metrics, wallSeconds: r.wallSeconds, arrays };
}
