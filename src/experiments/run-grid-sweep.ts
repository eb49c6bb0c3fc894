/**
 * Runs a map's grid on the sweep engine (docs/ARCHITECTURE.md §5.4; src/sweep): the spec is
 * planned and its missing jobs run on the local worker pool into DIR's DuckDB
 * store, so a rerun (or `tegum reproduce` after a crash) skips what is stored;
 * then every stored row of the plan comes back as plain objects.
 */
import { executionTarget } from '../core/execution-target.js';
import type { CellValue } from '../sweep/result-store.js';

/** The rows of `spec`'s jobs, after running those not yet stored in `dir`. */
export async function runGridSweep(
  spec: Record<string, unknown>,
  dir: string,
  onProgress: (fraction: number) => void,
): Promise<Record<string, CellValue>[]> {
  // Jobs resolve 'auto' to this machine's kernels, as `tegum sweep run` and `toy run` do.
  await executionTarget();
  // The sweep engine (DuckDB among it) loads when a grid runs, not with every command.
  const { planSweep } = await import('../sweep/plan-sweep.js');
  const { ResultStore } = await import('../sweep/result-store.js');
  const { runSweepLocal } = await import('../sweep/run-sweep-local.js');
  const plan = planSweep(spec);
  const summary = await runSweepLocal(plan, {
    out: dir,
    onProgress: (done, total) => onProgress(total ? done / total : 1),
  });
  if (summary.failed.length > 0) {
    const f = summary.failed[0];
    throw new Error(
      `${summary.failed.length} job(s) of sweep '${summary.name}' failed; first: ${JSON.stringify(f.point)} seed ${f.seed}: ${f.error}`,
    );
  }
  const wanted = new Set(plan.jobs.map((j) => `${j.key}:${j.seed}`));
  const store = await ResultStore.openExisting(dir);
  try {
    return (await store.rows()).filter((r) => wanted.has(`${String(r.key)}:${String(r.seed)}`));
  } finally {
    store.close();
  }
}
