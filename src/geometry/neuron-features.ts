/**
 * The features a neuron carries (Elhage et al. 2022, "Privileged Basis": polysemantic
 * neurons hold features "in small groups"): row k of W [nHidden, nFeatures] is neuron k's
 * input weights, and feature f is in neuron k when W_kf² is at least a tenth of ‖W_k‖².
 * The tenth is the complement of MONOSEMANTIC_SHARE = 0.9 (src/geometry/neuron-metrics.ts): a
 * monosemantic neuron gives at most a tenth of its squared weight to features other than its
 * top one, so a feature above that share is one the neuron cannot be said to ignore.
 */

import { checkWeights, type Weights } from './check-weights.js';
import { NEURON_ALIVE_NORM } from './neuron-metrics.js';

/**
 * A feature is in a neuron when it holds at least this share of the neuron's squared weight:
 * 1 − MONOSEMANTIC_SHARE, written as the decimal it is (1 − 0.9 is 0.0999… in float64).
 */
export const NEURON_FEATURE_SHARE = 0.1;

/**
 * Per neuron, the features it carries (in index order): those with W_kf² ≥ 0.1 ‖W_k‖²;
 * none for a dead neuron (‖W_k‖ ≤ NEURON_ALIVE_NORM).
 * @returns [nHidden] lists of feature indices.
 * @throws RangeError when W does not have the shape or holds a non-finite entry.
 */
export function neuronFeatures(W: Weights, nHidden: number, nFeatures: number): number[][] {
  checkWeights(W, nHidden, nFeatures);
  const out: number[][] = [];
  for (let k = 0; k < nHidden; k++) {
    const o = k * nFeatures;
    let sq = 0;
    for (let f = 0; f < nFeatures; f++) sq += W[o + f] ** 2;
    const features: number[] = [];
    if (Math.sqrt(sq) > NEURON_ALIVE_NORM) {
      for (let f = 0; f < nFeatures; f++) {
        if (W[o + f] ** 2 >= NEURON_FEATURE_SHARE * sq) features.push(f);
      }
    }
    out.push(features);
  }
  return out;
}
