/**
 * The one place a packing run's config is resolved (docs/ARCHITECTURE.md §2, §6): the sphere
 * optimizer's defaults (src/packing/sphere-optimizer.ts), the objective's parameter
 * defaults and the factor analysis's tolerance filled in and validated, so the run is
 * complete plain data (`ResolvedPackRun`).
 */
import type { ResolvedPackRun, ResolvedSphereOptimizer, RunBackend } from '../core/run-config.js';
import { resolveParams } from './objectives/objective.js';
import { createObjective, objectiveDefinition } from './objectives/registry.js';
import { packTasks, type PackConfig } from './pack.js';

/** |cos| above which two packed vectors share a tegum factor (packings settle far below it). */
export const PACKING_COSINE_TOLERANCE = 0.02;

/** What a caller may give: the packing problem plus how to analyse and run it. */
export interface PackRunInput extends Omit<PackConfig, 'onProgress'> {
  /** Default {@link PACKING_COSINE_TOLERANCE}. */
  cosineTolerance?: number;
  /** Default 'wasm'. */
  backend?: RunBackend;
  /** Worker threads; default 1. */
  threads?: number;
}

/**
 * Validates `input` once and returns the complete run.
 * @throws RangeError naming the first bad field and what is allowed.
 */
export function resolvePackRun(input: PackRunInput): ResolvedPackRun {
  // packTasks validates n, d, k, seed, restarts, the optimizer and the objective.
  packTasks(input);
  const o = input.optimizer ?? {};
  const method = o.method ?? 'adam';
  const optimizer: ResolvedSphereOptimizer = {
    steps: o.steps ?? 2000,
    method,
    learningRate: o.learningRate ?? (method === 'adam' ? 0.01 : 0.05),
    schedule: o.schedule ?? 'cosine',
    minLearningRateFactor: o.minLearningRateFactor ?? 1e-3,
    beta1: o.beta1 ?? 0.9,
    beta2: o.beta2 ?? 0.999,
    relativeTolerance: o.relativeTolerance ?? 1e-10,
    window: o.window ?? 100,
  };
  const objectiveParams = resolveParams(
    objectiveDefinition(input.objective),
    input.objectiveParams ?? {},
  );
  createObjective(input.objective, objectiveParams);
  const cosineTolerance = input.cosineTolerance ?? PACKING_COSINE_TOLERANCE;
  if (!(cosineTolerance >= 0 && cosineTolerance < 1)) {
    throw new RangeError(`cosineTolerance must be in [0, 1), got ${cosineTolerance}`);
  }
  const backend = input.backend ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'js' && backend !== 'native') {
    throw new RangeError(`backend must be one of wasm, js, native, got ${String(backend)}`);
  }
  const threads = input.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`threads must be a positive integer, got ${threads}`);
  }
  return {
    kind: 'pack',
    n: input.n,
    d: input.d,
    k: input.k ?? null,
    objective: input.objective,
    objectiveParams,
    seed: input.seed ?? 0,
    restarts: input.restarts ?? 1,
    optimizer,
    cosineTolerance,
    backend,
    threads,
  };
}

/** The packing problem of a resolved run, as `pack` and `packOnCores` take it. */
export function packConfigOf(run: ResolvedPackRun): PackConfig {
  return {
    n: run.n,
    d: run.d,
    k: run.k ?? undefined,
    objective: run.objective,
    objectiveParams: run.objectiveParams,
    seed: run.seed,
    restarts: run.restarts,
    optimizer: run.optimizer,
  };
}
