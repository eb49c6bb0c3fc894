/** tegum's public API: re-exports only. */
export { Rng } from './core/rng.js';
export { logGamma, digamma } from './core/special-functions.js';
export type { Weights } from './geometry/check-weights.js';
export { featureNorms } from './geometry/feature-norms.js';
export { superposition } from './geometry/superposition.js';
export { featureDimensionality } from './geometry/feature-dimensionality.js';
export { dimsPerFeature } from './geometry/dims-per-feature.js';
export { numericalRank } from './geometry/numerical-rank.js';
export { symmetricEigenvalues } from './geometry/symmetric-eigenvalues.js';
export {
  tegumFactors,
  tegumLabel,
  TEGUM_DEFAULTS,
  type TegumOptions,
  type TegumFactor,
  type TegumDecomposition,
} from './geometry/tegum-factors.js';
export { featureGeometry, type FeatureGeometry } from './geometry/feature-geometry.js';
export { encodeNpy, decodeNpy, type Npy, type NpyArray } from './core/npy.js';
