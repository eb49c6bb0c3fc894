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
export { gram } from './core/gram.js';
export { gramTimes } from './core/gram-times.js';
export { createToyState } from './core/toy-state.js';
export type { ToyConfig, ToyState } from './core/toy-state.js';
export { toyTrainStep } from './core/toy-train-step.js';
export { toyGradient } from './core/toy-gradient.js';
export { sampleToyBatch } from './core/toy-batch.js';
export { adamUpdate } from './core/adam-update.js';
export type { AdamParams } from './core/adam-update.js';
export { powerLinspace, importanceDecay } from './toy/grids.js';
export {
  lrSchedule,
  lrScheduleNames,
  registerLrSchedule,
  type LrSchedule,
} from './toy/lr-schedule.js';
export {
  trainToy,
  resolveTraining,
  ToyDivergenceError,
  type ToyTrainingConfig,
  type ToyTrainingResult,
  type ToyProgress,
} from './toy/train-toy.js';
export { evaluateToyLoss } from './toy/evaluate-toy-loss.js';
export {
  summarizeInstance,
  instanceWeights,
  instanceBias,
  type ToyInstanceSummary,
} from './toy/summarize-instance.js';
export { sparseLimit, type SparseLimitTerms } from './toy/sparse-limit.js';
export {
  toyPreset,
  toyPresetNames,
  registerToyPreset,
  repeatPerSeed,
  type ToyPreset,
} from './toy/presets.js';
