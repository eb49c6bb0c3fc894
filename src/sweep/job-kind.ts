/**
 * Job kinds: what one sweep job is (a toy run, a packing, a theory evaluation, …),
 * registered by name in one place (src/sweep/job-kinds.ts); a duplicate name throws.
 *
 * Extension point. A new kind is one file exporting a {@link JobKind} and one line in
 * src/sweep/job-kinds.ts. A kind says
 *   - `keys`: the base/axis keys it accepts (camelCase flags), for the spec check;
 *   - `resolve(values, seed)`: the job's complete resolved config (plain data, every
 *     effective value explicit; its hash is the job's key). Throw a RangeError whose
 *     message begins with the offending key's name, so the spec error can point at it;
 *   - `run(config)`: the computation, on one thread of a pool worker or a `tegum
 *     worker` process: plain data in, plain data out. A kind that computes without
 *     training (closed forms, quadrature) is just a `run` that does so;
 *   - `columns`: the result columns it fills, with their DuckDB types.
 * Built-in sweeps (src/sweep/builtin-sweeps.ts) may add columns derived from a job's
 * config, point and result.
 */
import { Registry } from '../core/registry.js';
import type { AxisValue } from './spec-schema.js';

/** A job's values: the spec's base fields overlaid with the point's axis values. */
export type JobValues = Readonly<Record<string, AxisValue | number[]>>;

/** A column of the results table: its name and DuckDB type. */
export interface ColumnDef {
  name: string;
  type: 'DOUBLE' | 'INTEGER' | 'BIGINT' | 'VARCHAR' | 'BOOLEAN' | 'JSON';
}

/** An array kept with `keep: [weights]`, written as `.npy` beside the store. */
export interface KeptArray {
  /** File stem, e.g. 'W'. */
  name: string;
  data: Float32Array | Float64Array;
  shape: number[];
}

/** What a job leaves: its metrics (one value per column) and arrays to keep. */
export interface JobOutput {
  metrics: Record<string, number | string | boolean | null | object>;
  arrays: KeptArray[];
}

/** A kind of job: see the module header. */
export interface JobKind<C extends object = object> {
  readonly name: string;
  /** Base and axis keys this kind accepts, in the order `--help` would list them. */
  readonly keys: readonly string[];
  /** Metric columns, in order. */
  readonly columns: readonly ColumnDef[];
  /** The complete resolved config of one job. @throws RangeError naming the key. */
  resolve(values: JobValues, seed: number): C;
  /** Runs one job. @throws an Error saying why it failed (e.g. divergence). */
  run(config: C): JobOutput | Promise<JobOutput>;
}

const kinds = new Registry<JobKind>('job kind');

/** Adds a kind under its name. @throws Error when the name is taken. */
export function registerJobKind<C extends object>(kind: JobKind<C>): void {
  kinds.register(kind.name, kind as unknown as JobKind);
}

/** The registered names, in registration order. */
export function jobKindNames(): string[] {
  return kinds.names();
}

/** The kind registered as `name`. @throws RangeError naming the allowed names. */
export function jobKind(name: string): JobKind {
  return kinds.get(name);
}
