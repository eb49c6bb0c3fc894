/**
 * Sweeps (part of `npm run bench`): what scheduling costs.
 *
 *   1. The local pool's overhead for jobs of ≥ 100 ms: (threads × wall − Σ job time) / Σ job
 *      time, where a job's time is its own computation (wallSeconds in the store) and wall
 *      covers everything else too — planning, the pool's start, the store's writes; and the
 *      same per added job, from a sweep of N jobs and one of 2N (the one-time start drops
 *      out of the difference). Goal < 5%.
 *   2. Two `tegum worker` processes (one thread each) through a loopback Redis against the
 *      local pool with two threads, on the same sweep: jobs/s of each and their ratio.
 *      Goal: the queue within 15% of the pool. The workers are started (and warm) first.
 *
 * Needs redis-server (Debian's) for part 2; without it that row is skipped with a note.
 * Options (environment): TEGUM_BENCH_QUICK=1 (fewer jobs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planSweep, type SweepPlan } from '../src/sweep/plan-sweep.js';
import { ResultStore } from '../src/sweep/result-store.js';
import { runSweepLocal } from '../src/sweep/run-sweep-local.js';
import { runSweepQueue } from '../src/sweep/run-sweep-queue.js';
import { parseQueueUrl } from '../src/sweep/queue-url.js';
import { startRedis } from '../src/test-support/redis-server.js';

const QUICK = process.env.TEGUM_BENCH_QUICK === '1';
const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

/** A toy sweep of `jobs` jobs of about 100–200 ms each (n = 20, m = 5, batch 1024). */
function sweepOf(name: string, jobs: number): SweepPlan {
  return planSweep({
    name,
    kind: 'toy',
    base: { n: 20, m: 5, steps: 200, batchSize: 1024, importance: 'decay:0.9' },
    axes: { sparsity: { linspace: [0, 0.9], num: 8 } },
    seeds: jobs / 8,
  });
}

async function jobSeconds(out: string): Promise<number[]> {
  const store = await ResultStore.openExisting(out);
  try {
    return (await store.rows()).map((r) => Number(r.wallSeconds));
  } finally {
    store.close();
  }
}

interface Row {
  measure: string;
  jobs: number;
  medianJobMs: number;
  wallSeconds: number;
  value: string;
}

/** Runs both measurements and returns their rows. */
export async function benchSweepScheduling(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tegum-bench-sweep-'));
  const rows: Row[] = [];
  const jobs = QUICK ? 16 : 48;
  const threads = availableParallelism();

  const overhead = (wall: number, work: number) => (100 * (threads * wall - work)) / work;
  const half = await runSweepLocal(sweepOf('bench-half', jobs / 2), {
    out: join(dir, 'half'),
    threads,
  });
  const halfWork = sum(await jobSeconds(join(dir, 'half')));
  const local = await runSweepLocal(sweepOf('bench-local', jobs), {
    out: join(dir, 'local'),
    threads,
  });
  const work = await jobSeconds(join(dir, 'local'));
  rows.push({
    measure: `local pool overhead, start included (${threads} threads)`,
    jobs,
    medianJobMs: median(work) * 1000,
    wallSeconds: local.wallSeconds,
    value: `${overhead(local.wallSeconds, sum(work)).toFixed(1)}% of the work`,
  });
  rows.push({
    measure: `local pool overhead per added job (${jobs / 2} → ${jobs} jobs)`,
    jobs: jobs / 2,
    medianJobMs: median(work) * 1000,
    wallSeconds: local.wallSeconds - half.wallSeconds,
    value: `${overhead(local.wallSeconds - half.wallSeconds, sum(work) - halfWork).toFixed(1)}% of the work (goal < 5%)`,
  });

  const redisAvailable = spawnSync('redis-server', ['--version']).status === 0;
  if (!redisAvailable) {
    console.log('(redis-server not found: the queue row is skipped)');
    return rows;
  }
  const redis = await startRedis();
  const workers = [0, 1].map(() =>
    spawn(process.execPath, [CLI, 'worker', '--queue', redis.url, '--threads', '1'], {
      stdio: 'ignore',
    }),
  );
  try {
    // Warm: the workers' pools and kernels load on a first small sweep.
    await runSweepQueue(sweepOf('bench-warm', 8), {
      out: join(dir, 'warm'),
      queue: parseQueueUrl(redis.url),
    });
    const two = await runSweepLocal(sweepOf('bench-pool2', jobs), {
      out: join(dir, 'pool2'),
      threads: 2,
    });
    const queued = await runSweepQueue(sweepOf('bench-queue', jobs), {
      out: join(dir, 'queue'),
      queue: parseQueueUrl(redis.url),
    });
    const poolRate = jobs / two.wallSeconds;
    const queueRate = jobs / queued.wallSeconds;
    rows.push({
      measure: 'local pool, 2 threads',
      jobs,
      medianJobMs: median(await jobSeconds(join(dir, 'pool2'))) * 1000,
      wallSeconds: two.wallSeconds,
      value: `${poolRate.toFixed(2)} jobs/s`,
    });
    rows.push({
      measure: '2 tegum workers via loopback Redis',
      jobs,
      medianJobMs: median(await jobSeconds(join(dir, 'queue'))) * 1000,
      wallSeconds: queued.wallSeconds,
      value: `${queueRate.toFixed(2)} jobs/s = ${((100 * queueRate) / poolRate).toFixed(1)}% of the pool (goal ≥ 85%)`,
    });
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(
      workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.on('exit', r)))),
    );
    await redis.stop();
  }
  return rows;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
