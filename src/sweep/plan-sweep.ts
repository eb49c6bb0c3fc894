/**
 * From a spec (a YAML/JSON file or a built-in sweep's name) to the sweep's jobs,
 * before any work: the spec validated (src/sweep/spec-schema.ts), its keys checked
 * against the job kind's, every point × seed resolved into its complete config and
 * keyed by the config's identity (sha256, src/core/run-identity.ts). Any
 * problem is a SweepSpecError: one line naming the key path and what is allowed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { runIdentity } from '../core/run-identity.js';
import { builtinSweep, builtinSweepNames, type ExtraColumn } from './builtin-sweeps.js';
import { firstPoint, gridPoints, seedList } from './expand-grid.js';
import type { ColumnDef, JobKind } from './job-kind.js';
import { jobKind, jobKindNames } from './job-kinds.js';
import { FIXED_COLUMNS, TRAILING_COLUMNS } from './store-columns.js';
import { formatSpecIssue, sweepSpecSchema, type AxisValue, type SweepSpec } from './spec-schema.js';
import { checkJobCount, checkPlanMemory, sweepJobCount } from './sweep-size.js';

/** A bad spec: the CLI prints its one-line message and exits 2. */
export class SweepSpecError extends RangeError {
  override readonly name = 'SweepSpecError';
}

/** One job: a grid point at one seed, its resolved config and its key. */
export interface SweepJob {
  /** sha256 hex of the resolved config's canonical JSON and tegum's version. */
  key: string;
  seed: number;
  point: Record<string, AxisValue>;
  config: object;
}

/** Everything a run of the sweep needs. */
export interface SweepPlan {
  spec: SweepSpec;
  kind: JobKind;
  jobs: SweepJob[];
  /** One column per axis, typed by its values. */
  axisColumns: ColumnDef[];
  extraColumns: readonly ExtraColumn[];
}

export { FIXED_COLUMNS, TRAILING_COLUMNS } from './store-columns.js';

/** Reads SPEC: a built-in sweep's name, or a .yaml/.yml/.json file. */
export function loadSweepSpec(spec: string): {
  raw: unknown;
  extraColumns: readonly ExtraColumn[];
} {
  const builtin = builtinSweep(spec);
  if (builtin) return { raw: builtin.spec, extraColumns: builtin.extraColumns ?? [] };
  if (!existsSync(spec)) {
    throw new SweepSpecError(
      `SPEC '${spec}' is neither a file nor a built-in sweep (built-in: ${builtinSweepNames().join(', ')})`,
    );
  }
  const text = readFileSync(spec, 'utf8');
  try {
    return { raw: spec.endsWith('.json') ? JSON.parse(text) : parseYaml(text), extraColumns: [] };
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new SweepSpecError(
      `spec: ${spec} is not valid ${spec.endsWith('.json') ? 'JSON' : 'YAML'}: ${first}`,
    );
  }
}

/** Validates a parsed spec and expands it into jobs. @throws SweepSpecError */
export function planSweep(raw: unknown, extraColumns: readonly ExtraColumn[] = []): SweepPlan {
  const parsed = sweepSpecSchema(jobKindNames()).safeParse(raw);
  if (!parsed.success) throw new SweepSpecError(formatSpecIssue(parsed.error.issues[0]));
  const spec = parsed.data;
  const kind = jobKind(spec.kind);
  const taken = new Set(
    [...FIXED_COLUMNS, ...kind.columns, ...TRAILING_COLUMNS, ...extraColumns].map((c) => c.name),
  );
  const allowed = `allowed for kind ${kind.name}: ${kind.keys.join(', ')}`;
  for (const key of Object.keys(spec.base)) {
    if (!kind.keys.includes(key))
      throw new SweepSpecError(`spec: base.${key}: unknown key (${allowed})`);
  }
  for (const key of Object.keys(spec.axes)) {
    if (!kind.keys.includes(key))
      throw new SweepSpecError(`spec: axes.${key}: unknown key (${allowed})`);
    if (key in spec.base) {
      throw new SweepSpecError(
        `spec: axes.${key}: also set in base (an axis gives all its values)`,
      );
    }
    if (taken.has(key)) {
      throw new SweepSpecError(`spec: axes.${key}: clashes with the result column '${key}'`);
    }
  }
  // Sizes before expansion: a grid too large is refused in a moment.
  checkJobCount(spec);
  const resolve = (point: Record<string, AxisValue>, seed: number): object => {
    try {
      return kind.resolve({ ...spec.base, ...point }, seed);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      throw new SweepSpecError(`spec: ${keyPath(err.message, spec)}: ${err.message}`);
    }
  };
  const seeds = seedList(spec.seeds);
  checkPlanMemory(sweepJobCount(spec), resolve(firstPoint(spec.axes), seeds[0]));
  const points = gridPoints(spec.axes);
  const jobs: SweepJob[] = [];
  const seen = new Set<string>();
  for (const point of points) {
    for (const seed of seeds) {
      const config = resolve(point, seed);
      const key = runIdentity(config);
      if (seen.has(`${key}:${seed}`)) {
        throw new SweepSpecError(
          `spec: axes: two grid points give the same run (${JSON.stringify(point)}, seed ${seed}); list each value once`,
        );
      }
      seen.add(`${key}:${seed}`);
      jobs.push({ key, seed, point, config });
    }
  }
  const axisColumns = Object.keys(spec.axes).map((name) => axisColumn(name, points));
  return { spec, kind, jobs, axisColumns, extraColumns };
}

/** Where a resolver's complaint points: the axis or base key its message begins with. */
function keyPath(message: string, spec: SweepSpec): string {
  const word = /^([A-Za-z0-9]+)/.exec(message)?.[1] ?? '';
  if (word in spec.axes) return `axes.${word}`;
  if (word in spec.base) return `base.${word}`;
  return word ? `base.${word}` : 'base';
}

function axisColumn(name: string, points: Record<string, AxisValue>[]): ColumnDef {
  const values = points.map((p) => p[name]);
  if (values.every((v) => typeof v === 'number')) return { name, type: 'DOUBLE' };
  if (values.every((v) => typeof v === 'boolean')) return { name, type: 'BOOLEAN' };
  return { name, type: 'VARCHAR' };
}
