/**
 * A sweep's store (docs/ARCHITECTURE.md §5.4): DuckDB at DIR/results.duckdb, embedded, no server.
 * Table `results`: one row per finished job — key, seed, one column per axis, one per
 * config leaf that tells runs apart, the kind's metrics, a built-in sweep's extra
 * columns, config (JSON), wallSeconds, tegumVersion — with (key, seed) as primary
 * key, so a job is stored at most once whatever crashed when. Each row is one
 * committed INSERT (DuckDB's write-ahead log makes it durable), so a run killed at
 * any moment leaves only whole rows.
 *
 * A store holds one sweep: its name and kind are fixed by the first run; its base,
 * axes and seeds may change, and every spec run into it is recorded with its jobs
 * (`sweep_specs`, `sweep_jobs`, laid out by src/sweep/store-layout.ts), so `status`
 * counts them all and no two runs' rows look alike. While a run holds the store, its
 * progress is also in DIR/status.json (src/sweep/status-file.ts).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { axisLength, seedCount } from './expand-grid.js';
import type { ColumnDef } from './job-kind.js';
import type { StoreColumn, StorePlan } from './store-columns.js';
import { prepareStore, specIdentity } from './store-layout.js';
import { cellOf, quote, readRows, tableColumns, tableNames } from './store-sql.js';
import type { AxisSpec, SweepSpec } from './spec-schema.js';
import {
  removeStatusFile,
  writeStatusFile,
  type SpecStatus,
  type SweepStatus,
} from './status-file.js';

/** The store's file in a sweep directory. */
export function storePath(dir: string): string {
  return join(dir, 'results.duckdb');
}

/** A value as a column holds it. */
export type CellValue = number | string | boolean | null | object;

/** The store is held by another process (DuckDB allows one writer, or readers only). */
export class StoreBusyError extends RangeError {
  override readonly name = 'StoreBusyError';
  constructor(
    message: string,
    /** The pid DuckDB names as holding the lock, when it does. */
    readonly holder?: number,
  ) {
    super(message);
  }
}

/** A run of another sweep (name or kind) into a directory that holds one. */
export class StoreMismatchError extends RangeError {
  override readonly name = 'StoreMismatchError';
}

/** A key or key prefix that matches no stored job, or several. */
export class UnknownKeyError extends RangeError {
  override readonly name = 'UnknownKeyError';
}

/** Least time between two rewrites of the status file. */
const STATUS_EVERY_MS = 250;

