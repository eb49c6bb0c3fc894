/**
 * The toy models of a resolved run, allocated and initialised (Elhage et al. 2022 §2):
 * W (and the untied model's W2) drawn per instance from its own seeded generator — Xavier-normal, std =
 * √(2 / (n + m)), or Xavier-uniform on ±√(6 / (n + m)) (Glorot & Bengio 2010, with
 * fan_in = n, fan_out = m) — b = 0, Adam moments 0, and each instance's generator left
 * where its draw ended, so its data stream follows. Takes only a resolved run
 * (./resolve-toy-run.ts): it checks nothing and holds no defaults.
 */
import { Rng } from '../core/rng.js';
import { allocateToyState, type ToyState } from '../core/toy-state.js';
import { buildToySampling } from '../core/toy-sampling.js';
import type { ResolvedToyRun } from './toy-run-schema.js';

/**
 * Allocates the state of `run`; with `initialise` (the default) draws W and seeds each
 * instance's generator, without it leaves them zero for a snapshot to fill.
 */
export function createToyState(run: ResolvedToyRun, initialise = true): ToyState {
  const { instances: nI, n, m } = run;
  const featureProbability = featureProbabilityOf(run.sparsity, nI, n);
  const importance = new Float32Array(nI * n);
  if (run.importance.length === n) {
    for (let i = 0; i < nI; i++) importance.set(run.importance, i * n);
  } else {
    importance.set(run.importance);
  }
  const state = allocateToyState({
    nInstances: nI,
    nFeatures: n,
    nHidden: m,
    batchSize: run.batchSize,
    model: run.model,
    decoupled: run.optimizer === 'adamw',
    weightDecay: run.weightDecay,
    beta1: run.beta1,
    beta2: run.beta2,
    eps: run.eps,
    importance,
    featureProbability,
    sampling: buildToySampling(featureProbability, nI, n, run.correlated, run.anticorrelated),
  });
  if (initialise) initialiseWeights(state, run);
  return state;
}

/**
 * p = 1 − S [instances, n] (float32, as the kernels hold it) from S [instances] or
 * [instances × n].
 */
export function featureProbabilityOf(
  sparsity: readonly number[],
  instances: number,
  n: number,
): Float32Array {
  const p = new Float32Array(instances * n);
  const perInstance = sparsity.length === instances;
  for (let i = 0; i < instances; i++) {
    for (let f = 0; f < n; f++)
      p[i * n + f] = 1 - (perInstance ? sparsity[i] : sparsity[i * n + f]);
  }
  return p;
}

/**
 * Draws every instance's W (then, for the untied model, W2 [n, m] on the same scale) from
 * generator seed + i and keeps the generators' states.
 */
function initialiseWeights(state: ToyState, run: ResolvedToyRun): void {
  const { W, rngState, nInstances: nI } = state;
  const size = run.m * run.n;
  const normal = run.init === 'xavier-normal';
  const scale = normal ? Math.sqrt(2 / (run.n + run.m)) : Math.sqrt(6 / (run.n + run.m));
  for (let i = 0; i < nI; i++) {
    const rng = new Rng(run.seed + i);
    const o = i * size;
    if (normal) {
      for (let k = 0; k < size; k++) W[o + k] = rng.normal() * scale;
    } else {
      for (let k = 0; k < size; k++) W[o + k] = (2 * rng.uniform() - 1) * scale;
    }
    if (state.W2.length > 0) {
      const W2 = state.W2;
      if (normal) {
        for (let k = 0; k < size; k++) W2[o + k] = rng.normal() * scale;
      } else {
        for (let k = 0; k < size; k++) W2[o + k] = (2 * rng.uniform() - 1) * scale;
      }
    }
    rngState.set(rng.state, 4 * i);
  }
}
