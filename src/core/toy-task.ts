/**
 * Training toy models for a fixed number of steps, as one pool task (`trainToy`), and
 * split across a WorkerPool by instance (`trainToyParallel`). Each instance keeps its own
 * seed, feature probability and importance, so the split run equals the single-threaded
 * one number for number.
 */

import { companionUrl } from './companion-url.js';
import { createToyState, type ToyConfig } from './toy-state.js';
import { toyTrainStep } from './toy-train-step.js';
import type { WorkerPool } from './worker-pool.js';

/** The trained weights and the last step's losses. */
export interface ToyTrainResult {
  W: Float32Array; // [nInstances, nHidden, nFeatures]
  b: Float32Array; // [nInstances, nFeatures]
  loss: Float32Array; // [nInstances] on the last step's batch
  /** Instances whose loss was not finite at some step (divergence). */
  nonFinite: number;
}

/** Trains `config` for `steps` steps at learning rate `lr` on this thread's backend. */
export function trainToy(config: ToyConfig, steps: number, lr: number): ToyTrainResult {
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  }
  const state = createToyState(config);
  const loss = new Float32Array(state.nInstances);
  let nonFinite = 0;
  for (let t = 0; t < steps; t++) nonFinite = Math.max(nonFinite, toyTrainStep(state, lr, loss));
  return { W: state.W, b: state.b, loss, nonFinite };
}

/** The sub-config of instances [from, to): explicit seeds and sliced per-instance fields. */
export function sliceToyConfig(config: ToyConfig, from: number, to: number): ToyConfig {
  const nI = config.nInstances;
  const n = config.nFeatures;
  const seeds = Array.from({ length: to - from }, (_, k) =>
    config.seeds !== undefined ? config.seeds[from + k] : (config.seed ?? 0) + from + k,
  );
  const perInstance = (v: number | ArrayLike<number>, cols: number) =>
    typeof v !== 'number' && v.length === nI * cols
      ? Array.from({ length: (to - from) * cols }, (_, k) => v[from * cols + k])
      : typeof v === 'number'
        ? v
        : Array.from(v);
  const fp = config.featureProbability; // [nInstances] or [nInstances, nFeatures]
  return {
    ...config,
    nInstances: to - from,
    seeds,
    seed: undefined,
    featureProbability: perInstance(fp, typeof fp !== 'number' && fp.length === nI * n ? n : 1),
    importance: config.importance === undefined ? undefined : perInstance(config.importance, n),
  };
}

/** Trains `config` split by instance over the pool's workers and joins the results. */
export async function trainToyParallel(
  pool: WorkerPool,
  config: ToyConfig,
  steps: number,
  lr: number,
): Promise<ToyTrainResult> {
  const nI = config.nInstances;
  const parts = Math.min(pool.size, nI);
  const bounds = Array.from({ length: parts + 1 }, (_, k) => Math.round((k * nI) / parts));
  const module = companionUrl('./toy-task.js', import.meta.url);
  const results = await pool.map<ToyTrainResult>(
    bounds.slice(0, -1).map((from, k) => ({
      module,
      name: 'trainToy',
      args: [sliceToyConfig(config, from, bounds[k + 1]), steps, lr],
    })),
  );
  const W = new Float32Array(nI * config.nHidden * config.nFeatures);
  const b = new Float32Array(nI * config.nFeatures);
  const loss = new Float32Array(nI);
  let nonFinite = 0;
  results.forEach((r, k) => {
    W.set(r.W, bounds[k] * config.nHidden * config.nFeatures);
    b.set(r.b, bounds[k] * config.nFeatures);
    loss.set(r.loss, bounds[k]);
    nonFinite += r.nonFinite;
  });
  return { W, b, loss, nonFinite };
}
