/**
 * The absolute-value model's textbook circuit (Elhage et al. 2022, "Computation in
 * Superposition": with more neurons than features and dense inputs, each feature is
 * computed by a pair of neurons, |x| = ReLU(x) + ReLU(−x); docs/ARCHITECTURE.md §3), read
 * from trained weights h = ReLU(W1 x), y' = ReLU(W2 h + b) with W1 [nHidden, nFeatures]
 * and W2 [nFeatures, nHidden]. For each feature f, its pair is the two neurons with the
 * largest |W1_kf|; the feature is paired when
 * - the two weights have opposite signs (one neuron fires for x_f > 0, the other for x_f < 0),
 * - each of the two neurons has f as its top feature (its row is f's, not shared), and
 * - W2 routes each back to f: f holds the largest entry of the neuron's column of W2, and
 *   it is positive (the neuron adds to output f).
 * Under these, distinct features have disjoint pairs (a neuron has one top feature).
 */

import { checkWeights, type Weights } from './check-weights.js';

/** One feature's pair of neurons. */
export interface NeuronPair {
  feature: number;
  /** The two neurons with the largest |W1_kf|, largest first. */
  neurons: [number, number];
  /** W1_kf of the two. */
  inputWeights: [number, number];
  /** W2_fk of the two. */
  outputWeights: [number, number];
  opposite: boolean;
  /** Both neurons have f as their top feature in W1. */
  dedicated: boolean;
  /** W2's column of each neuron peaks, positively, at f. */
  routed: boolean;
  paired: boolean;
}

/** Every feature's pair and whether all are paired. */
export interface AbsNeuronPairs {
  pairs: NeuronPair[];
  pairedFeatures: number;
  allPaired: boolean;
}

function argmaxAbs(x: (i: number) => number, length: number, skip = -1): number {
  let best = -1;
  for (let i = 0; i < length; i++) {
    if (i !== skip && (best < 0 || Math.abs(x(i)) > Math.abs(x(best)))) best = i;
  }
  return best;
}

/**
 * Reads each feature's pair of neurons from W1 [nHidden, nFeatures] and W2 [nFeatures,
 * nHidden] (row-major).
 * @throws RangeError when a matrix does not have its shape or holds a non-finite entry, or
 *   nHidden < 2 (a pair needs two neurons).
 */
export function absNeuronPairs(
  W1: Weights,
  W2: Weights,
  nHidden: number,
  nFeatures: number,
): AbsNeuronPairs {
  checkWeights(W1, nHidden, nFeatures);
  try {
    checkWeights(W2, nFeatures, nHidden);
  } catch (err) {
    throw new RangeError(`W2 [nFeatures, nHidden]: ${(err as Error).message}`);
  }
  if (nHidden < 2) throw new RangeError(`nHidden must be at least 2 for a pair, got ${nHidden}`);
  const n = nFeatures;
  const m = nHidden;
  const topFeature = (k: number) => argmaxAbs((f) => W1[k * n + f], n);
  // W2's column k peaks at the feature with the largest entry (signed: a negative entry
  // subtracts from its output rather than computing it).
  const routedTo = (k: number) => {
    let best = 0;
    for (let g = 1; g < n; g++) if (W2[g * m + k] > W2[best * m + k]) best = g;
    return W2[best * m + k] > 0 ? best : -1;
  };
  const pairs = Array.from({ length: n }, (_, f): NeuronPair => {
    const k1 = argmaxAbs((k) => W1[k * n + f], m);
    const k2 = argmaxAbs((k) => W1[k * n + f], m, k1);
    const w1: [number, number] = [W1[k1 * n + f], W1[k2 * n + f]];
    const opposite = w1[0] * w1[1] < 0;
    const dedicated = topFeature(k1) === f && topFeature(k2) === f;
    const routed = routedTo(k1) === f && routedTo(k2) === f;
    return {
      feature: f,
      neurons: [k1, k2],
      inputWeights: w1,
      outputWeights: [W2[f * m + k1], W2[f * m + k2]],
      opposite,
      dedicated,
      routed,
      paired: opposite && dedicated && routed,
    };
  });
  const pairedFeatures = pairs.filter((p) => p.paired).length;
  return { pairs, pairedFeatures, allPaired: pairedFeatures === n };
}
