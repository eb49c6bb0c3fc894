/**
 * A sweep's store (docs/ARCHITECTURE.md §5.4): DuckDB at DIR/results.duckdb, embedded, no server.
 * Table `results`: one row per finished job — key, seed, one column per axis, the
 * kind's metrics, a built-in sweep's extra columns, config (JSON), wallSeconds,
 * tegumVersion — with (key, seed) as primary key, so a job is stored at most once
 * whatever crashed when. Each row is one committed INSERT (DuckDB's write-ahead log
 * makes it durable), so a run killed at any moment leaves only whole rows.
 * Table `sweep_jobs` holds the (key, seed) pairs of the latest plan, for `status`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { ColumnDef } from './job-kind.js';

/** The store's file in a sweep directory. */
export function storePath(dir: string): string {
  return join(dir, 'results.duckdb');
}

/** A value as a column holds it. */
export type CellValue = number | string | boolean | null | object;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** An open store; close it when done. */
export class ResultStore {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
    private columns: ColumnDef[],
  ) {}

  /**
   * Opens (creating DIR and the tables if needed) the store of a sweep whose rows have
   * `columns`; columns missing from an existing table are added.
   */
  static async open(dir: string, columns: readonly ColumnDef[]): Promise<ResultStore> {
    mkdirSync(dir, { recursive: true });
    const instance = await openDatabase(dir);
    const db = await instance.connect();
    const defs = columns.map((c) => `${quote(c.name)} ${c.type}`).join(', ');
    await db.run(`CREATE TABLE IF NOT EXISTS results (${defs}, PRIMARY KEY (key, seed))`);
    for (const c of columns) {
      await db.run(`ALTER TABLE results ADD COLUMN IF NOT EXISTS ${quote(c.name)} ${c.type}`);
    }
    await db.run('CREATE TABLE IF NOT EXISTS sweep_jobs (key VARCHAR, seed INTEGER)');
    return new ResultStore(instance, db, [...columns]);
  }

  /** Opens an existing store for reading. @throws RangeError when DIR has none. */
  static async openExisting(dir: string): Promise<ResultStore> {
    const { existsSync } = await import('node:fs');
    if (!existsSync(storePath(dir))) {
      throw new RangeError(`${dir} holds no sweep store (no results.duckdb)`);
    }
    const instance = await openDatabase(dir);
    const db = await instance.connect();
    const info = await db.runAndReadAll(
      "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = 'results' ORDER BY ordinal_position",
    );
    const columns = info.getRowObjectsJson() as unknown as ColumnDef[];
    return new ResultStore(instance, db, columns);
  }

  /** Replaces the plan: the (key, seed) pairs the sweep consists of now. */
  async setPlan(jobs: readonly { key: string; seed: number }[]): Promise<void> {
    await this.db.run('BEGIN TRANSACTION');
    await this.db.run('DELETE FROM sweep_jobs');
    const appender = await this.db.createAppender('sweep_jobs');
    for (const j of jobs) {
      appender.appendVarchar(j.key);
      appender.appendInteger(j.seed);
      appender.endRow();
    }
    appender.closeSync();
    await this.db.run('COMMIT');
  }

  /** The `key:seed` of every stored row. */
  async storedJobs(): Promise<Set<string>> {
    const r = await this.db.runAndReadAll('SELECT key, seed FROM results');
    return new Set(r.getRowObjectsJson().map((row) => `${String(row.key)}:${String(row.seed)}`));
  }

  /**
   * Stores one row (at most once: a row already stored under the same key and seed
   * stays). @throws RangeError on a non-finite number.
   */
  async insert(row: Readonly<Record<string, CellValue>>): Promise<void> {
    const names = this.columns.map((c) => c.name);
    const values = this.columns.map((c) => cell(c, row[c.name]));
    const slots = names.map((_, i) => `$${i + 1}`).join(', ');
    await this.db.run(
      `INSERT INTO results (${names.map(quote).join(', ')}) VALUES (${slots}) ON CONFLICT DO NOTHING`,
      values,
    );
  }

  /** Done (planned jobs stored) and total (planned jobs). */
  async status(): Promise<{ done: number; total: number; stored: number }> {
    const r = await this.db.runAndReadAll(
      `SELECT (SELECT count(*) FROM sweep_jobs) AS total,
              (SELECT count(*) FROM sweep_jobs j JOIN results r USING (key, seed)) AS done,
              (SELECT count(*) FROM results) AS stored`,
    );
    const row = r.getRowObjectsJS()[0];
    return { done: Number(row.done), total: Number(row.total), stored: Number(row.stored) };
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

  /** Closes the connection and the database (checkpointing it). */
  close(): void {
    this.db.closeSync();
    this.instance.closeSync();
  }
}

/** Opens DIR's database; another process holding it is said in one line. */
async function openDatabase(dir: string): Promise<DuckDBInstance> {
  try {
    return await DuckDBInstance.create(storePath(dir));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/lock/i.test(message)) {
      throw new StoreBusyError(
        `${storePath(dir)} is open in another process (a running sweep holds it until it ends)`,
      );
    }
    throw err;
  }
}

/** The store is held by another process (DuckDB allows one writer). */
export class StoreBusyError extends RangeError {
  override readonly name = 'StoreBusyError';
}

function cell(column: ColumnDef, value: CellValue | undefined): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (column.type === 'JSON') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new RangeError(`${column.name} is not finite (${value}); not stored`);
    return column.type === 'VARCHAR' ? String(value) : value;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return column.type === 'VARCHAR' ? String(value) : value;
}
