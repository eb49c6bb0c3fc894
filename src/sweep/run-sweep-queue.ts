/**
 * A sweep across machines (docs/ARCHITECTURE.md §5.4): the coordinator puts the jobs missing from
 * its store on a BullMQ queue named after the sweep (job id = key-seed, so nothing is
 * queued twice), announces the queue to `tegum worker` processes, and writes each
 * result into its store as it completes, then removes the job from the queue. A
 * worker killed mid-job leaves a stalled job that BullMQ hands to another worker; a
 * coordinator killed and rerun first collects what completed meanwhile (a result
 * stored twice stays one row: the store keys rows by key and seed).
 */
import { Queue, type Job } from 'bullmq';
import type { SweepPlan, SweepJob } from './plan-sweep.js';
import {
  connectionOf,
  decodeResult,
  QUEUE_PREFIX,
  QUEUE_SET,
  queueJobId,
  redisClient,
  type QueuedJob,
  type QueuedResult,
} from './queue-jobs.js';
import { checkRedis, type QueueUrl } from './queue-url.js';
import { ResultStore } from './result-store.js';
import type { FailedJob, SweepRunSummary } from './run-sweep-local.js';
import { removeOrphanedWeights, storePlanOf, sweepRow, writeKeptArrays } from './sweep-row.js';

/** Where the queue is and where the store goes. */
export interface SweepQueueOptions {
  out: string;
  queue: QueueUrl;
  /** Called after every stored job and once at the start. */
  onProgress?: (done: number, total: number) => void;
  /** Milliseconds between looks at the queue (default 200). */
  pollMs?: number;
}

/** Attempts per job when its computation throws (a worker killed mid-job is a stall, not an attempt). */
const ATTEMPTS = 3;
const BATCH = 500;

/** Runs the plan's missing jobs through the queue; resolves when each is stored or failed. */
export async function runSweepQueue(
  plan: SweepPlan,
  options: SweepQueueOptions,
): Promise<SweepRunSummary> {
  const t0 = performance.now();
  await checkRedis(options.queue);
  const store = await ResultStore.open(options.out, storePlanOf(plan));
  removeOrphanedWeights(options.out);
  const connection = connectionOf(options.queue);
  const queue = new Queue<QueuedJob, QueuedResult>(plan.spec.name, {
    connection,
    prefix: QUEUE_PREFIX,
  });
  // Connection hiccups are retried by the client; a dead Redis was caught above.
  queue.on('error', () => undefined);
  const redis = await redisClient(options.queue);
  const byId = new Map<string, SweepJob>(plan.jobs.map((j) => [queueJobId(j.key, j.seed), j]));
  const total = plan.jobs.length;
  let done = 0;
  const stored = new Set<string>();
  const failed = new Map<string, FailedJob>();

  /** Stores every completed job of this plan, then removes it from the queue. */
  const collect = async () => {
    for (let start = 0; ; start += BATCH) {
      const jobs = await queue.getJobs(['completed'], start, start + BATCH - 1, true);
      for (const job of jobs) await storeCompleted(job);
      if (jobs.length < BATCH) break;
    }
  };
  const storeCompleted = async (job: Job<QueuedJob, QueuedResult>) => {
    const planned = job.id === undefined ? undefined : byId.get(job.id);
    if (planned === undefined || job.returnvalue == null) return;
    if (!stored.has(job.id as string) && !failed.has(job.id as string)) {
      const result = decodeResult(job.returnvalue);
      try {
        writeKeptArrays(options.out, planned, result.arrays);
        await store.insert(sweepRow(plan, planned, result));
      } catch (err) {
        // A row that cannot be stored (a non-finite metric) fails its job, not the sweep.
        const error = (err as Error).message;
        failed.set(job.id as string, {
          key: planned.key,
          seed: planned.seed,
          point: planned.point,
          error,
        });
        return;
      }
      stored.add(job.id as string);
      options.onProgress?.(++done, total);
    }
    await job.remove();
  };

  try {
    for (const id of await store.storedJobs()) {
      const [key, seed] = id.split(':');
      stored.add(queueJobId(key, Number(seed)));
    }
    done = plan.jobs.filter((j) => stored.has(queueJobId(j.key, j.seed))).length;
    const already = done;
    options.onProgress?.(done, total);
    await redis.sadd(QUEUE_SET, plan.spec.name);
    // What workers finished while no coordinator ran (one was killed, say).
    await collect();
    const collected = done - already;
    const todo = plan.jobs.filter((j) => !stored.has(queueJobId(j.key, j.seed)));
    // A rerun retries what failed before.
    for (const job of await queue.getJobs(['failed'])) {
      if (job.id !== undefined && byId.has(job.id) && !stored.has(job.id)) await job.retry();
    }
    for (let i = 0; i < todo.length; i += BATCH) {
      await queue.addBulk(
        todo.slice(i, i + BATCH).map((j) => ({
          name: plan.kind.name,
          data: { key: j.key, seed: j.seed, total, task: taskOf(plan, j) },
          opts: {
            jobId: queueJobId(j.key, j.seed),
            attempts: ATTEMPTS,
            removeOnComplete: false,
            removeOnFail: false,
          },
        })),
      );
    }
    const pending = new Set(todo.map((j) => queueJobId(j.key, j.seed)));
    const ran = pending.size;
    while ([...pending].some((id) => !stored.has(id) && !failed.has(id))) {
      await new Promise((r) => setTimeout(r, options.pollMs ?? 200));
      await collect();
      for (const job of await queue.getJobs(['failed'])) {
        const planned = job.id === undefined ? undefined : byId.get(job.id);
        if (planned === undefined || !pending.has(job.id as string)) continue;
        if (job.attemptsMade >= ATTEMPTS && !failed.has(job.id as string)) {
          failed.set(job.id as string, {
            key: planned.key,
            seed: planned.seed,
            point: planned.point,
            error: job.failedReason,
          });
        }
      }
    }
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).every((c) => c === 0)) await redis.srem(QUEUE_SET, plan.spec.name);
    return {
      name: plan.spec.name,
      kind: plan.kind.name,
      out: options.out,
      total,
      done: await store.settle().then(() => store.specDone()),
      ran: ran - failed.size,
      collected,
      skipped: already,
      failed: [...failed.values()],
      wallSeconds: (performance.now() - t0) / 1000,
      queue: options.queue.url,
    };
  } finally {
    await queue.close();
    redis.disconnect();
    await store.settle();
    store.close();
  }
}

function taskOf(plan: SweepPlan, job: SweepJob) {
  return {
    kind: plan.kind.name,
    config: job.config,
    keepArrays: plan.spec.keep.includes('weights'),
  };
}
