/**
 * Runs one sweep job where it lands — a pool worker thread or a `tegum worker`
 * process — as plain data in and out: the kind's computation on the config's
 * backend, timed. `runSweepJob` is the pool task (workers import the built module).
 */
import { setBackend, type BackendName } from '../core/backend.js';
import type { JobOutput } from './job-kind.js';
import { jobKind } from './job-kinds.js';

/** One job as it travels: its kind and resolved config, and whether to return arrays. */
export interface SweepJobTask {
  kind: string;
  config: object;
  keepArrays: boolean;
}

/** A finished job: its output and the wall-clock seconds of the computation. */
export interface SweepJobResult extends JobOutput {
  wallSeconds: number;
}

/** Runs one job on this thread. @throws the kind's error (e.g. divergence). */
export async function runSweepJob(task: SweepJobTask): Promise<SweepJobResult> {
  const backend = (task.config as { backend?: BackendName }).backend;
  if (backend !== undefined) await setBackend(backend);
  const t0 = performance.now();
  const out = await jobKind(task.kind).run(task.config);
  const wallSeconds = (performance.now() - t0) / 1000;
  return { ...out, arrays: task.keepArrays ? out.arrays : [], wallSeconds };
}
