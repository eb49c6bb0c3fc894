/**
 * The packing experiment (docs/ARCHITECTURE.md §2): does direct optimisation of n
 * unit vectors in R^d under L = Σ_{i≠j} |G_ij|^α find what the seed post predicts?
 *
 * For each (n, d) and α: the measured L(k) of tegum-constrained packings for every
 * k tried, normalised by L(1) (k = 1 is the unconstrained optimizer from random
 * starts); the theory's L(k)/L(1) for every bound in the exact pair-count form
 * (what the packing measures); measured k* and α* beside predicted; and the
 * tegum factors the unconstrained optimizer found by itself (docs/ARCHITECTURE.md §4).
 *
 * Measured k* is the least k whose L(k) is within MEASURED_TIE (relative) of the
 * least L(k): the α = 2 tie is exact in theory and ~1e-5 in float32 practice.
 * Measured α* is the least α of the grid from which k* = 1 for every larger α
 * of the grid (so it is known only to the grid's resolution; the bracket says so).
 */
import { getBackend } from '../core/backend.js';
import type { BackendName } from '../core/backend.js';
import type { ResolvedPackRun } from '../packing/pack-run-schema.js';
import { PACKING_COSINE_TOLERANCE, resolvePackRun } from '../packing/resolve-pack-run.js';
import { tegumFactors } from '../geometry/tegum-factors.js';
import {
  assemblePacking,
  packTaskKey,
  packTasks,
  runPackTask,
  type PackResult,
  type PackTask,
  type PackTaskResult,
} from '../packing/pack.js';
import { boundNames } from '../theory/bounds/registry.js';
import { normalizedLossAt } from '../theory/loss.js';
import { optimum } from '../theory/optimum.js';
import { theoryModel } from '../theory/theory-model.js';
import { transition } from '../theory/transition.js';
import type {
  AlphaResult,
  BoundPrediction,
  FactorCount,
  SizeResult,
} from '../packing/packing-results.js';
import type { PackingProfile, PackingSize } from './packing-profiles.js';

/** Relative margin within which two measured L(k) count as tied (least k wins). */
export const MEASURED_TIE = 1e-3;
export { PACKING_COSINE_TOLERANCE };

/** Runs tasks (in this thread, or on a worker pool) and returns results in task order. */
export type PackTaskRunner = (
  tasks: PackTask[],
  onDone?: (done: number, total: number) => void,
) => Promise<PackTaskResult[]>;

/** The default runner: one task after another in this thread. */
export const runTasksInThread: PackTaskRunner = async (tasks, onDone) => {
  const out: PackTaskResult[] = [];
  for (const task of tasks) {
    out.push(runPackTask(task));
    onDone?.(out.length, tasks.length);
  }
  return out;
};

export type {
  AlphaResult,
  BoundPrediction,
  FactorCount,
  MeasuredPoint,
  SizeResult,
} from '../packing/packing-results.js';

/** The k values tried for dimension d: every integer up to kCap, then d/2^j above it. */
export function kValues(d: number, kCap: number): number[] {
  const ks = new Set<number>();
  for (let k = 1; k <= Math.min(d, kCap); k++) ks.add(k);
  for (let k = d; k > kCap && Number.isInteger(k); k /= 2) ks.add(k);
  return [...ks].sort((a, b) => a - b);
}

function factorCounts(
  V: Float32Array,
  d: number,
  n: number,
  cosineTolerance: number,
): { factors: number; factorCounts: FactorCount[] } {
  const decomposition = tegumFactors(V, d, n, { cosineTolerance });
  const counts = new Map<string, FactorCount>();
  for (const f of decomposition.factors) {
    const key = `${f.size}/${f.dim}`;
    const c = counts.get(key);
    if (c) c.count++;
    else counts.set(key, { size: f.size, dim: f.dim, label: f.label, count: 1 });
  }
  const factorCountsList = [...counts.values()].sort(
    (a, b) => b.count - a.count || b.size - a.size,
  );
  return { factors: decomposition.k, factorCounts: factorCountsList };
}

function layoutOf(result: PackResult): string {
  const counts = new Map<string, number>();
  for (const b of result.blocks)
    counts.set(`${b.m}×${b.D}`, (counts.get(`${b.m}×${b.D}`) ?? 0) + 1);
  return [...counts.entries()].map(([s, c]) => `${s} ×${c}`).join(', ');
}

function predictions(n: number, d: number, alpha: number, ks: number[]): BoundPrediction[] {
  return boundNames().map((bound) => {
    try {
      const model = theoryModel({ n, d, alpha, bound, loss: 'pairs' });
      const o = optimum(model);
      return {
        bound,
        normalizedLoss: ks.map((k) => {
          const v = k <= o.kEdge ? normalizedLossAt(model, k) : NaN;
          return Number.isFinite(v) ? v : null;
        }),
        kStar: o.kStar,
        kMax: o.kMax,
        note: null,
      };
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      return {
        bound,
        normalizedLoss: ks.map(() => null),
        kStar: null,
        kMax: null,
        note: err.message,
      };
    }
  });
}

