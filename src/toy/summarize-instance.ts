/**
 * One trained instance as numbers (docs/ARCHITECTURE.md §3, §4): its sparsity, loss, and the
 * geometry of its W — m/‖W‖_F², D_i, ‖W_i‖, superposition, tegum factors and k — and, for the
 * models with a ReLU on the hidden layer, its neurons (Elhage et al. 2022, "Privileged Basis").
 * Plain JSON-ready data: the CLI's `--json` rows and the experiments' records.
 */

import { checkInteger } from '../core/check-args.js';
import { checkToyState } from '../core/toy-state.js';
import type { ToyState } from '../core/toy-state.js';
import { featureGeometry } from '../geometry/feature-geometry.js';
import type { TegumOptions } from '../geometry/tegum-factors.js';
import { neuronMetrics, type NeuronSummary } from '../geometry/neuron-metrics.js';
import { hasNeurons } from '../core/toy-models.js';

/** A trained instance's record. */
export interface ToyInstanceSummary {
  instance: number;
  seed: number;
  /** S = 1 − featureProbability (its mean over features when given per feature). */
  sparsity: number;
  featureProbability: number;
  loss: number;
  dimsPerFeature: number;
  /** [nFeatures] D_i. */
  featureDimensionality: number[];
  /** [nFeatures] ‖W_i‖. */
  norms: number[];
  /** [nFeatures] Σ_{j≠i} (Ŵ_i · W_j)². */
  superposition: number[];
  factors: { features: number[]; size: number; dim: number; label: string }[];
  k: number;
  /**
   * [m] the neurons of the first layer W [m, n] (src/geometry/neuron-metrics.ts): each one's
   * norm, top feature, that feature's share of its squared weight, alive, monosemantic.
   * Present for the models with a ReLU on the hidden layer ('neuron', 'abs') only: there the
   * ReLU acts on each hidden coordinate, so the hidden basis is privileged and a neuron is a
   * unit of the model. The 'relu-output' and 'linear' models have no privileged basis: any
   * rotation R of the hidden space gives the same model ((RW)ᵀ(RW) = WᵀW), so a row of W
   * means nothing by itself and these fields are absent.
   */
  neurons?: NeuronSummary[];
  /** Alive neurons whose top feature holds ≥ 0.9 of their squared weight. */
  monosemanticNeurons?: number;
  /** Alive neurons that are not monosemantic. */
  polysemanticNeurons?: number;
}

/** W of instance i as a view [nHidden, nFeatures]. */
export function instanceWeights(state: ToyState, i: number): Float32Array {
  checkToyState('instanceWeights', state);
  checkInteger('instanceWeights', 'i', i, 0, state.nInstances - 1);
  const size = state.nHidden * state.nFeatures;
  return state.W.subarray(i * size, (i + 1) * size);
}

/** b of instance i as a view [nFeatures]. */
export function instanceBias(state: ToyState, i: number): Float32Array {
  checkToyState('instanceBias', state);
  checkInteger('instanceBias', 'i', i, 0, state.nInstances - 1);
  return state.b.subarray(i * state.nFeatures, (i + 1) * state.nFeatures);
}

/** The untied second layer W2 of instance i (the 'abs' model) as a view [nFeatures, nHidden]. */
export function instanceW2(state: ToyState, i: number): Float32Array {
  checkToyState('instanceW2', state);
  checkInteger('instanceW2', 'i', i, 0, state.nInstances - 1);
  if (state.W2.length === 0) {
    throw new RangeError(`instanceW2: model '${state.model}' has no W2 (allowed: 'abs')`);
  }
  const size = state.nHidden * state.nFeatures;
  return state.W2.subarray(i * size, (i + 1) * size);
}

/**
 * Summarises instance i of a trained state.
 *
 * @param loss the instance's loss (as evaluated by the caller).
 * @param seed the instance's seed, for the record.
 */
export function summarizeInstance(
  state: ToyState,
  i: number,
  loss: number,
  seed: number,
  options?: TegumOptions,
): ToyInstanceSummary {
  checkToyState('summarizeInstance', state);
  const g = featureGeometry(instanceWeights(state, i), state.nHidden, state.nFeatures, options);
  // The probability the config gave (its mean when given per feature), not the marginal
  // density: an anticorrelated set capped at |set|·p = 1 draws its features less often.
  const row = state.featureProbability.subarray(i * state.nFeatures, (i + 1) * state.nFeatures);
  const p = row.every((x) => x === row[0]) ? row[0] : row.reduce((s, x) => s + x, 0) / row.length;
  return {
    instance: i,
    seed,
    // featureProbability is float32 in the state: round back to the float64 the user gave.
    sparsity: round(1 - p),
    featureProbability: round(p),
    loss,
    dimsPerFeature: g.dimsPerFeature,
    featureDimensionality: [...g.featureDimensionality],
    norms: [...g.norms],
    superposition: [...g.superposition],
    factors: g.tegum.factors,
    k: g.tegum.k,
    ...(hasNeurons(state.model)
      ? neuronMetrics(instanceWeights(state, i), state.nHidden, state.nFeatures)
      : {}),
  };
}

function round(x: number): number {
  return Number(x.toPrecision(7));
}
