/**
 * One finished job as a row of the store: key, seed, the point's axis values, the
 * kind's metrics, a built-in sweep's extra columns, the resolved config, wall
 * seconds and tegum's version; and its kept arrays as `.npy` files beside the store
 * (DIR/weights/KEY-SEED-NAME.npy).
 */
import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { encodeNpy } from '../core/npy.js';
import { TEGUM_VERSION } from '../core/version.js';
import { writeFileAtomic } from '../core/output-batch.js';
import type { ColumnDef, KeptArray } from './job-kind.js';
import type { SweepJob, SweepPlan } from './plan-sweep.js';
import type { CellValue } from './result-store.js';
import type { StorePlan } from './store-columns.js';
import type { SweepJobResult } from './run-job.js';

/** What the store records of a plan: its spec, jobs, axis and result columns. */
export function storePlanOf(plan: SweepPlan): StorePlan {
  const { name, kind, base, axes, seeds } = plan.spec;
  return {
    name,
    kind,
    spec: { name, kind, base, axes, seeds },
    jobs: plan.jobs,
    axisColumns: plan.axisColumns,
    resultColumns: [
      ...plan.kind.columns,
      ...plan.extraColumns.map(({ name: column, type }): ColumnDef => ({ name: column, type })),
    ],
  };
}

/** The row of a finished job. */
export function sweepRow(
  plan: SweepPlan,
  job: SweepJob,
  result: SweepJobResult,
): Record<string, CellValue> {
  const row: Record<string, CellValue> = { key: job.key, seed: job.seed, ...job.point };
  for (const c of plan.kind.columns) row[c.name] = result.metrics[c.name] ?? null;
  for (const c of plan.extraColumns) {
    row[c.name] = c.value({
      config: job.config,
      point: job.point,
      seed: job.seed,
      metrics: result.metrics,
    });
  }
  row.config = job.config;
  row.wallSeconds = result.wallSeconds;
  row.tegumVersion = TEGUM_VERSION;
  return row;
}

/** Writes a job's kept arrays; returns the paths. Written before its row, so a stored row's files exist. */
export function writeKeptArrays(
  dir: string,
  job: SweepJob,
  arrays: readonly KeptArray[],
): string[] {
  return arrays.map((a) => {
    const path = join(dir, 'weights', `${job.key}-${job.seed}-${a.name}.npy`);
    writeFileAtomic(path, encodeNpy(a.data, a.shape));
    return path;
  });
}

/**
 * Removes the temporaries a killed run left in DIR/weights (`NAME.tmp-PID-…`,
 * written before their rename). Called once the store is open: DuckDB's lock on
 * the store makes this process the sweep's only writer, so none of them is live.
 */
export function removeOrphanedWeights(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(join(dir, 'weights'));
  } catch {
    return; // no weights kept yet
  }
  for (const name of names) {
    if (/\.tmp-\d+-(\d+|w)$/.test(name)) unlinkSync(join(dir, 'weights', name));
  }
}
