/**
 * The features a neuron carries (Elhage et al. 2022, "Privileged Basis": polysemantic
 * neurons hold features "in small groups"; "Computation in Superposition": sparse features
 * packed several to a neuron): row k of W [nHidden, nFeatures] is neuron k's input
 * weights, and feature f is in neuron k when W_kf² is at least a tenth of ‖W_k‖². The
 * paper reads its neuron figures by eye; this counts what they show: the features of each
 * alive neuron, features per neuron, alive neurons per feature, and the features
 * represented at all (in at least one alive neuron).
 *
 * The tenth is the complement of MONOSEMANTIC_SHARE = 0.9 (src/geometry/neuron-metrics.ts): a
 * monosemantic neuron gives at most a tenth of its squared weight to features other than its
 * top one, so a feature above that share is one the neuron cannot be said to ignore, and a
 * monosemantic neuron holds exactly one feature here. A neuron holds at most 10 features.
 */

import { checkWeights, type Weights } from './check-weights.js';
import { NEURON_ALIVE_NORM } from './neuron-metrics.js';

/**
 * A feature is in a neuron when it holds at least this share of the neuron's squared weight:
 * 1 − MONOSEMANTIC_SHARE, written as the decimal it is (1 − 0.9 is 0.0999… in float64).
 */
export const NEURON_FEATURE_SHARE = 0.1;

/**
 * Per neuron, the features it carries (in index order): those with W_kf² ≥ share · ‖W_k‖²;
 * none for a dead neuron (‖W_k‖ ≤ NEURON_ALIVE_NORM).
 * @param share the threshold on W_kf² / ‖W_k‖², in (0, 1] (default NEURON_FEATURE_SHARE).
 * @returns [nHidden] lists of feature indices.
 * @throws RangeError when W does not have the shape, holds a non-finite entry, or share is
 *   outside (0, 1].
 */
export function neuronFeatures(
  W: Weights,
  nHidden: number,
  nFeatures: number,
  share = NEURON_FEATURE_SHARE,
): number[][] {
  checkWeights(W, nHidden, nFeatures);
  if (!(share > 0 && share <= 1)) {
    throw new RangeError(`share must be in (0, 1], got ${share}`);
  }
  const out: number[][] = [];
  for (let k = 0; k < nHidden; k++) {
    const o = k * nFeatures;
    let sq = 0;
    for (let f = 0; f < nFeatures; f++) sq += W[o + f] ** 2;
    const features: number[] = [];
    if (Math.sqrt(sq) > NEURON_ALIVE_NORM) {
      for (let f = 0; f < nFeatures; f++) {
        if (W[o + f] ** 2 >= share * sq) features.push(f);
      }
    }
    out.push(features);
  }
  return out;
}

/** The counts of one W. */
export interface NeuronFeatureCounts {
  /** [nHidden] features above the share in each neuron (0 for a dead neuron). */
  featuresPerNeuron: number[];
  /** [nFeatures] alive neurons in which each feature holds the share. */
  neuronsPerFeature: number[];
  /** Alive neurons (‖W_k‖ > NEURON_ALIVE_NORM). */
  aliveNeurons: number;
  /** Features held by at least one alive neuron. */
  representedFeatures: number;
  /** Mean of featuresPerNeuron over alive neurons (0 when none is alive). */
  meanFeaturesPerNeuron: number;
  /** Mean of neuronsPerFeature over represented features (0 when none is). */
  meanNeuronsPerFeature: number;
}

/**
 * Counts features per neuron and neurons per feature of W [nHidden, nFeatures] (row-major),
 * from {@link neuronFeatures} at the same share.
 * @throws RangeError as neuronFeatures does.
 */
export function neuronFeatureCounts(
  W: Weights,
  nHidden: number,
  nFeatures: number,
  share = NEURON_FEATURE_SHARE,
): NeuronFeatureCounts {
  const lists = neuronFeatures(W, nHidden, nFeatures, share);
  const featuresPerNeuron = lists.map((l) => l.length);
  const neuronsPerFeature = new Array<number>(nFeatures).fill(0);
  for (const l of lists) for (const f of l) neuronsPerFeature[f]++;
  // Alive by norm, as neuronFeatures decides (an alive neuron may carry no feature at a
  // share above 1/nFeatures).
  let alive = 0;
  for (let k = 0; k < nHidden; k++) {
    let sq = 0;
    for (let f = 0; f < nFeatures; f++) sq += W[k * nFeatures + f] ** 2;
    if (Math.sqrt(sq) > NEURON_ALIVE_NORM) alive++;
  }
  const represented = neuronsPerFeature.filter((c) => c > 0);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    featuresPerNeuron,
    neuronsPerFeature,
    aliveNeurons: alive,
    representedFeatures: represented.length,
    meanFeaturesPerNeuron: alive > 0 ? sum(featuresPerNeuron) / alive : 0,
    meanNeuronsPerFeature: represented.length > 0 ? sum(represented) / represented.length : 0,
  };
}
