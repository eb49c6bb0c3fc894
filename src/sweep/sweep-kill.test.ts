import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.js';
import { runCli } from '../test-support/run-cli.js';

// Crash safety of the local engine, with real processes: `tegum sweep run` killed with
// SIGKILL at random moments, then rerun, must end as an uninterrupted run does.
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tegum-sweep-kill-'));
const specFile = join(dir, 'spec.yaml');
writeFileSync(
  specFile,
  [
    'name: kill-test',
    'kind: toy',
    'base: { n: 6, m: 2, steps: 300, batchSize: 64 }',
    'axes: { sparsity: [0, 0.5, 0.8, 0.95] }',
    'seeds: 3',
    'keep: [weights]',
  ].join('\n'),
);

function sweep(
  out: string,
): Promise<{ code: number | null; signal: string | null; seconds: number }> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [CLI, 'sweep', 'run', specFile, '--out', out, '--threads', '2'],
    {
      stdio: 'ignore',
    },
  );
  return new Promise((resolve) =>
    child.on('exit', (code, signal) =>
      resolve({ code, signal, seconds: (performance.now() - t0) / 1000 }),
    ),
  );
}

/**
 * Starts a run and SIGKILLs it once `rows` jobs have written their weights (each job
 * writes its .npy files just before its row), `extraMs` later; or, with rows = 0, at
 * `extraMs` after the start, wherever it is.
 */
async function killedAt(out: string, rows: number, extraMs: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [CLI, 'sweep', 'run', specFile, '--out', out, '--threads', '2'],
    {
      stdio: 'ignore',
    },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));
  const weights = join(out, 'weights');
  while (running && rows > 0) {
    const n = existsSync(weights)
      ? readdirSync(weights).filter((f) => f.endsWith('-W.npy')).length
      : 0;
    if (n >= rows) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, extraMs));
  child.kill('SIGKILL');
  await exited;
}

async function cli(args: string[]): Promise<string> {
  const r = await runCli(args);
  expect(r.stderr).toBe('');
  return r.stdout;
}

async function rows(out: string): Promise<Record<string, unknown>[]> {
  const all = JSON.parse(await cli(['sweep', 'export', out, '--format', 'json'])) as Record<
    string,
    unknown
  >[];
  // wallSeconds is the only column allowed to differ between runs.
  return all.map(({ wallSeconds, ...rest }) => {
    expect(wallSeconds).toBeGreaterThan(0);
    return rest;
  });
}

describe('tegum sweep run killed at random moments', () => {
  it('ends, once rerun, with every job stored exactly once and the numbers of an uninterrupted run', async () => {
    const reference = join(dir, 'reference');
    const clean = await sweep(reference);
    expect(clean.code).toBe(0);
    const expected = await rows(reference);
    expect(expected).toHaveLength(12);

    const crashed = join(dir, 'crashed');
    const rng = new Rng(2026);
    const doneAfterKill: number[] = [];
    // One kill at a random time from the start, then kills after a random number of stored jobs.
    const plan = [
      { rows: 0, extraMs: rng.uniform() * clean.seconds * 1000 },
      ...[0, 1, 2].map((k) => ({
        rows: 1 + Math.floor(rng.uniform() * 4) + 3 * k,
        extraMs: rng.uniform() * 30,
      })),
    ];
    for (const { rows: atRows, extraMs } of plan) {
      await killedAt(crashed, atRows, extraMs);
      const status = await runCli(['sweep', 'status', crashed]);
      doneAfterKill.push(status.status === 0 ? Number(status.stdout.split(' / ')[0]) : 0);
    }
    // Stored rows never vanish, and some kill landed mid-run.
    for (let k = 1; k < doneAfterKill.length; k++) {
      expect(doneAfterKill[k]).toBeGreaterThanOrEqual(doneAfterKill[k - 1]);
    }
    expect(
      doneAfterKill.some((d) => d > 0 && d < 12),
      `done after each kill: ${doneAfterKill.join(', ')}`,
    ).toBe(true);

    expect((await sweep(crashed)).code).toBe(0);
    expect(await cli(['sweep', 'status', crashed])).toBe('12 / 12\n');
    expect(await rows(crashed)).toEqual(expected);
    const files = readdirSync(join(reference, 'weights')).sort();
    expect(readdirSync(join(crashed, 'weights')).sort()).toEqual(files);
    for (const f of files) {
      expect(readFileSync(join(crashed, 'weights', f))).toEqual(
        readFileSync(join(reference, 'weights', f)),
      );
    }
  }, 120_000);
});
