/**
 * The frame operator F = W Wᵀ = Σ_j W_j W_jᵀ [nHidden, nHidden]. Every per-feature
 * interference sum Σ_j (W_i · W_j)² equals the quadratic form W_iᵀ F W_i, so the
 * metrics cost O(nFeatures · nHidden²) instead of forming the full
 * [nFeatures, nFeatures] Gram matrix.
 */

import type { Weights } from './check-weights.js';

/**
 * out = W Wᵀ (float64, symmetric). Arguments are assumed checked by the caller.
 *
 * @param out [nHidden, nHidden] row-major, written.
 * @param W [nHidden, nFeatures] row-major.
 */
export function frameOperator(
  out: Float64Array,
  W: Weights,
  nHidden: number,
  nFeatures: number,
): Float64Array {
  for (let a = 0; a < nHidden; a++) {
    const ra = a * nFeatures;
    for (let c = a; c < nHidden; c++) {
      const rc = c * nFeatures;
      let s = 0;
      for (let i = 0; i < nFeatures; i++) s += W[ra + i] * W[rc + i];
      out[a * nHidden + c] = s;
      out[c * nHidden + a] = s;
    }
  }
  return out;
}

/** W_iᵀ F W_i = Σ_j (W_i · W_j)² for column i of W. */
export function quadraticForm(
  F: Float64Array,
  W: Weights,
  i: number,
  nHidden: number,
  nFeatures: number,
): number {
  let s = 0;
  for (let a = 0; a < nHidden; a++) {
    let t = 0;
    const fa = a * nHidden;
    for (let c = 0; c < nHidden; c++) t += F[fa + c] * W[c * nFeatures + i];
    s += W[a * nFeatures + i] * t;
  }
  return s;
}
