/**
 * Feature dimensionality D_i = ‖W_i‖² / Σ_j (Ŵ_i · W_j)² (Elhage et al. 2022,
 * §"Feature Dimensionality"; docs/ARCHITECTURE.md §3): the fraction of a dimension feature i
 * owns. 1 for a dedicated feature, 1/2 for an antipodal pair, 2/3 a triangle,
 * 2/5 a pentagon, 3/4 a tetrahedron; m/n for every feature of a unit-norm tight
 * frame of n vectors in R^m. The sum over j includes j = i, so
 * D_i = ‖W_i‖⁴ / W_iᵀ (W Wᵀ) W_i. 0 by convention for W_i = 0.
 */

import { checkOut, checkWeights, type Weights } from './check-weights.js';
import { frameOperator, quadraticForm } from './frame-operator.js';

/**
 * out[i] = D_i.
 *
 * @param out [nFeatures] float64, written.
 * @param W [nHidden, nFeatures] row-major.
 */
export function featureDimensionality(
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
    out[i] = n2 === 0 ? 0 : (n2 * n2) / quadraticForm(F, W, i, nHidden, nFeatures);
  }
  return out;
}
