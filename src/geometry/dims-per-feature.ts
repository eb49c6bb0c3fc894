/**
 * Dimensions per feature m / ‖W‖_F² (Elhage et al. 2022, §"Feature
 * Dimensionality", the "dimensions per feature" plot; docs/ARCHITECTURE.md §3). With every
 * represented feature at unit norm, ‖W‖_F² counts the features represented, so
 * this is 1 when m features get a dimension each and 1/2 when 2m features share
 * m dimensions in antipodal pairs.
 */

import { checkWeights, type Weights } from './check-weights.js';

/**
 * m / ‖W‖_F². Infinity when W = 0 (nothing represented).
 *
 * @param W [nHidden, nFeatures] row-major.
 */
export function dimsPerFeature(W: Weights, nHidden: number, nFeatures: number): number {
  checkWeights(W, nHidden, nFeatures);
  let f2 = 0;
  for (let k = 0; k < W.length; k++) f2 += W[k] * W[k];
  return nHidden / f2;
}
