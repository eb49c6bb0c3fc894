/**
 * Every geometry metric of one weight matrix in one call (docs/ARCHITECTURE.md §3, §4):
 * the summary the toy-model and packing experiments report per instance.
 */

import { checkWeights, type Weights } from './check-weights.js';
import { dimsPerFeature } from './dims-per-feature.js';
import { featureDimensionality } from './feature-dimensionality.js';
import { featureNorms } from './feature-norms.js';
import { superposition } from './superposition.js';
import { tegumFactors, type TegumDecomposition, type TegumOptions } from './tegum-factors.js';

/** The geometry of one W [nHidden, nFeatures]. */
export interface FeatureGeometry {
  /** [nFeatures] ‖W_i‖. */
  norms: Float64Array;
  /** [nFeatures] Σ_{j≠i} (Ŵ_i · W_j)². */
  superposition: Float64Array;
  /** [nFeatures] D_i. */
  featureDimensionality: Float64Array;
  /** m / ‖W‖_F². */
  dimsPerFeature: number;
  /** Tegum factors and k. */
  tegum: TegumDecomposition;
}

/**
 * Computes all the metrics of W.
 *
 * @param W [nHidden, nFeatures] row-major.
 * @param options tegum-factor thresholds.
 */
export function featureGeometry(
  W: Weights,
  nHidden: number,
  nFeatures: number,
  options: TegumOptions = {},
): FeatureGeometry {
  checkWeights(W, nHidden, nFeatures);
  return {
    norms: featureNorms(new Float64Array(nFeatures), W, nHidden, nFeatures),
    superposition: superposition(new Float64Array(nFeatures), W, nHidden, nFeatures),
    featureDimensionality: featureDimensionality(
      new Float64Array(nFeatures),
      W,
      nHidden,
      nFeatures,
    ),
    dimsPerFeature: dimsPerFeature(W, nHidden, nFeatures),
    tegum: tegumFactors(W, nHidden, nFeatures, options),
  };
}
