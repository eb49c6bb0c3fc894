import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { registerJobKind } from './job-kind.js';
import { planSweep } from './plan-sweep.js';
import {
  ResultStore,
  StoreMismatchError,
  UnknownKeyError,
  type CellValue,
} from './result-store.js';
import { readStatusFile, statusFilePath } from './status-file.js';
import { storePlanOf, sweepRow } from './sweep-row.js';

// The store with a kind of its own, whose config has a top-level leaf, a nested one, an
// array (derived from a and from `scale`, which the config does not hold) and a leaf named
// like a metric (k), and `raw`, a number or a string as given: what the store does must not
// depend on the real kinds' field names.
registerJobKind({
  name: 'store-test',
  keys: ['a', 'b', 'c', 'k', 'scale', 'raw'],
  columns: [
    { name: 'value', type: 'DOUBLE' },
    { name: 'k', type: 'INTEGER' },
  ],
  resolve(values, seed) {
    const a = Number(values.a ?? 1);
    return {
      kind: 'store-test',
      a,
      b: String(values.b ?? 'x'),
      nested: { c: Number(values.c ?? 0.5) },
      list: [a, a * Number(values.scale ?? 2)],
      k: Number(values.k ?? 3),
      raw: values.raw ?? 0,
      seed,
    };
  },
  run: () => ({ metrics: {}, arrays: [] }),
});

const root = mkdtempSync(join(tmpdir(), 'tegum-store-'));
let dirs = 0;

interface Spec {
  name?: string;
  kind?: string;
  base?: Record<string, unknown>;
  axes?: Record<string, unknown>;
  seeds?: number;
}

/** Runs `spec` into `dir` the way a sweep does, each job's value its index. */
async function runInto(dir: string, spec: Spec): Promise<void> {
  const plan = planSweep({ name: 'mix', kind: 'store-test', seeds: 1, ...spec });
  const store = await ResultStore.open(dir, storePlanOf(plan));
  try {
    for (const [i, job] of plan.jobs.entries()) {
      await store.insert(
        sweepRow(plan, job, { metrics: { value: i, k: 1 }, arrays: [], wallSeconds: 0.01 }),
      );
    }
  } finally {
    store.close();
  }
}

async function rowsOf(dir: string): Promise<Record<string, CellValue>[]> {
  const store = await ResultStore.openExisting(dir);
  try {
    return await store.rows();
  } finally {
    store.close();
  }
}

