/**
 * One trained instance as numbers (docs/ARCHITECTURE.md §3, §4): its sparsity, loss, and the
 * geometry of its W — m/‖W‖_F², D_i, ‖W_i‖, superposition, tegum factors and k.
 * Plain JSON-ready data: the CLI's `--json` rows and the experiments' records.
 */

import { checkInteger } from '../core/check-args.js';
import { checkToyState } from '../core/toy-state.js';
import type { ToyState } from '../core/toy-state.js';
import { featureGeometry } from '../geometry/feature-geometry.js';
import type { TegumOptions } from '../geometry/tegum-factors.js';

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
  };
}

function round(x: number): number {
  return Number(x.toPrecision(7));
}
