/**
 * Feature norms ‖W_i‖: the length of feature i's embedding, the column W[:, i]
 * (Elhage et al. 2022, "Toy Models of Superposition", §3: the bar height in the
 * paper's ‖W_i‖ plots). A feature with ‖W_i‖ ≈ 1 is represented, ≈ 0 is not.
 */

import { checkOut, checkWeights, type Weights } from './check-weights.js';

/**
 * out[i] = ‖W[:, i]‖ (accumulated in float64).
 *
 * @param out [nFeatures] float64, written.
 * @param W [nHidden, nFeatures] row-major.
 */
export function featureNorms(
  out: Float64Array,
  W: Weights,
  nHidden: number,
  nFeatures: number,
): Float64Array {
  checkWeights(W, nHidden, nFeatures);
  checkOut(out, nFeatures);
  out.fill(0);
  for (let h = 0; h < nHidden; h++) {
    const row = h * nFeatures;
    for (let i = 0; i < nFeatures; i++) out[i] += W[row + i] * W[row + i];
  }
  for (let i = 0; i < nFeatures; i++) out[i] = Math.sqrt(out[i]);
  return out;
}