/** An open store; close it when done. */
export class ResultStore {
  private statusWritten = 0;
  private statusPending: ReturnType<typeof setTimeout> | undefined;
  /** The store's queued writes (inserts, status rewrites), one at a time. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Set by `settle`: no more status rewrites. */
  private settled = false;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
    private readonly columns: StoreColumn[],
    /** When this process began writing the store; undefined when opened to read. */
    private readonly since?: string,
    private readonly spec?: string,
  ) {}

  /** The spec this process runs into the store (a writer only). */
  get specId(): string | undefined {
    return this.spec;
  }

  /** Jobs of the spec this process runs that are stored (a writer only). */
  async specDone(): Promise<number> {
    const [row] = await readRows(
      this.db,
      'SELECT count(r.key) AS done FROM sweep_jobs j JOIN results r USING (key, seed) WHERE j.spec = $1',
      [this.spec ?? ''],
    );
    return Number(row.done);
  }

  /**
   * Opens (creating DIR and its tables if needed) the store for a run of `plan`:
   * records the spec and lays the table out for it, in one transaction.
   * @throws StoreMismatchError when DIR holds another sweep; StoreBusyError when
   * another process has it open
   */
  static async open(dir: string, plan: StorePlan): Promise<ResultStore> {
    mkdirSync(dir, { recursive: true });
    const instance = await openDatabase(dir, false);
    const db = await instance.connect();
    try {
      await refuseOtherSweep(db, dir, plan);
      await db.run('BEGIN TRANSACTION');
      let columns: StoreColumn[];
      try {
        columns = await prepareStore(db, plan);
        await db.run('COMMIT');
      } catch (err) {
        await db.run('ROLLBACK');
        throw err;
      }
      const since = new Date().toISOString();
      const store = new ResultStore(dir, instance, db, columns, since, specIdentity(plan.spec));
      await store.writeStatus();
      return store;
    } catch (err) {
      db.closeSync();
      instance.closeSync();
      throw err;
    }
  }

  /**
   * Opens an existing store to read, read-only (its writer, if any, must have closed
   * it). @throws RangeError when DIR has none; StoreBusyError while a run holds it
   */
  static async openExisting(dir: string): Promise<ResultStore> {
    if (!existsSync(storePath(dir))) {
      throw new RangeError(`${dir} holds no sweep store (no results.duckdb)`);
    }
    const instance = await openDatabase(dir, true);
    const db = await instance.connect();
    const columns = (await tableColumns(db, 'results')).map((c): StoreColumn => ({
      ...c,
      role: 'result',
    }));
    return new ResultStore(dir, instance, db, columns);
  }

  /** The `key:seed` of every stored row. */
  async storedJobs(): Promise<Set<string>> {
    const rows = await readRows(this.db, 'SELECT key, seed FROM results');
    return new Set(rows.map((row) => `${String(row.key)}:${String(row.seed)}`));
  }

  /**
   * Stores one row (at most once: a row already stored under the same key and seed
   * stays); its config-leaf cells come from `row.config`. @throws RangeError on a
   * non-finite number.
   */
  async insert(row: Readonly<Record<string, CellValue>>): Promise<void> {
    const names = this.columns.map((c) => quote(c.name));
    const values = this.columns.map((c) => cell(c, cellOf(c, row)));
    const slots = names.map((_, i) => `$${i + 1}`).join(', ');
    await this.serial(() =>
      this.db.run(
        `INSERT INTO results (${names.join(', ')}) VALUES (${slots}) ON CONFLICT DO NOTHING`,
        values,
      ),
    );
    this.statusSoon();
  }

  /**
   * Waits until no write is in flight and stops the status file's timer: a writer calls
   * it before its last reads and `close`, so the connection is idle when it closes (DuckDB
   * does not take a close, nor a second query, while a query runs on the connection).
   */
  async settle(): Promise<void> {
    this.settled = true;
    clearTimeout(this.statusPending);
    this.statusPending = undefined;
    await this.chain;
  }

  /** Runs `op` after every write queued before it: the store's writes never overlap. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this.chain.then(op, op);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Jobs stored over every spec the store holds (each job once), and per spec. */
  async status(): Promise<SweepStatus> {
    const tables = await tableNames(this.db);
    const stored = tables.has('results')
      ? Number((await readRows(this.db, 'SELECT count(*) AS n FROM results'))[0].n)
      : 0;
    if (!tables.has('sweep_specs')) return { done: 0, total: 0, stored, specs: [] };
    const [all] = await readRows(
      this.db,
      `SELECT count(*) AS total, count(r.key) AS done
       FROM (SELECT DISTINCT key, seed FROM sweep_jobs) j LEFT JOIN results r USING (key, seed)`,
    );
    const perSpec = await readRows(
      this.db,
      `SELECT s.position, s.spec, s.body, s.firstRun, s.lastRun, count(j.key) AS total, count(r.key) AS done
       FROM sweep_specs s LEFT JOIN sweep_jobs j USING (spec) LEFT JOIN results r USING (key, seed)
       GROUP BY ALL ORDER BY s.position`,
    );
    const specs = perSpec.map((s): SpecStatus => {
      const body = JSON.parse(String(s.body)) as Pick<SweepSpec, 'base' | 'axes' | 'seeds'>;
      return {
        position: Number(s.position),
        spec: String(s.spec),
        done: Number(s.done),
        total: Number(s.total),
        base: body.base,
        axes: Object.fromEntries(
          Object.entries(body.axes).map(([k, a]) => [k, axisLength(a as AxisSpec)]),
        ),
        seeds: seedCount(body.seeds),
        firstRun: String(s.firstRun),
        lastRun: String(s.lastRun),
      };
    });
    return { done: Number(all.done), total: Number(all.total), stored, specs };
  }

  /**
   * The config of the stored job whose key is `prefix` or begins with it, as the
   * JSON text stored. @throws UnknownKeyError when no key or several match
   */
  async configOf(prefix: string): Promise<string> {
    if (!/^[0-9a-f]{1,64}$/.test(prefix)) {
      throw new UnknownKeyError(
        `KEY must be a job's key (64 hex digits, as in the key column) or its first digits, got '${prefix}'`,
      );
    }
    const keys = await readRows(
      this.db,
      'SELECT DISTINCT key FROM results WHERE starts_with(key, $1) ORDER BY key LIMIT 4',
      [prefix],
    );
    if (keys.length === 0) {
      throw new UnknownKeyError(`KEY '${prefix}' matches no job stored in ${this.dir}`);
    }
    if (keys.length > 1) {
      const shown = keys.slice(0, 3).map((k) => String(k.key).slice(0, prefix.length + 4));
      throw new UnknownKeyError(
        `KEY '${prefix}' matches ${keys.length > 3 ? 'more than 3' : keys.length} stored jobs (${shown.join('…, ')}…); give more of the key`,
      );
    }
    const [row] = await readRows(this.db, 'SELECT config FROM results WHERE key = $1 LIMIT 1', [
      String(keys[0].key),
    ]);
    return String(row.config);
  }

  /** Every row, JSON columns parsed, ordered by key and seed. */
  async rows(): Promise<Record<string, CellValue>[]> {
    const r = await this.db.runAndReadAll('SELECT * FROM results ORDER BY key, seed');
    const json = new Set(this.columns.filter((c) => c.type === 'JSON').map((c) => c.name));
    return r.getRowObjectsJson().map((row) => {
      const out: Record<string, CellValue> = {};
      for (const [k, v] of Object.entries(row)) {
        out[k] =
          json.has(k) && typeof v === 'string' ? (JSON.parse(v) as object) : (v as CellValue);
      }
      return out;
    });
  }

  /** Writes the results table to `file` with DuckDB's COPY (csv with a header, or parquet). */
  async copyTo(file: string, format: 'csv' | 'parquet'): Promise<void> {
    const options = format === 'csv' ? 'FORMAT csv, HEADER' : 'FORMAT parquet';
    await this.db.run(
      `COPY (SELECT * FROM results ORDER BY key, seed) TO '${file.replaceAll("'", "''")}' (${options})`,
    );
  }

  /** Closes the connection and the database (checkpointing it); a writer removes its status file. */
  close(): void {
    this.closed = true;
    clearTimeout(this.statusPending);
    this.db.closeSync();
    this.instance.closeSync();
    if (this.since !== undefined) removeStatusFile(this.dir);
  }

  /** Rewrites the status file now, after the writes queued before it. */
  private async writeStatus(): Promise<void> {
    if (this.since === undefined) return;
    await this.serial(async () => {
      if (this.closed) return;
      this.statusWritten = performance.now();
      const status = await this.status();
      // Closed meanwhile: the file is gone and must stay gone.
      if (!this.closed) writeStatusFile(this.dir, status, this.since as string);
    });
  }

  /** Rewrites the status file, at most every STATUS_EVERY_MS (the last change always). */
  private statusSoon(): void {
    if (this.statusPending !== undefined || this.settled) return;
    const wait = Math.max(0, this.statusWritten + STATUS_EVERY_MS - performance.now());
    this.statusPending = setTimeout(() => {
      this.statusPending = undefined;
      // A status that cannot be written must not fail the sweep; the next one may.
      this.writeStatus().catch(() => undefined);
    }, wait);
  }
}

