/**
 * tegum's public API: re-exports only. Everything here runs in Node and in the
 * browser (the web explorer imports it); Node-only parts (rendering to PNG,
 * writing files) are in `tegum/node` (src/node.ts).
 */
export { Rng } from './core/rng.js';
export { logGamma, digamma } from './core/special-functions.js';

export type { Bound, BoundPoint } from './theory/bounds/bound.js';
export { boundByName, boundNames, registerBound } from './theory/bounds/registry.js';
export { jlCubicEpsilon, jlCubicR } from './theory/bounds/bound-jl-cubic.js';
export { welchEpsilon } from './theory/bounds/bound-welch.js';
export { logRandomMoment } from './theory/bounds/bound-random.js';
export {
  theoryModel,
  withAlpha,
  LOSS_FORMS,
  type LossForm,
  type TheoryConfig,
  type TheoryModel,
} from './theory/theory-model.js';
export { epsilonAt, lossAt, normalizedLossAt, dLossDk } from './theory/loss.js';
export { domainOf, type Domain } from './theory/domain.js';
export { optimum, type Optimum } from './theory/optimum.js';
export { transition, type Transition } from './theory/transition.js';
export { lossCurve, type CurvePoint } from './theory/curve.js';
export { struckClosedForm, type StruckClosedForm } from './theory/struck-closed-form.js';
export {
  postFigureData,
  type PostFigureConfig,
  type PostFigureData,
} from './theory/post-figure-data.js';

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
export {
  neuronMetrics,
  NEURON_ALIVE_NORM,
  MONOSEMANTIC_SHARE,
  type NeuronMetrics,
  type NeuronSummary,
} from './geometry/neuron-metrics.js';
export {
  factorNeuronAlignment,
  factorNeuronAlignments,
  type FactorNeuronAlignment,
} from './geometry/factor-neuron-alignment.js';
export { randomSubspaceAlignment } from './geometry/random-subspace-alignment.js';

export { encodeNpy, decodeNpy, type Npy, type NpyArray } from './core/npy.js';

export {
  createObjective,
  objectiveNames,
  objectiveDefinition,
  registerObjective,
} from './packing/objectives/registry.js';
export type { Objective, ObjectiveParams } from './packing/objectives/objective.js';
export {
  optimizeOnSpheres,
  createSphereWorkspace,
  type SphereSettings,
  type SphereProgress,
  type SphereRun,
  type StepProgress,
} from './packing/sphere-optimizer.js';
export { pack, objectiveParamsOf, sphereSettingsOf, type PackResult } from './packing/pack.js';

export { gram } from './core/gram.js';
export { gramTimes } from './core/gram-times.js';
export { powerPackingGradient } from './core/power-packing-gradient.js';
export { createToyState } from './toy/create-toy-state.js';
export type { ToyState, ToyStateSpec } from './core/toy-state.js';
export { allocateToyState } from './core/toy-state.js';
export { toyTrainStep } from './core/toy-train-step.js';
export { toyGradient } from './core/toy-gradient.js';
export { sampleToyBatch } from './core/toy-batch.js';
export { toySampleBatch } from './core/toy-sample-batch.js';
export type { FeatureSets, ToySampling } from './core/toy-sampling.js';
export { checkFeatureSets, parseFeatureSets } from './core/toy-sampling.js';
export { adamUpdate } from './core/adam-update.js';
export type { AdamParams } from './core/adam-update.js';
export { setBackend, getBackend, useBackend } from './core/backend.js';
export type { BackendChoice, BackendName, Kernels, WasmOptions } from './core/backend.js';
export { WorkerPool } from './core/worker-pool.js';
export type { PoolTask } from './core/worker-pool.js';
export {
  PACK_RUN_FIELDS,
  type PackRunInput,
  type ResolvedPackRun,
} from './packing/pack-run-schema.js';
export {
  THEORY_RUN_FIELDS,
  type TheoryRunInput,
  type ResolvedTheoryRun,
} from './theory/theory-run-schema.js';
export { hasNeurons } from './core/toy-models.js';
export {
  TOY_RUN_FIELDS,
  TOY_MODELS,
  MAX_BATCH_SIZE,
  decayRatio,
  type ResolvedToyRun,
  type ToyModel,
  type ToyRunInput,
} from './toy/toy-run-schema.js';
export {
  parseRunInput,
  optionTable,
  kebabCase,
  type RunField,
  type RunFields,
  type RunInput,
  type ResolvedFields,
} from './core/run-schema.js';
export { canonicalJson } from './core/canonical-json.js';
export { TEGUM_VERSION } from './core/version.js';
export { resolveToyRun, sliceToyRun, defaultToyThreads } from './toy/resolve-toy-run.js';
export { resolvePackRun } from './packing/resolve-pack-run.js';
export { resolveTheoryRun } from './theory/resolve-theory-run.js';
export { runStretch, trainToyChunk } from './toy/toy-chunk.js';
export { ToyTrainingLoop, tailWindow, type StretchOutcome } from './toy/training-loop.js';
export { measureToyRun } from './toy/measure-toy-run.js';
export { trainToyModelsParallel } from './toy/train-toy-parallel.js';
export { powerLinspace, importanceDecay } from './toy/grids.js';
export {
  lrSchedule,
  lrScheduleNames,
  registerLrSchedule,
  type LrSchedule,
} from './toy/lr-schedule.js';
export {
  trainToyModels,
  ToyDivergenceError,
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
  sparsityOf,
  type ToyPreset,
} from './toy/presets.js';
export { twoInOneLoss, reluTermExpectation, type TwoInOneModel } from './toy/phase-2in1-loss.js';
export {
  analyticTwoInOne,
  bestAntipodalPair,
  classifyTwoInOne,
  TWO_IN_ONE_SOLUTIONS,
  type TwoInOneAnalytic,
  type TwoInOneCandidate,
  type TwoInOneSolution,
} from './toy/phase-2in1-solutions.js';
export { Registry } from './core/registry.js';
export { gaussLegendre, integratePieces } from './core/gauss-legendre.js';
export { nelderMead } from './core/nelder-mead.js';