async function query(dir: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(join(dir, 'results.duckdb'), {
    access_mode: 'READ_ONLY',
  });
  const db = await instance.connect();
  try {
    return (await db.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

function fresh(): string {
  return join(root, `store-${++dirs}`);
}

describe('ResultStore', () => {
  it('lays one spec out as key, seed, axes, metrics, config, wallSeconds, tegumVersion', async () => {
    const dir = fresh();
    await runInto(dir, { axes: { a: [1, 2] }, seeds: 2 });
    const rows = await rowsOf(dir);
    expect(rows).toHaveLength(4);
    expect(Object.keys(rows[0])).toEqual([
      'key',
      'seed',
      'a',
      'value',
      'k',
      'config',
      'wallSeconds',
      'tegumVersion',
    ]);
  });

  it('adds a column for a base value changed between specs, which a GROUP BY then keeps apart', async () => {
    const dir = fresh();
    await runInto(dir, { base: { b: 'x' }, axes: { a: [1, 2] } });
    await runInto(dir, { base: { b: 'y' }, axes: { a: [1, 2] } });
    const rows = await rowsOf(dir);
    expect(Object.keys(rows[0]).slice(0, 4)).toEqual(['key', 'seed', 'a', 'b']);
    expect(rows.map((r) => `${String(r.a)}${String(r.b)}`).sort()).toEqual([
      '1x',
      '1y',
      '2x',
      '2y',
    ]);
    const groups = await query(dir, 'SELECT a, b, count(*) AS n FROM results GROUP BY ALL');
    expect(groups).toHaveLength(4);
  });

  it('adds the column even where the two specs share no grid point', async () => {
    const dir = fresh();
    await runInto(dir, { base: { c: 0.5 }, axes: { a: [1] } });
    await runInto(dir, { base: { c: 0.25 }, axes: { a: [2] } });
    const rows = await rowsOf(dir);
    // The nested leaf's column is named by its path.
    expect(rows.map((r) => [r.a, r['nested.c']]).sort()).toEqual([
      [1, 0.5],
      [2, 0.25],
    ]);
  });

  it('adds a column for a leaf that differs at the same axis values and seed though it varies within each spec', async () => {
    // `list` follows the axis in both specs, and a changed `scale` (which the config does
    // not hold) changes it: only `list` tells the runs at a = 1 and a = 2 apart.
    const dir = fresh();
    await runInto(dir, { axes: { a: [1, 2] } });
    await runInto(dir, { axes: { a: [1, 2] }, base: { scale: 3 } });
    const rows = await rowsOf(dir);
    expect(rows.map((r) => [r.a, r.list]).sort()).toEqual([
      [1, [1, 2]],
      [1, [1, 3]],
      [2, [2, 4]],
      [2, [2, 6]],
    ]);
  });

  it('names a leaf whose name a metric has config.NAME', async () => {
    const dir = fresh();
    await runInto(dir, { axes: { a: [1] } });
    await runInto(dir, { axes: { a: [1] }, base: { k: 4 } });
    const rows = await rowsOf(dir);
    expect(rows.map((r) => [r['config.k'], r.k]).sort()).toEqual([
      [3, 1],
      [4, 1],
    ]);
  });

  it('keeps an array leaf whole, as one JSON column', async () => {
    const dir = fresh();
    await runInto(dir, { base: { a: 1 }, axes: { b: ['x'] } });
    await runInto(dir, { base: { a: 3 }, axes: { b: ['x'] } });
    const rows = await rowsOf(dir);
    expect(rows.map((r) => r.list).sort()).toEqual([
      [1, 2],
      [3, 6],
    ]);
    const types = await query(
      dir,
      "SELECT data_type FROM information_schema.columns WHERE table_name = 'results' AND column_name = 'list'",
    );
    expect(types).toEqual([{ data_type: 'JSON' }]);
  });

  it('fills an axis column for rows whose spec had that value in base, from their config', async () => {
    const dir = fresh();
    await runInto(dir, { base: { a: 2 }, axes: { b: ['x', 'y'] } });
    await runInto(dir, { axes: { a: [1, 2], b: ['x'] } });
    const rows = await rowsOf(dir);
    // The job at a = 2, b = x is the same run in both specs: stored once.
    expect(rows.map((r) => `${String(r.a)}${String(r.b)}`).sort()).toEqual(['1x', '2x', '2y']);
  });

  it('turns a config column into the axis of that name when a later spec makes it an axis', async () => {
    const dir = fresh();
    await runInto(dir, { base: { b: 'x' }, axes: { a: [1] } });
    await runInto(dir, { base: { b: 'y' }, axes: { a: [1] } });
    await runInto(dir, { axes: { a: [1], b: ['z'] } });
    const rows = await rowsOf(dir);
    expect(Object.keys(rows[0]).filter((k) => k === 'b')).toHaveLength(1);
    expect(rows.map((r) => r.b).sort()).toEqual(['x', 'y', 'z']);
  });

  it('holds a config column as JSON once a later spec gives that value another kind', async () => {
    const dir = fresh();
    await runInto(dir, { base: { raw: 1 }, axes: { a: [1] } });
    await runInto(dir, { base: { raw: 2 }, axes: { a: [1] } });
    expect((await rowsOf(dir)).map((r) => r.raw).sort()).toEqual([1, 2]);
    await runInto(dir, { base: { raw: 'abc' }, axes: { a: [1] } });
    const rows = await rowsOf(dir);
    expect(rows.map((r) => r.raw).sort()).toEqual([1, 2, 'abc']);
    const types = await query(
      dir,
      "SELECT data_type FROM information_schema.columns WHERE table_name = 'results' AND column_name = 'raw'",
    );
    expect(types).toEqual([{ data_type: 'JSON' }]);
  });

  it('counts every spec the store holds, each job once', async () => {
    const dir = fresh();
    await runInto(dir, { axes: { a: [1, 2] }, seeds: 2 });
    await runInto(dir, { axes: { a: [1, 2, 3] }, seeds: 2 });
    await runInto(dir, { base: { b: 'y' }, axes: { a: [1] }, seeds: 2 });
    const store = await ResultStore.openExisting(dir);
    try {
      const s = await store.status();
      expect(s).toMatchObject({ done: 8, total: 8, stored: 8 });
      expect(s.specs.map((x) => [x.position, x.done, x.total, x.axes])).toEqual([
        [1, 4, 4, { a: 2 }],
        [2, 6, 6, { a: 3 }],
        [3, 2, 2, { a: 1 }],
      ]);
      expect(s.specs[2].base).toEqual({ b: 'y' });
    } finally {
      store.close();
    }
  });

  it('refuses a sweep of another name or kind, leaving the store as it was', async () => {
    const dir = fresh();
    await runInto(dir, { axes: { a: [1, 2] } });
    const before = await rowsOf(dir);
    const renamed = planSweep({ name: 'other', kind: 'store-test', axes: { a: [1] } });
    await expect(ResultStore.open(dir, storePlanOf(renamed))).rejects.toThrow(
      new StoreMismatchError(
        `${dir} holds the sweep 'mix' (kind store-test); 'other' (kind store-test) needs a directory of its own: a store holds one sweep, whose base, axes and seeds may change but not its name or kind`,
      ),
    );
    const rekinded = planSweep({ name: 'mix', kind: 'theory', base: { n: 100, d: 10, alpha: 1 } });
    await expect(ResultStore.open(dir, storePlanOf(rekinded))).rejects.toThrow(
      /holds the sweep 'mix' \(kind store-test\); 'mix' \(kind theory\) needs a directory of its own/,
    );
    expect(await rowsOf(dir)).toEqual(before);
    const store = await ResultStore.openExisting(dir);
    expect((await store.status()).specs).toHaveLength(1);
    store.close();
  });

  it('keeps status.json beside the store while a run has it open, and removes it on close', async () => {
    const dir = fresh();
    const plan = planSweep({ name: 'mix', kind: 'store-test', axes: { a: [1, 2, 3] } });
    const store = await ResultStore.open(dir, storePlanOf(plan));
    try {
      expect(readStatusFile(dir)).toMatchObject({
        done: 0,
        total: 3,
        running: { pid: process.pid },
      });
      await store.insert(
        sweepRow(plan, plan.jobs[0], { metrics: { value: 0 }, arrays: [], wallSeconds: 0 }),
      );
      // Rewritten within STATUS_EVERY_MS of a stored row.
      await new Promise((r) => setTimeout(r, 400));
      expect(JSON.parse(readFileSync(statusFilePath(dir), 'utf8'))).toMatchObject({ done: 1 });
    } finally {
      store.close();
    }
    expect(existsSync(statusFilePath(dir))).toBe(false);
  });

  it('gives a stored config by its key or a unique prefix, and says when a prefix matches none or several', async () => {
    const dir = fresh();
    await runInto(dir, {
      axes: { a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17] },
    });
    const rows = await rowsOf(dir);
    const store = await ResultStore.openExisting(dir);
    try {
      const row = rows[0];
      const key = String(row.key);
      expect(JSON.parse(await store.configOf(key))).toEqual(row.config);
      expect(await store.configOf(key.slice(0, 12))).toBe(await store.configOf(key));
      // 17 keys, 16 hex digits: some first digit begins two keys.
      const shared = [...'0123456789abcdef'].find(
        (d) => rows.filter((r) => String(r.key).startsWith(d)).length > 1,
      ) as string;
      await expect(store.configOf(shared)).rejects.toThrow(UnknownKeyError);
      await expect(store.configOf(shared)).rejects.toThrow(/matches \d+ stored jobs/);
      await expect(store.configOf('abc-1')).rejects.toThrow(/^KEY must be a job's key/);
      const absent = [
        '0',
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        '8',
        '9',
        'a',
        'b',
        'c',
        'd',
        'e',
        'f',
      ]
        .map((d) => d.repeat(8))
        .find((p) => !rows.some((r) => String(r.key).startsWith(p))) as string;
      await expect(store.configOf(absent)).rejects.toThrow(
        `KEY '${absent}' matches no job stored in ${dir}`,
      );
    } finally {
      store.close();
    }
  });
});