/** Refuses a plan of another name or kind than the sweep DIR's store holds. */
async function refuseOtherSweep(db: DuckDBConnection, dir: string, plan: StorePlan) {
  if (!(await tableNames(db)).has('sweep_specs')) return;
  const held = await readRows(db, 'SELECT DISTINCT name, kind FROM sweep_specs');
  const other = held.find((h) => h.name !== plan.name || h.kind !== plan.kind);
  if (other === undefined) return;
  throw new StoreMismatchError(
    `${dir} holds the sweep '${String(other.name)}' (kind ${String(other.kind)}); '${plan.name}' (kind ${plan.kind}) needs a directory of its own: a store holds one sweep, whose base, axes and seeds may change but not its name or kind`,
  );
}

/** How long a writer waits for the store while another process has it (a reader, for a moment). */
const WRITER_WAIT_MS = 3000;

/**
 * Opens DIR's database; another process holding it is said in one line. A writer
 * waits a moment first: `sweep status` or `export` may hold it for milliseconds.
 */
async function openDatabase(dir: string, readOnly: boolean): Promise<DuckDBInstance> {
  const t0 = performance.now();
  for (;;) {
    try {
      return await DuckDBInstance.create(
        storePath(dir),
        readOnly ? { access_mode: 'READ_ONLY' } : undefined,
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!/lock/i.test(message)) throw err;
      if (!readOnly && performance.now() - t0 < WRITER_WAIT_MS) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      const pid = /\(PID (\d+)\)/.exec(message)?.[1];
      throw new StoreBusyError(
        `${storePath(dir)} is open in another process${pid ? ` (pid ${pid})` : ''} — a running sweep, or a reader such as Python's duckdb.connect — and DuckDB lets in one writer or readers only; try again once it has closed it`,
        pid === undefined ? undefined : Number(pid),
      );
    }
  }
}

function cell(column: ColumnDef, value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (column.type === 'JSON') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new RangeError(`${column.name} is not finite (${value}); not stored`);
    return column.type === 'VARCHAR' ? String(value) : value;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return column.type === 'VARCHAR' ? String(value) : (value as string | boolean);
}
