import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../core/npy.js';
import { freePort, startRedis } from '../test-support/redis-server.js';
import { runCli } from '../test-support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tegum-sweep-cli-'));
const spec = (sparsity: number[]) =>
  [
    'name: cli-sweep',
    'kind: toy',
    'base: { n: 5, m: 2, steps: 150, batchSize: 32, importance: "decay:0.9" }',
    'axes:',
    `  sparsity: [${sparsity.join(', ')}]`,
    '  lr: { logspace: [-3, -2], num: 2 }',
    'seeds: 2',
    'keep: [weights]',
  ].join('\n');
const specFile = join(dir, 'spec.yaml');
writeFileSync(specFile, spec([0, 0.9]));
const out = join(dir, 'out');

interface Summary {
  total: number;
  done: number;
  ran: number;
  skipped: number;
}

describe('tegum sweep run / status / export', () => {
  it('runs every job once, skips stored jobs on a rerun, and runs only the new jobs of a grown axis', async () => {
    const first = await runCli([
      'sweep',
      'run',
      specFile,
      '--out',
      out,
      '--json',
      '--threads',
      '2',
    ]);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({ total: 8, done: 8, ran: 8, skipped: 0 });
    const again = JSON.parse(
      (await runCli(['sweep', 'run', specFile, '--out', out, '--json'])).stdout,
    ) as Summary;
    expect(again).toMatchObject({ total: 8, done: 8, ran: 0, skipped: 8 });
    const grown = join(dir, 'grown.yaml');
    writeFileSync(grown, spec([0, 0.5, 0.9]));
    const more = JSON.parse(
      (await runCli(['sweep', 'run', grown, '--out', out, '--json'])).stdout,
    ) as Summary;
    expect(more).toMatchObject({ total: 12, done: 12, ran: 4, skipped: 8 });
    expect((await runCli(['sweep', 'status', out])).stdout).toBe('12 / 12\n');
  });

  it('exports one row per job with exactly the named columns, as JSON, CSV and Parquet', async () => {
    const r = await runCli(['sweep', 'export', out, '--format', 'json']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(12);
    expect(Object.keys(rows[0])).toEqual([
      'key',
      'seed',
      'sparsity',
      'lr',
      'loss',
      'dimsPerFeature',
      'k',
      'factors',
      'featureDimensionality',
      'config',
      'wallSeconds',
      'tegumVersion',
    ]);
    expect(new Set(rows.map((x) => `${String(x.key)}:${String(x.seed)}`)).size).toBe(12);
    const row = rows.find((x) => x.sparsity === 0.9 && x.lr === 0.01 && x.seed === 1);
    expect(row?.config).toMatchObject({
      kind: 'toy',
      lr: 0.01,
      seeds: [1],
      eps: 1e-8,
      beta2: 0.999,
    });
    expect(row?.key).toMatch(/^[0-9a-f]{64}$/);
    expect((row?.featureDimensionality as number[]).length).toBe(5);
    expect(Number.isFinite(row?.loss)).toBe(true);

    const csv = (await runCli(['sweep', 'export', out, '--format', 'csv'])).stdout
      .trim()
      .split('\n');
    expect(csv[0]).toBe(
      'key,seed,sparsity,lr,loss,dimsPerFeature,k,factors,featureDimensionality,config,wallSeconds,tegumVersion',
    );
    expect(csv).toHaveLength(13);

    const parquet = join(dir, 'results.parquet');
    expect(
      (await runCli(['sweep', 'export', out, '--format', 'parquet', '--out', parquet])).status,
    ).toBe(0);
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const back = await db.runAndReadAll(
      `SELECT key, seed, loss FROM read_parquet('${parquet}') ORDER BY key, seed`,
    );
    expect(back.getRowObjectsJson()).toEqual(
      rows.map(({ key, seed, loss }) => ({ key, seed, loss })),
    );
  });

  it('keeps W and b of every job as .npy beside the store', () => {
    const files = readdirSync(join(out, 'weights'));
    expect(files).toHaveLength(24);
    const w = files.find((f) => f.endsWith('-W.npy')) as string;
    expect(decodeNpy(readFileSync(join(out, 'weights', w))).shape).toEqual([2, 5]);
  });

  it('rejects a bad spec with one line and exit 2 before writing anything', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: x\nkind: toy\nbase: { n: 5, m: 2 }\naxes: { sparsity: [0, 1.5] }\n');
    const where = join(dir, 'never');
    const r = await runCli(['sweep', 'run', bad, '--out', where]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'tegum: error: spec: axes.sparsity: sparsity must be in [0, 1), got 1.5\n',
    );
    expect(existsSync(where)).toBe(false);
  });

  it('refuses a grid of 10¹² jobs in one line, exit 2, in seconds and before writing anything', async () => {
    const huge = join(dir, 'huge.yaml');
    writeFileSync(
      huge,
      [
        'name: huge',
        'kind: toy',
        'base: { n: 5, m: 2, steps: 10 }',
        'axes:',
        '  sparsity: { linspace: [0, 0.9], num: 1000000 }',
        '  lr: { logspace: [-4, -1], num: 1000000 }',
      ].join('\n'),
    );
    const where = join(dir, 'huge');
    const t0 = performance.now();
    const r = await runCli(['sweep', 'run', huge, '--out', where]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'tegum: error: spec: the grid has 1,000,000,000,000 jobs (1,000,000 × 1,000,000 × 1 seed); a sweep may have at most 1,000,000 — use fewer values or seeds, or split it into several sweeps\n',
    );
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(existsSync(where)).toBe(false);
  });

  it('says in one line, exit 2, that no Redis answers at the queue URL', async () => {
    const port = await freePort();
    const r = await runCli([
      'sweep',
      'run',
      specFile,
      '--out',
      join(dir, 'q'),
      '--queue',
      `redis://127.0.0.1:${port}`,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`tegum: error: no Redis at redis://127.0.0.1:${port}: ECONNREFUSED\n`);
    const dead = await runCli(['worker', '--queue', `redis://127.0.0.1:${port}/2`]);
    expect(dead.status).toBe(2);
    expect(dead.stderr).toBe(
      `tegum: error: no Redis at redis://127.0.0.1:${port}/2: ECONNREFUSED\n`,
    );
    const w = await runCli(['worker', '--queue', 'http://x']);
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(/^tegum: error: --queue must be redis:\/\/HOST:PORT\[\/DB\]/);
  });

  it('refuses a Redis database the server does not have, for sweep run --queue and tegum worker', async () => {
    const redis = await startRedis();
    try {
      const url = `${redis.url}/99`;
      const line = `tegum: error: ${url}: Redis has no database 99 (it has 16: 0 to 15); choose one in the URL's /DB\n`;
      const where = join(dir, 'db99');
      const run = await runCli(['sweep', 'run', specFile, '--out', where, '--queue', url]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(line);
      expect(existsSync(where)).toBe(false);
      const worker = await runCli(['worker', '--queue', url]);
      expect(worker.status).toBe(2);
      expect(worker.stderr).toBe(line);
    } finally {
      await redis.stop();
    }
  });
});
