/**
 * What a sweep's store is given and how its table is laid out (README, Sweeps):
 * `key`, `seed`, one column per axis, one per config leaf that tells runs apart
 * (src/sweep/config-leaves.ts), the kind's metrics and a built-in sweep's extra
 * columns, then `config`, `wallSeconds`, `tegumVersion`. Plain data, no DuckDB, so
 * the planner can check names against it without loading the store.
 */
import type { ColumnDef } from './job-kind.js';
import type { AxisValue } from './spec-schema.js';

/** Columns every row has, first. */
export const FIXED_COLUMNS: readonly ColumnDef[] = [
  { name: 'key', type: 'VARCHAR' },
  { name: 'seed', type: 'INTEGER' },
];

/** Columns every row has, last. */
export const TRAILING_COLUMNS: readonly ColumnDef[] = [
  { name: 'config', type: 'JSON' },
  { name: 'wallSeconds', type: 'DOUBLE' },
  { name: 'tegumVersion', type: 'VARCHAR' },
];

/** A planned job as the store sees it. */
export interface StoreJob {
  key: string;
  seed: number;
  point: Readonly<Record<string, AxisValue>>;
  config: object;
}

/** A sweep as its store records it: the spec run now and its jobs. */
export interface StorePlan {
  name: string;
  kind: string;
  /** What identifies the spec: its name, kind, base, axes and seeds (not `keep`). */
  spec: { name: string; kind: string; base: object; axes: object; seeds: unknown };
  jobs: readonly StoreJob[];
  axisColumns: readonly ColumnDef[];
  /** The kind's metric columns, then a built-in sweep's extra columns. */
  resultColumns: readonly ColumnDef[];
}

/** What a column of the table is: an axis, a config leaf (with its path) or other. */
export interface StoreColumn extends ColumnDef {
  role: 'fixed' | 'axis' | 'config' | 'result' | 'trailing';
  /** A config column's leaf path. */
  path?: readonly string[];
}
