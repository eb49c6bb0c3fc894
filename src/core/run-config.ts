/**
 * Resolved runs (docs/ARCHITECTURE.md §6): every run — a CLI command, a preset, a sweep job, the
 * explorer's worker — is one of these plain-data objects, built once at the edge by
 * its kind's resolver (`resolveToyRun` in src/toy, `resolvePackRun` in src/packing,
 * `resolveTheoryRun` in src/theory), with every effective value explicit. Trainers,
 * pool chunks and workers take only these. Their canonical JSON (less `threads`, which
 * changes no number) plus tegum's version, hashed, is the run's identity
 * (src/core/run-identity.ts).
 *
 * The types live here, below every layer that makes or reads them.
 */

/**
 * The kernels a run computed on: an 'auto' request (src/core/backend.ts) is resolved at
 * the edge, where the kernels load, to the one that did.
 */
export type RunBackend = 'js' | 'wasm' | 'native';

/** Thresholds of the tegum-factor analysis (src/geometry/tegum-factors.ts), all explicit. */
export interface ResolvedTegumOptions {
  normThreshold: number;
  cosineTolerance: number;
  rankTolerance: number;
}

/** A toy-model run (Elhage et al. 2022 §2; docs/ARCHITECTURE.md §3), every value explicit. */
export interface ResolvedToyRun {
  kind: 'toy';
  nInstances: number;
  nFeatures: number;
  nHidden: number;
  batchSize: number;
  /**
   * 1 − S: [nInstances] one per instance, or [nInstances, nFeatures] one per instance and
   * feature (the notebook's `feature_probability`) when they were given per feature.
   */
  featureProbability: number[];
  /** Feature sets active together (Elhage et al. 2022 §7; src/core/toy-sampling.ts). */
  correlated: number[][];
  /** Feature sets with at most one feature active, each keeping density 1 − S. */
  anticorrelated: number[][];
  /** [nFeatures] shared by every instance, or [nInstances, nFeatures]. */
  importance: number[];
  activation: 'relu' | 'linear';
  optimizer: 'adam' | 'adamw';
  weightDecay: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** [nInstances] instance i is seeded seeds[i]. */
  seeds: number[];
  steps: number;
  lr: number;
  /** A registered lr schedule (src/toy/lr-schedule.ts). */
  schedule: string;
  /** Batches of the loss evaluation after training. */
  evalBatches: number;
  tegum: ResolvedTegumOptions;
  backend: RunBackend;
  /** Worker threads; the numbers do not depend on it (instances keep their seeds). */
  threads: number;
}

/** The sphere optimizer's settings (src/packing/sphere-optimizer.ts), all explicit. */
export interface ResolvedSphereOptimizer {
  steps: number;
  method: 'adam' | 'momentum';
  learningRate: number;
  schedule: 'cosine' | 'constant';
  minLearningRateFactor: number;
  beta1: number;
  beta2: number;
  relativeTolerance: number;
  window: number;
}

/** A packing run (docs/ARCHITECTURE.md §2), every value explicit. */
export interface ResolvedPackRun {
  kind: 'pack';
  n: number;
  d: number;
  /** Orthogonal blocks (tegum-constrained), or null: unconstrained. */
  k: number | null;
  objective: string;
  /** The objective's parameters with its defaults filled in. */
  objectiveParams: Record<string, number>;
  seed: number;
  restarts: number;
  optimizer: ResolvedSphereOptimizer;
  /** |cos| above which two vectors share a tegum factor in the reported analysis. */
  cosineTolerance: number;
  backend: RunBackend;
  threads: number;
}

/** A theory evaluation (docs/ARCHITECTURE.md §1), every value explicit. */
export interface ResolvedTheoryRun {
  kind: 'theory';
  n: number;
  d: number;
  alpha: number;
  bound: string;
  loss: 'post' | 'pairs';
  epsilon0: number;
}

/** Any resolved run. */
export type ResolvedRun = ResolvedToyRun | ResolvedPackRun | ResolvedTheoryRun;
