/**
 * Packing n unit vectors in R^d (docs/ARCHITECTURE.md §2), unconstrained or tegum-constrained.
 *
 * Tegum-constrained (`blocks` = k given): V is block-diagonal with the layout of
 * `tegumBlocks(n, d, k)`; pairs in different blocks are exactly orthogonal, so
 * L(V) is the sum over blocks and each block is an independent packing problem.
 * Blocks of the same shape (m, D) are the same problem, so each distinct shape is
 * optimised once (best of the restarts) and copied into every block of that
 * shape. A block with m ≤ D holds orthonormal vectors (zero interference, the
 * exact optimum of every ℓ with ℓ(0) = 0 ≤ ℓ), without optimisation.
 * Unconstrained (`blocks` null): one block holding everything.
 *
 * The returned loss, maxAbsCos and meanAbsCos are computed on the full n × n Gram
 * matrix of the assembled V, so they never rely on the block decomposition.
 */
import { checkObject } from '../core/check-args.js';
import { DivergenceError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import type { ObjectiveParams } from './objectives/objective.js';
import { createObjective, objectiveDefinition } from './objectives/registry.js';
import type { ResolvedPackRun } from './pack-run-schema.js';
import { packingStats } from './packing-stats.js';
import {
  createSphereWorkspace,
  optimizeOnSpheres,
  type SphereSettings,
  type StepProgress,
  type StopReason,
} from './sphere-optimizer.js';
import { blocksAreEven, tegumBlocks, type TegumBlock } from './tegum-blocks.js';
import { gram } from '../core/gram.js';

/** Progress report: which shape and restart, and the optimizer's step report. */
export interface PackProgress extends StepProgress {
  shape: { m: number; D: number };
  restart: number;
}

/** One optimisation run: a block shape and one random start. */
export interface PackTask {
  m: number;
  D: number;
  objective: string;
  objectiveParams: ObjectiveParams;
  seed: number;
  optimizer: SphereSettings;
}

/** The outcome of a task: the block's V [D, m] and how the run went. */
export interface PackTaskResult {
  task: PackTask;
  V: Float64Array;
  loss: number;
  surrogateLoss: number;
  steps: number;
  stopReason: StopReason;
  message?: string;
}

/** A finished packing. */
export interface PackResult {
  n: number;
  d: number;
  /** Blocks requested (1 when unconstrained). */
  k: number;
  constrained: boolean;
  blocks: TegumBlock[];
  /** True when all blocks have the same (m, D); otherwise the layout is stated in `blocks`. */
  evenBlocks: boolean;
  /** [d, n] unit columns (float32, as saved to .npy). */
  V: Float32Array;
  /** The objective's exact loss on the full Gram matrix (ordered pairs i ≠ j). */
  loss: number;
  maxAbsCos: number;
  meanAbsCos: number;
  objective: { name: string; params: Record<string, number>; surrogate: string };
  /** Every run made: per shape, per restart. */
  runs: Omit<PackTaskResult, 'V'>[];
}

/** Raised when every restart of some block shape diverged (the typed error of src/core/errors.ts). */
export { DivergenceError };

/** Runs one task: a random start of shape (m, D), optimised. Pure given the task. */
export function runPackTask(
  task: PackTask,
  onProgress?: (p: StepProgress) => void,
): PackTaskResult {
  const { m, D } = task;
  const objective = createObjective(task.objective, task.objectiveParams);
  const rng = new Rng(task.seed);
  const V = new Float64Array(D * m);
  for (let e = 0; e < V.length; e++) V[e] = rng.normal();
  const run = optimizeOnSpheres(
    V,
    D,
    m,
    objective,
    task.optimizer,
    createSphereWorkspace(D, m),
    onProgress && { onProgress, every: 100 },
  );
  return { task, V, ...run };
}

/** The objective's parameters of a resolved run: its own, by their names. */
export function objectiveParamsOf(run: ResolvedPackRun): Record<string, number> {
  const params: Record<string, number> = {};
  for (const name of Object.keys(objectiveDefinition(run.objective).defaults)) {
    const v = (run as unknown as Record<string, number | null>)[name];
    if (typeof v === 'number') params[name] = v;
  }
  return params;
}

/** The optimizer's settings of a resolved run. */
export function sphereSettingsOf(run: ResolvedPackRun): SphereSettings {
  const { steps, optimizer, lr, schedule, minLrFactor, beta1, beta2 } = run;
  return {
    steps,
    optimizer,
    lr,
    schedule,
    minLrFactor,
    beta1,
    beta2,
    relativeTolerance: run.relativeTolerance,
    window: run.window,
  };
}

/**
 * The tasks a config needs: one per restart per distinct block shape with m > D. Each
 * task's seed is a hash of (seed, m, D, restart), so the same shape at the same seed is
 * the same task whichever k it came from (an experiment runs it once).
 */
export function packTasks(run: ResolvedPackRun): PackTask[] {
  const blocks = tegumBlocks(run.n, run.d, run.blocks ?? 1);
  const objectiveParams = objectiveParamsOf(run);
  const optimizer = sphereSettingsOf(run);
  const tasks: PackTask[] = [];
  for (const { m, D } of distinctShapes(blocks)) {
    if (m <= D) continue;
    for (let r = 0; r < run.restarts; r++) {
      tasks.push({
        m,
        D,
        objective: run.objective,
        objectiveParams,
        seed: taskSeed(run.seed, m, D, r),
        optimizer,
      });
    }
  }
  return tasks;
}

/** A 32-bit mix of (seed, m, D, restart); Rng's splitmix32 seeding scrambles it further. */
function taskSeed(seed: number, m: number, D: number, restart: number): number {
  let h = seed >>> 0;
  for (const x of [m, D, restart]) h = (Math.imul(h ^ x, 0x9e3779b1) + 0x7f4a7c15) >>> 0;
  return h;
}

/** A key naming a task's content; equal keys are the same computation. */
export function packTaskKey(task: PackTask): string {
  return JSON.stringify([
    task.m,
    task.D,
    task.objective,
    task.objectiveParams,
    task.seed,
    task.optimizer,
  ]);
}

function distinctShapes(blocks: readonly TegumBlock[]): { m: number; D: number }[] {
  const seen = new Map<string, { m: number; D: number }>();
  for (const { m, D } of blocks) seen.set(`${m}x${D}`, { m, D });
  return [...seen.values()];
}

/**
 * Assembles the packing from finished tasks (any order): the best run per shape by
 * exact loss goes into every block of that shape.
 * @throws DivergenceError when every run of some shape diverged.
 */
export function assemblePacking(
  run: ResolvedPackRun,
  results: readonly PackTaskResult[],
): PackResult {
  const { n, d } = run;
  const k = run.blocks ?? 1;
  const blocks = tegumBlocks(n, d, k);
  const best = new Map<string, PackTaskResult>();
  for (const r of results) {
    if (r.stopReason === 'diverged') continue;
    const key = `${r.task.m}x${r.task.D}`;
    const seen = best.get(key);
    if (!seen || r.loss < seen.loss) best.set(key, r);
  }
  const V = new Float32Array(d * n);
  for (const { featureStart, m, dimStart, D } of blocks) {
    if (m <= D) {
      for (let j = 0; j < m; j++) V[(dimStart + j) * n + featureStart + j] = 1;
      continue;
    }
    const run = best.get(`${m}x${D}`);
    if (!run) {
      const why = results
        .filter((r) => r.task.m === m && r.task.D === D)
        .map((r) => r.message ?? r.stopReason);
      throw new DivergenceError(
        `every restart of the ${m} × ${D} block diverged (${why.join('; ') || 'no runs'}); try a smaller learning rate`,
      );
    }
    for (let r = 0; r < D; r++) {
      for (let j = 0; j < m; j++) V[(dimStart + r) * n + featureStart + j] = run.V[r * m + j];
    }
  }
  const objective = createObjective(run.objective, objectiveParamsOf(run));
  const G = new Float32Array(n * n);
  gram(G, V, d, n);
  const stats = packingStats(G, n);
  return {
    n,
    d,
    k,
    constrained: run.blocks !== null,
    blocks,
    evenBlocks: blocksAreEven(blocks),
    V,
    loss: objective.reported(G, n),
    ...stats,
    objective: {
      name: objective.name,
      params: { ...objective.params },
      surrogate: objective.surrogate,
    },
    runs: results.map(({ V: _V, ...rest }) => rest),
  };
}

/** Packs a resolved run (./resolve-pack-run.ts) in this thread: every task in turn, then assembled. */
export function pack(
  run: ResolvedPackRun,
  onProgress?: (progress: PackProgress) => void,
): PackResult {
  checkObject('pack', 'run', run, 'a ResolvedPackRun (from resolvePackRun)');
  const tasks = packTasks(run);
  const restartOf = new Map<PackTask, number>();
  const counter = new Map<string, number>();
  for (const t of tasks) {
    const key = `${t.m}x${t.D}`;
    restartOf.set(t, counter.get(key) ?? 0);
    counter.set(key, (counter.get(key) ?? 0) + 1);
  }
  const results = tasks.map((task) =>
    runPackTask(
      task,
      onProgress &&
        ((p) =>
          onProgress({
            ...p,
            shape: { m: task.m, D: task.D },
            restart: restartOf.get(task) ?? 0,
          })),
    ),
  );
  return assemblePacking(run, results);
}
