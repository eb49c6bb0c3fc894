/**
 * trainToyModels on all cores: the instances split into one slice per worker of a
 * WorkerPool (src/core/worker-pool.ts), trained in stretches of `chunkSteps`
 * (src/toy/toy-chunk.ts) so progress is reported and divergence caught between
 * them. Each instance keeps its own seed, so the result equals the
 * single-threaded run number for number.
 */

import { checkObject } from '../core/check-args.js';
import { companionUrl } from '../core/companion-url.js';
import { neuronCost } from '../core/neuron-instance-shares.js';
import type { WorkerPool } from '../core/worker-pool.js';
import { createToyState } from './create-toy-state.js';
import { sliceToyRun } from './resolve-toy-run.js';
import { restoreSnapshot, type ToyChunkResult, type ToySnapshot } from './toy-chunk.js';
import type { ResolvedToyRun } from './toy-run-schema.js';
import type { ToyTrainingResult } from './train-toy.js';
import { mean, ToyTrainingLoop, type ToyProgress } from './training-loop.js';
import { hasNeurons } from '../core/toy-models.js';

/** The built task module (workers load JavaScript only, so from src point at dist). */
function taskModule(): URL {
  return companionUrl('./toy-chunk.js', import.meta.url);
}

/**
 * Trains `run` on the pool's workers.
 *
 * @param chunkSteps steps between progress reports (default 250).
 * @throws ToyDivergenceError when a loss becomes NaN or infinite.
 */
export async function trainToyModelsParallel(
  pool: WorkerPool,
  run: ResolvedToyRun,
  onProgress?: (p: ToyProgress) => void,
  chunkSteps = 250,
): Promise<ToyTrainingResult> {
  if (pool === null || typeof pool !== 'object' || typeof pool.map !== 'function') {
    throw new RangeError(
      'trainToyModelsParallel: pool must be a WorkerPool (from WorkerPool.create)',
    );
  }
  checkObject('trainToyModelsParallel', 'run', run, 'a ResolvedToyRun (from resolveToyRun)');
  const { n, m, instances: nI } = run;
  const parts = Math.min(pool.size, nI);
  const cost = Array.from({ length: nI }, (_, i) => {
    const p =
      1 -
      (run.sparsity.length === nI ? run.sparsity[i] : mean(run.sparsity.slice(i * n, (i + 1) * n)));
    const neuron = hasNeurons(run.model);
    return neuron ? neuronCost(n, m, p) : toyStepCost(p, n, m, run.batchSize);
  });
  const bounds = balancedBounds(cost, parts);
  const slices = bounds.slice(0, -1).map((from, k) => sliceToyRun(run, from, bounds[k + 1]));
  let snapshots: (ToySnapshot | null)[] = slices.map(() => null);
  const module = taskModule();
  const loop = new ToyTrainingLoop(run, chunkSteps, onProgress);
  for (const [from, to] of loop.stretches()) {
    const results = await pool.map<ToyChunkResult>(
      slices.map((slice, k) => ({
        module,
        name: 'trainToyChunk',
        args: [slice, snapshots[k], from, to, bounds[k]],
      })),
    );
    loop.record(to, results);
    snapshots = results.map((r) => r.snapshot);
  }
  // The full state, allocated once and filled from the slices (nothing drawn twice).
  const state = createToyState(run, run.steps === 0);
  snapshots.forEach((s, k) => {
    if (s) restoreSnapshot(state, s, bounds[k]);
  });
  return { state, steps: run.steps, finalLoss: loop.finalLoss() };
}

/**
 * Estimated work of one instance's fused step per sample on the wasm kernels, in
 * multiply-adds, for k = p·n nonzeros: the kernel's cheaper form (factoredIsCheaper in
 * assembly/toy-factored.ts), Gram 1.5n²m/B + 2·2kn or factored 3nm + 2k·ceil4(m), plus
 * drawing the batch, about 110 − 60p per nonzero (the logarithm a gap of 0 skips), plus
 * 200 per sample. Measured relative costs (n = 200, m = 20, B = 1024; p = 0.05, 0.1, 0.3, 1):
 * 0.34, 0.45, 0.70, 1 against 0.35, 0.50, 0.67, 1 here.
 */
export function toyStepCost(p: number, n: number, m: number, B: number): number {
  const k = p * n;
  const gram = (1.5 * n * n * m) / B + 4 * k * n;
  const factored = 3 * n * m + 2 * k * 4 * Math.ceil(m / 4);
  return 200 + Math.min(gram, factored) + k * (110 - 60 * p);
}

/**
 * Contiguous slice bounds [parts + 1] with about equal total `cost` (one entry per
 * instance, e.g. toyStepCost), every slice holding at least one instance.
 */
export function balancedBounds(cost: readonly number[], parts: number): number[] {
  const nI = cost.length;
  const total = cost.reduce((a, b) => a + b, 0);
  const bounds = [0];
  let acc = 0;
  for (let i = 0; i < nI && bounds.length < parts; i++) {
    acc += cost[i];
    // Close a slice once it holds its share, leaving at least one instance per later slice.
    if (acc >= (total * bounds.length) / parts && nI - (i + 1) >= parts - bounds.length) {
      bounds.push(i + 1);
    }
  }
  while (bounds.length < parts) bounds.push(nI - (parts - bounds.length));
  bounds.push(nI);
  return bounds;
}
