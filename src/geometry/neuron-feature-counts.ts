/**
 * How features spread over neurons (Elhage et al. 2022, "Computation in Superposition";
 * docs/ARCHITECTURE.md §3): with h = ReLU(W x) and W [nHidden, nFeatures], neuron k reads
 * feature f in proportion to W_kf, so a feature "is in" a neuron when it holds a
 * non-negligible share W_kf² / ‖W_k‖² of the neuron's squared weight. The paper reads its
 * neuron figures by eye; this counts what they show: features per alive neuron, alive
 * neurons per feature, and the features represented at all (in at least one alive neuron).
 *
 * The share threshold, NEURON_FEATURE_SHARE = 0.1: a feature below a tenth of a row's
 * squared weight moves that neuron's pre-activation by under √0.1 ≈ 0.32 of the row's
 * norm per unit input, the size of the interference the paper's polysemantic neurons
 * tolerate, not the weight of a feature the neuron computes; a neuron can then hold at
 * most 10 features. Aliveness is neuron-metrics.ts's (‖W_k‖ > NEURON_ALIVE_NORM), so a
 * monosemantic neuron (top share ≥ 0.9) holds exactly one feature here.
 */

import { checkWeights, type Weights } from './check-weights.js';
import { NEURON_ALIVE_NORM } from './neuron-metrics.js';

/** A feature is in a neuron when it holds at least this share of the row's squared weight. */
export const NEURON_FEATURE_SHARE = 0.1;

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
 * Counts features per neuron and neurons per feature of W [nHidden, nFeatures] (row-major).
 * @param share the threshold on W_kf² / ‖W_k‖² (default NEURON_FEATURE_SHARE), in (0, 1].
 * @throws RangeError when W does not have the shape, holds a non-finite entry, or share is
 *   outside (0, 1].
 */
export function neuronFeatureCounts(
  W: Weights,
  nHidden: number,
  nFeatures: number,
  share = NEURON_FEATURE_SHARE,
): NeuronFeatureCounts {
  checkWeights(W, nHidden, nFeatures);
  if (!(share > 0 && share <= 1)) {
    throw new RangeError(`share must be in (0, 1], got ${share}`);
  }
  const featuresPerNeuron = new Array<number>(nHidden).fill(0);
  const neuronsPerFeature = new Array<number>(nFeatures).fill(0);
  let alive = 0;
  for (let k = 0; k < nHidden; k++) {
    const row = k * nFeatures;
    let sq = 0;
    for (let f = 0; f < nFeatures; f++) sq += W[row + f] ** 2;
    if (!(Math.sqrt(sq) > NEURON_ALIVE_NORM)) continue;
    alive++;
    for (let f = 0; f < nFeatures; f++) {
      if (W[row + f] ** 2 >= share * sq) {
        featuresPerNeuron[k]++;
        neuronsPerFeature[f]++;
      }
    }
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