/** Progress of the experiment: a line of text and the fraction done of the current size. */
export type PackingProgress = (message: string, fraction?: number) => void;

/** Where the optimisations run, as each point's resolved config records it. */
export interface PackingPlace {
  backend: BackendName;
  /** Worker threads (the numbers do not depend on them). */
  threads: number;
}

/**
 * Runs one (n, d) of a profile: every (α, k) is one packing run resolved by
 * `resolvePackRun`, recorded with its measured point.
 */
export async function packingSize(
  profile: PackingProfile,
  size: PackingSize,
  runner: PackTaskRunner = runTasksInThread,
  onProgress?: PackingProgress,
  clock: () => number = () => performance.now(),
  place: PackingPlace = { backend: getBackend(), threads: 1 },
): Promise<SizeResult> {
  const started = clock();
  const { n, d } = size;
  const alphas = size.alphas ?? profile.alphas;
  const restarts = size.restarts ?? profile.restarts;
  const steps = size.steps ?? profile.steps;
  const ks = size.ks ?? kValues(d, profile.kCap);
  const runs: ResolvedPackRun[][] = alphas.map((alpha) =>
    ks.map((k) =>
      resolvePackRun({
        n,
        d,
        blocks: k,
        objective: 'power',
        alpha,
        seed: profile.seed,
        restarts,
        steps,
        relativeTolerance: 1e-7,
        backend: place.backend,
        threads: place.threads,
      }),
    ),
  );
  const configs = runs;
  // Distinct tasks only: the same block shape at the same α recurs across k.
  const unique = new Map<string, PackTask>();
  for (const config of configs.flat())
    for (const t of packTasks(config)) unique.set(packTaskKey(t), t);
  // Largest first, so a pool's workers finish together.
  const tasks = [...unique.values()].sort((a, b) => b.m * b.m * b.D - a.m * a.m * a.D);
  onProgress?.(
    `n = ${n}, d = ${d}: ${tasks.length} optimisations (${alphas.length} α × ${ks.length} k)`,
    0,
  );
  const results = await runner(tasks, (done, total) => onProgress?.('', done / total));
  const byKey = new Map(results.map((r) => [packTaskKey(r.task), r]));

  const alphaResults: AlphaResult[] = alphas.map((alpha, a) => {
    let L1 = NaN;
    let free: AlphaResult['free'] | undefined;
    let bestResult: PackResult | undefined;
    let bestRun: ResolvedPackRun | undefined;
    const measured = configs[a].map((config, i) => {
      const run = runs[a][i];
      const own = packTasks(config).map((t) => byKey.get(packTaskKey(t)) as PackTaskResult);
      const r = assemblePacking(config, own);
      if (config.blocks === 1) {
        L1 = r.loss;
        free = {
          loss: r.loss,
          maxAbsCos: r.maxAbsCos,
          meanAbsCos: r.meanAbsCos,
          ...factorCounts(r.V, d, n, run.cosineTolerance),
        };
      }
      if (!bestResult || r.loss < bestResult.loss) {
        bestResult = r;
        bestRun = run;
      }
      return {
        k: r.k,
        loss: r.loss,
        normalizedLoss: r.loss / L1,
        maxAbsCos: r.maxAbsCos,
        meanAbsCos: r.meanAbsCos,
        evenBlocks: r.evenBlocks,
        layout: layoutOf(r),
        config: run,
      };
    });
    const least = Math.min(...measured.map((p) => p.loss));
    const kStarMeasured = measured.find((p) => p.loss <= least * (1 + MEASURED_TIE))?.k ?? 1;
    const winner = bestResult as PackResult;
    return {
      alpha,
      measured,
      kStarMeasured,
      best: {
        k: winner.k,
        ...factorCounts(winner.V, d, n, (bestRun as ResolvedPackRun).cosineTolerance),
      },
      free: free as AlphaResult['free'],
      theory: predictions(n, d, alpha, ks),
    };
  });

  // α* measured: the least grid α from which k* = 1 holds for every larger grid α.
  let index = alphaResults.length;
  while (index > 0 && alphaResults[index - 1].kStarMeasured === 1) index--;
  const alphaStarMeasured =
    index === alphaResults.length
      ? { alphaStar: null, bracket: null }
      : {
          alphaStar: alphaResults[index].alpha,
          bracket: [index > 0 ? alphaResults[index - 1].alpha : 0, alphaResults[index].alpha] as [
            number,
            number,
          ],
        };
  const alphaStarPredicted = boundNames().map((bound) => {
    try {
      const t = transition(theoryModel({ n, d, alpha: 2, bound, loss: 'pairs' }), 1e-6);
      return { bound, alphaStar: t.alphaStar, note: null };
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      return { bound, alphaStar: null, note: err.message };
    }
  });
  return {
    n,
    d,
    ks,
    restarts,
    steps,
    alphas: alphaResults,
    alphaStarMeasured,
    alphaStarPredicted,
    seconds: (clock() - started) / 1000,
  };
}
