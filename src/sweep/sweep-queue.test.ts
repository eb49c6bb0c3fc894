import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { startRedis, type TestRedis } from '../test-support/redis-server.js';
import { connectionOf, QUEUE_PREFIX } from './queue-jobs.js';
import { parseQueueUrl } from './queue-url.js';

// Across machines on BullMQ, with real processes and a real redis-server: two
// `tegum worker`s, one SIGKILLed mid-job; the coordinator SIGKILLed too, then rerun.
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tegum-sweep-queue-'));
const specFile = join(dir, 'spec.yaml');
writeFileSync(
  specFile,
  [
    'name: queue-test',
    'kind: toy',
    'base: { n: 6, m: 2, steps: 6000, batchSize: 64 }',
    'axes: { sparsity: [0, 0.5, 0.8, 0.95] }',
    'seeds: 2',
  ].join('\n'),
);

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(() => redis.stop());

function start(args: string[]): {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Resolves at the first line the process writes to stderr (a worker's "listening" line). */
  spoke: Promise<void>;
  /** What it wrote to stderr so far. */
  stderr: () => string;
} {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const spoke = new Promise<void>((resolve) => child.stderr?.once('data', () => resolve()));
  let text = '';
  child.stderr?.setEncoding('utf8').on('data', (t: string) => (text += t));
  return {
    child,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    spoke,
    stderr: () => text,
  };
}

/** Ends a worker: SIGTERM, then a second SIGTERM (which stops it at once) if it lingers. */
async function stopWorker(w: ReturnType<typeof start>): Promise<void> {
  if (w.child.exitCode !== null || w.child.signalCode !== null) return;
  w.child.kill('SIGTERM');
  const late = setTimeout(() => w.child.kill('SIGTERM'), 5_000);
  await w.exited;
  clearTimeout(late);
}

async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const t0 = performance.now();
  while (!(await ok())) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function exported(out: string): Promise<Record<string, unknown>[]> {
  const r = await runCli(['sweep', 'export', out, '--format', 'json']);
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as Record<string, unknown>[]).map(({ wallSeconds, ...rest }) => {
    expect(wallSeconds).toBeGreaterThan(0);
    return rest;
  });
}

describe('tegum sweep run --queue with tegum worker processes', () => {
  it('stores every job once, with the local numbers, when a worker and the coordinator are killed', async () => {
    const reference = join(dir, 'reference');
    const local = await runCli(['sweep', 'run', specFile, '--out', reference]);
    expect(local.status).toBe(0);
    const expected = await exported(reference);
    expect(expected).toHaveLength(8);

    const queue = new Queue('queue-test', {
      connection: connectionOf(parseQueueUrl(redis.url)),
      prefix: QUEUE_PREFIX,
    });
    const workerA = start(['worker', '--queue', redis.url, '--threads', '1']);
    const workerB = start(['worker', '--queue', redis.url, '--threads', '1']);
    const out = join(dir, 'queued');
    try {
      // Both workers listening before any job is queued: on a loaded machine one worker
      // could otherwise start late and find the other has taken every job.
      await Promise.all([workerA.spoke, workerB.spoke]);
      const coordinator = start(['sweep', 'run', specFile, '--out', out, '--queue', redis.url]);
      // Each worker takes one job at a time: two active jobs mean A is mid-job.
      await until('both workers hold a job', async () => (await queue.getActiveCount()) >= 2);
      workerA.child.kill('SIGKILL');
      await workerA.exited;
      // The coordinator dies with jobs in flight (it cannot have finished: A's job is stalled).
      coordinator.child.kill('SIGKILL');
      expect(await coordinator.exited).toBe(null);
      // B alone finishes the rest, the stalled job of A included, while no coordinator runs.
      await until('the queue is drained', async () => {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(c).every((n) => n === 0);
      });
      // The rerun collects what B finished meanwhile, and says how many.
      const rerun = await runCli(['sweep', 'run', specFile, '--out', out, '--queue', redis.url]);
      expect(rerun.status).toBe(0);
      const said =
        /^sweep queue-test \(toy\): 8\/8 jobs stored in .*; 0 run now, (\d+) finished by workers while no coordinator ran \(stored now\), (\d+) already stored, 0 failed; /.exec(
          rerun.stdout,
        );
      expect(said, rerun.stdout).not.toBeNull();
      expect(Number(said?.[1])).toBeGreaterThanOrEqual(1);
      expect(Number(said?.[1]) + Number(said?.[2])).toBe(8);
      const rows = await exported(out);
      expect(new Set(rows.map((r) => `${String(r.key)}:${String(r.seed)}`)).size).toBe(8);
      expect(rows).toEqual(expected);
      expect(await queue.getCompletedCount()).toBe(0);
      // Without a terminal, a worker says each job it finished, counting them.
      const lines = workerB
        .stderr()
        .split('\n')
        .filter((l) => l.includes(' done in '));
      expect(lines.length).toBeGreaterThanOrEqual(1);
      lines.forEach((line, i) =>
        expect(line).toMatch(
          new RegExp(
            `^tegum worker: queue-test: job [0-9a-f]{12}…-[01] done in [\\d.]+ s \\(${i + 1} here\\)$`,
          ),
        ),
      );
    } finally {
      // Both workers end here whatever happened above (a failed wait must not leave one
      // running).
      for (const w of [workerA, workerB]) await stopWorker(w);
      await queue.close();
    }
  }, 120_000);
});

describe('tegum worker', () => {
  it('prints a line per percent of a sweep of more than 100 jobs, not per job', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(
      big,
      [
        'name: queue-big',
        'kind: theory',
        'base: { n: 1000, d: 100, bound: welch }',
        'axes: { alpha: { linspace: [0.5, 3], num: 150 } }',
      ].join('\n'),
    );
    const worker = start(['worker', '--queue', redis.url, '--threads', '1']);
    try {
      await worker.spoke;
      const r = await runCli([
        'sweep',
        'run',
        big,
        '--out',
        join(dir, 'big'),
        '--queue',
        redis.url,
      ]);
      expect(r.status).toBe(0);
      await until('the worker has said its last percent', async () =>
        worker.stderr().includes('150 jobs done here, 100% of its 150'),
      );
      const lines = worker
        .stderr()
        .split('\n')
        .filter((l) => l.startsWith('tegum worker: queue-big: '));
      expect(lines).toHaveLength(100);
      expect(lines[0]).toBe('tegum worker: queue-big: 2 jobs done here, 1% of its 150');
    } finally {
      await stopWorker(worker);
    }
  }, 60_000);

  it('stops at once on a second signal when its Redis has gone away', async () => {
    const own = await startRedis();
    const worker = start(['worker', '--queue', own.url, '--threads', '1']);
    try {
      await worker.spoke;
      await own.stop();
      worker.child.kill('SIGTERM');
      // The graceful stop may wait on a Redis that no longer answers; a second signal
      // ends it (exit 1) if the first has not (exit 0) — never a worker left running.
      await new Promise((r) => setTimeout(r, 500));
      worker.child.kill('SIGTERM');
      expect([0, 1]).toContain(await worker.exited);
    } finally {
      worker.child.kill('SIGKILL');
    }
  }, 60_000);
});
