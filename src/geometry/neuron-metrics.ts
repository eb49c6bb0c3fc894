/**
 * Neurons as a privileged basis (Elhage et al. 2022, "Privileged Basis" and "Computation
 * in Superposition"; docs/ARCHITECTURE.md §3): with a ReLU on the hidden layer, row k of
 * W [nHidden, nFeatures] is neuron k's input weights, and the question is how many
 * features share a neuron. Per neuron: its row's norm, its top feature (the largest
 * |W_kf|), and `share`, the top feature's fraction of the row's squared weight.
 *
 * The paper reads its stacked-bar figures by eye; two thresholds make that reading a count:
 * - alive: ‖W_k‖ > 0.1 (NEURON_ALIVE_NORM). A trained neuron that carries a feature has a
 *   row norm of order 1 (it must reproduce x_i ≤ 1); weight decay drives an unused row
 *   towards 0, and a row below 0.1 passes at most 1% of a feature's squared magnitude.
 * - monosemantic: alive and share ≥ 0.9 (MONOSEMANTIC_SHARE): at most a tenth of the
 *   neuron's squared weight goes to features other than its top one. An alive neuron
 *   below it is polysemantic.
 */

import { checkWeights, type Weights } from './check-weights.js';

/** A neuron's weight row is alive above this norm. */
export const NEURON_ALIVE_NORM = 0.1;

/** An alive neuron is monosemantic when its top feature holds at least this share. */
export const MONOSEMANTIC_SHARE = 0.9;

/** One neuron (row of W). */
export interface NeuronSummary {
  index: number;
  /** ‖W_k‖, the row's norm. */
  norm: number;
  /** The feature with the largest |W_kf| (the lowest index on a tie). */
  topFeature: number;
  /** W_k,top² / ‖W_k‖² (0 for a zero row). */
  share: number;
  alive: boolean;
  monosemantic: boolean;
}

/** Every neuron of one W, and the counts. */
export interface NeuronMetrics {
  neurons: NeuronSummary[];
  monosemanticNeurons: number;
  /** Alive and not monosemantic. */
  polysemanticNeurons: number;
}

/**
 * The neurons of W [nHidden, nFeatures] (row-major, h = ReLU(W x)).
 * @throws RangeError when W does not have the shape or holds a non-finite entry.
 */
export function neuronMetrics(W: Weights, nHidden: number, nFeatures: number): NeuronMetrics {
  checkWeights(W, nHidden, nFeatures);
  const neurons: NeuronSummary[] = [];
  let mono = 0;
  let poly = 0;
  for (let k = 0; k < nHidden; k++) {
    let sq = 0;
    let top = 0;
    let topSq = -1;
    for (let f = 0; f < nFeatures; f++) {
      const w2 = W[k * nFeatures + f] ** 2;
      sq += w2;
      if (w2 > topSq) {
        topSq = w2;
        top = f;
      }
    }
    const norm = Math.sqrt(sq);
    const share = sq > 0 ? topSq / sq : 0;
    const alive = norm > NEURON_ALIVE_NORM;
    const monosemantic = alive && share >= MONOSEMANTIC_SHARE;
    if (monosemantic) mono++;
    else if (alive) poly++;
    neurons.push({ index: k, norm, topFeature: top, share, alive, monosemantic });
  }
  return { neurons, monosemanticNeurons: mono, polysemanticNeurons: poly };
}
