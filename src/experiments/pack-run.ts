/**
 * `tegum pack run` as an experiment: packs once on the cores (restarts and block shapes on
 * the worker pool), reads the tegum factors off the result, times the run, and writes V
 * as a NumPy `.npy` when asked — the twin of toy-run.ts for the packing lab. The CLI only
 * parses flags and prints what this returns.
 */
import { assertFinite } from '../core/finite-guard.js';
import { checkMemory, packMemoryBytes } from './resource-bounds.js';
import { encodeNpy } from '../core/npy.js';
import type { BackendName } from '../core/backend.js';
import type { ResolvedPackRun } from '../packing/pack-run-schema.js';
import { tegumFactors } from '../geometry/tegum-factors.js';
import { packOnCores } from './pool-pack-runner.js';
import { runIdentity } from '../core/run-identity.js';
import { writeFileAtomic } from '../core/output-batch.js';

/** What `runPack` is asked. */
export interface PackRunOptions {
  /** The resolved run (src/packing/resolve-pack-run.ts). */
  run: ResolvedPackRun;
  /** A `.npy` path for V (d × n, float32). */
  save?: string;
}

/** `pack run --json`'s report: the contract's fields, every optimizer run, and timing. */
export interface PackRunReport {
  n: number;
  d: number;
  objective: string;
  params: Record<string, number>;
  /** What the optimizer minimized in place of the loss, if anything ('' when the loss itself). */
  surrogate: string;
  constrainedK: number | null;
  evenBlocks: boolean;
  blocks: { m: number; D: number }[] | null;
  loss: number;
  maxAbsCos: number;
  meanAbsCos: number;
  k: number;
  factors: { size: number; dim: number; label: string; features: number[] }[];
  cosineTolerance: number;
  /** The resolved run (its backend the one that loaded) and its identity. */
  config: ResolvedPackRun;
  identity: string;
  runs: { m: number; D: number; seed: number; loss: number; steps: number; stopReason: string }[];
  saved: string | null;
  /** Where and how fast it ran: `steps` is the optimizer steps taken over every run. */
  timing: {
    backend: BackendName;
    threads: number;
    steps: number;
    wallSeconds: number;
    stepsPerSecond: number;
  };
}

/**
 * Packs a resolved run on the cores and reports it.
 * @throws DivergenceError when the optimizer diverges (nothing is written then)
 */
export async function runPack(opts: PackRunOptions): Promise<PackRunReport> {
  const config = opts.run;
  checkMemory(
    `pack run with n = ${config.n}, d = ${config.d}`,
    packMemoryBytes(config.n, config.d, config.threads),
    'lower --n (the Gram matrix is n × n), or --threads',
  );
  const t0 = performance.now();
  const { result, backend } = await packOnCores(config);
  const threads = config.threads;
  const wallSeconds = (performance.now() - t0) / 1000;
  const { n, d, V } = result;
  const decomposition = tegumFactors(V, d, n, { cosineTolerance: config.cosineTolerance });
  const steps = result.runs.reduce((sum, r) => sum + r.steps, 0);
  const report: PackRunReport = {
    n,
    d,
    objective: result.objective.name,
    params: result.objective.params,
    surrogate: result.objective.surrogate,
    constrainedK: result.constrained ? result.k : null,
    evenBlocks: result.evenBlocks,
    blocks: result.constrained ? result.blocks.map((b) => ({ m: b.m, D: b.D })) : null,
    loss: result.loss,
    maxAbsCos: result.maxAbsCos,
    meanAbsCos: result.meanAbsCos,
    k: decomposition.k,
    factors: decomposition.factors.map((f) => ({
      size: f.size,
      dim: f.dim,
      label: f.label,
      features: f.features,
    })),
    cosineTolerance: config.cosineTolerance,
    config,
    identity: runIdentity(config),
    runs: result.runs.map((r) => ({
      m: r.task.m,
      D: r.task.D,
      seed: r.task.seed,
      loss: r.loss,
      steps: r.steps,
      stopReason: r.stopReason,
    })),
    saved: opts.save ?? null,
    timing: {
      backend,
      threads,
      steps,
      wallSeconds,
      stepsPerSecond: steps / Math.max(wallSeconds, 1e-9),
    },
  };
  // Nothing non-finite leaves the program: checked before V is written.
  assertFinite(report, 'pack run');
  if (opts.save !== undefined) writeFileAtomic(opts.save, encodeNpy(V, [d, n]));
  return report;
}
