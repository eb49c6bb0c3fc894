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

/** 1 − S of a single-instance toy job, in float64 as the resolver computes it. */
const density: ExtraColumn = {
  name: 'density',
  type: 'DOUBLE',
  value: (job) => 1 - (job.config as { sparsity: number[] }).sparsity[0],
};

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
  extraColumns: [density],
});

registerBuiltinSweep({
  description:
    'a privileged basis (Elhage et al. 2022): the neuron model, 10 features, 5 neurons, importance 0.75^i, density 1…0.01, 16 seeds; monosemantic and polysemantic neurons per run',
  spec: {
    name: 'privileged-basis',
    kind: 'toy',
    // The paper's notebook: 10,000 steps of AdamW at 1e-3 on batches of 1024.
    base: { model: 'neuron', n: 10, m: 5, importance: 'decay:0.75', steps: 10_000 },
    // 1 − S over the paper's regimes: dense (every neuron monosemantic) to 0.01.
    axes: { sparsity: [0, 0.25, 0.5, 0.65, 0.85, 0.9, 0.94, 0.98, 0.99] },
    // The paper kept the best of 1000 seeds; a row per seed lets a query keep the best.
    seeds: 16,
  },
  extraColumns: [density],
});

registerBuiltinSweep({
  description:
    'computation in superposition (Elhage et al. 2022): the absolute-value model, 100 features, 40 neurons, importance 0.8^i, density 1…0.001, 3 seeds; monosemantic and polysemantic neurons per run',
  spec: {
    name: 'abs-superposition',
    kind: 'toy',
    base: { model: 'abs', n: 100, m: 40, importance: 'decay:0.8', steps: 10_000 },
    // The paper's densities 1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001.
    axes: { sparsity: [0, 0.7, 0.9, 0.97, 0.99, 0.997, 0.999] },
    seeds: 3,
  },
  extraColumns: [density],
});

registerBuiltinSweep({
  description:
    'the phase change of 2 features in 1 dimension (Elhage et al. 2022): relative importance 0.1…10 × density 1…0.01, 21 × 21 points, 4 seeds; each W classified beside the computed solution',
  spec: twoInOneSpec(TWO_IN_ONE_GRIDS.full),
});
