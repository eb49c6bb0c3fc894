/**
 * What the absolute-value model computes, feature by feature (Elhage et al. 2022,
 * "Computation in Superposition"; docs/ARCHITECTURE.md §3): on a 1-sparse input x = t e_f
 * with t ~ U[−1, 1] (an active feature of the model's data), the output for f is
 * y'_f(t) = ReLU(W2_f · ReLU(W1_:f t) + b_f) and should be |t|. Its relative error on each
 * sign, E[(y'_f − |t|)² | t > 0] / E[t² | t > 0] and the same for t < 0, is 0 where the
 * model computes |t| exactly, 1 where it outputs 0, and 1/4 where it outputs the best
 * constant, the bias 1/2 (E[t²] = 1/3, Var |t| = 1/12). A feature computed on both signs
 * has its pair of neurons, ReLU(x) + ReLU(−x); one computed on a single sign has kept half
 * of it. Unlike the share of a weight row, the error does not depend on what the weights of
 * features the model ignores still hold from their initialisation.
 *
 * The expectations over t are a midpoint rule on `points` equal cells of [−1, 1]: y'_f is
 * piecewise linear in t with at most nHidden + 2 kinks, so the rule's error is O(1/points²)
 * on each smooth piece plus O(kinks/points²) from the pieces' ends.
 */

import { checkWeights, type Weights } from '../geometry/check-weights.js';

/**
 * A sign of a feature counts as computed when its relative error is below this: under the
 * best constant's 1/4, so a bias alone never counts, and a tenth of doing nothing.
 */
export const COMPUTED_ERROR = 0.1;

/** Midpoint cells on [−1, 1]: enough that the rule's error (≤ ~1e-4 here) never moves a count. */
export const ONE_SPARSE_POINTS = 512;

/**
 * The 1-sparse relative error of every feature of one absolute-value model, on each sign.
 * @param W1 [nHidden, nFeatures]
 * @param W2 [nFeatures, nHidden]
 * @param b [nFeatures]
 * @returns [nFeatures] each: E[(y'_f(t e_f) − |t|)²] / E[t²] over t ~ U(0, 1] (positive)
 *   and over t ~ U[−1, 0) (negative).
 * @throws RangeError when a matrix does not have its shape or holds a non-finite entry.
 */
export function absOneSparseError(
  W1: Weights,
  W2: Weights,
  b: Weights,
  nHidden: number,
  nFeatures: number,
  points = ONE_SPARSE_POINTS,
): { positive: Float64Array; negative: Float64Array } {
  checkWeights(W1, nHidden, nFeatures);
  try {
    checkWeights(W2, nFeatures, nHidden);
    checkWeights(b, 1, nFeatures);
  } catch (err) {
    throw new RangeError(`W2 [nFeatures, nHidden] and b [nFeatures]: ${(err as Error).message}`);
  }
  if (!Number.isInteger(points) || points < 2 || points % 2 !== 0) {
    throw new RangeError(`points must be an even integer ≥ 2, got ${points}`);
  }
  const n = nFeatures;
  const m = nHidden;
  const half = points >> 1; // cells per sign: the midpoints ±(2p + 1) / (2 half)
  const positive = new Float64Array(n);
  const negative = new Float64Array(n);
  let target = 0; // Σ t² over one sign's cells, the same for every feature and sign
  for (let p = 0; p < half; p++) target += ((2 * p + 1) / (2 * half)) ** 2;
  for (let f = 0; f < n; f++) {
    for (const sign of [1, -1]) {
      let err = 0;
      for (let p = 0; p < half; p++) {
        const t = (sign * (2 * p + 1)) / (2 * half);
        let z = b[f];
        for (let k = 0; k < m; k++) {
          const h = W1[k * n + f] * t;
          if (h > 0) z += W2[f * m + k] * h;
        }
        err += (Math.max(z, 0) - Math.abs(t)) ** 2;
      }
      (sign > 0 ? positive : negative)[f] = err / target;
    }
  }
  return { positive, negative };
}

/** How many features a model computes on both signs, and on one only. */
export interface AbsComputedCounts {
  bothSigns: number;
  oneSign: number;
}

/** Counts the features whose error is below COMPUTED_ERROR on both signs and on one. */
export function absComputedCounts(e: {
  positive: Float64Array;
  negative: Float64Array;
}): AbsComputedCounts {
  let both = 0;
  let one = 0;
  for (let f = 0; f < e.positive.length; f++) {
    const k = Number(e.positive[f] < COMPUTED_ERROR) + Number(e.negative[f] < COMPUTED_ERROR);
    if (k === 2) both++;
    else if (k === 1) one++;
  }
  return { bothSigns: both, oneSign: one };
}
