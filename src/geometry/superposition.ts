/**
 * Superposition of each feature: Σ_{j≠i} (Ŵ_i · W_j)², how much of the other
 * features' embeddings lies along feature i's direction (Elhage et al. 2022,
 * §3, the colour of the ‖W_i‖ bars). 0 for a feature orthogonal to all others;
 * 0 by convention for a feature with W_i = 0.
 *
 * Computed as (W_iᵀ (W Wᵀ) W_i − ‖W_i‖⁴) / ‖W_i‖², clamped at 0 against round-off.
 */

import { checkOut, checkWeights, type Weights } from './check-weights.js';
import { frameOperator, quadraticForm } from './frame-operator.js';

/**
 * out[i] = Σ_{j≠i} (Ŵ_i · W_j)², with Ŵ_i = W_i / ‖W_i‖.
 *
 * @param out [nFeatures] float64, written.
 * @param W [nHidden, nFeatures] row-major.
 */
export function superposition(
  out: Float64Array,
  W: Weights,
  nHidden: number,
  nFeatures: number,
): Float64Array {
  checkWeights(W, nHidden, nFeatures);
  checkOut(out, nFeatures);
  const F = frameOperator(new Float64Array(nHidden * nHidden), W, nHidden, nFeatures);
  for (let i = 0; i < nFeatures; i++) {
    let n2 = 0;
    for (let h = 0; h < nHidden; h++) n2 += W[h * nFeatures + i] ** 2;
    if (n2 === 0) {
      out[i] = 0;
      continue;
    }
    const q = quadraticForm(F, W, i, nHidden, nFeatures);
    out[i] = Math.max(0, (q - n2 * n2) / n2);
  }
  return out;
}
