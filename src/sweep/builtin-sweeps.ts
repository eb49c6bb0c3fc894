/**
 * Built-in sweeps, runnable by name (`tegum sweep run NAME --out DIR`), registered in
 * one place; a duplicate name throws.
 *
 * Extension point. A built-in sweep is a spec (plain data, as a YAML file would give)
 * plus optional extra columns, each derived from a job's resolved config, grid point,
 * seed and metrics (e.g. a phase diagram's `relativeImportance`, `density`,
 * `solution`). A computation that needs no training is a job kind of its own
 * (src/sweep/job-kind.ts). Register with {@link registerBuiltinSweep} in this file.
 */
import { Registry } from '../core/registry.js';
import { TWO_IN_ONE_GRIDS, twoInOneSpec } from '../toy/phase-2in1-grid.js';
import type { AxisValue } from './spec-schema.js';
import type { ColumnDef, JobOutput } from './job-kind.js';

/** What an extra column's function sees of one job. */
export interface JobRecord {
  config: object;
  point: Readonly<Record<string, AxisValue>>;
  seed: number;
  metrics: JobOutput['metrics'];
}

/** A column a built-in sweep adds to every row. */
export interface ExtraColumn extends ColumnDef {
  value(job: JobRecord): number | string | boolean | null | object;
}

/** A sweep that ships with tegum. */
export interface BuiltinSweep {
  /** The spec, as a parsed YAML/JSON file would be (validated like one). */
  spec: Record<string, unknown> & { name: string };
  /** One line for `--help` and the README. */
  description: string;
  extraColumns?: readonly ExtraColumn[];
}

const sweeps = new Registry<BuiltinSweep>('built-in sweep');

/** Adds a built-in sweep under its spec's name. @throws Error when the name is taken. */
export function registerBuiltinSweep(sweep: BuiltinSweep): void {
  sweeps.register(sweep.spec.name, sweep);
}

/** The built-in sweep called `name`, or undefined. */
export function builtinSweep(name: string): BuiltinSweep | undefined {
  return sweeps.has(name) ? sweeps.get(name) : undefined;
}

/** The registered names. */
export function builtinSweepNames(): string[] {
  return sweeps.names();
}

registerBuiltinSweep({
  description:
    'the seed’s claim in small: 20 features in 6 dimensions, sparsity from 0 to 0.99, 3 seeds; m/‖W‖², k and factors per run',
  spec: {
    name: 'toy-sparsity',
    kind: 'toy',
    base: { n: 20, m: 6, steps: 3000, lr: 0.01, batchSize: 256 },
    axes: { sparsity: [0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.97, 0.99] },
    seeds: 3,
  },
  extraColumns: [
    {
      name: 'density',
      type: 'DOUBLE',
      value: (job) => 1 - (job.config as { sparsity: number[] }).sparsity[0],
    },
  ],
});

registerBuiltinSweep({
  description:
    'the phase change of 2 features in 1 dimension (Elhage et al. 2022): relative importance 0.1…10 × density 1…0.01, 21 × 21 points, 4 seeds; each W classified beside the computed solution',
  spec: twoInOneSpec(TWO_IN_ONE_GRIDS.full),
});
