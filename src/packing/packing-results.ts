/**
 * The results of the packing experiment (docs/ARCHITECTURE.md §2), per (n, d) and
 * α: measured L(k) beside each bound's prediction, the structure found, measured
 * and predicted α*. Plain data, defined below both the experiment that computes
 * it (src/experiments/packing-experiment.ts) and the figures that draw it
 * (src/viz/packing-figures.ts).
 */
import type { ResolvedPackRun } from './pack-run-schema.js';

/** A tegum factor summary: how many factors of each (size, dim). */
export interface FactorCount {
  size: number;
  dim: number;
  label: string;
  count: number;
}

/** One measured point of L(k). */
export interface MeasuredPoint {
  k: number;
  loss: number;
  normalizedLoss: number;
  maxAbsCos: number;
  meanAbsCos: number;
  evenBlocks: boolean;
  /** Block shapes as 'm×D' (with counts when uneven), e.g. '13×7 ×2, 12×6 ×3'. */
  layout: string;
  /** The resolved packing run that gave this point: every value that determined it. */
  config: ResolvedPackRun;
}

/** The theory's prediction from one bound. */
export interface BoundPrediction {
  bound: string;
  /** L(k)/L(1) at each measured k (null outside the bound's domain). */
  normalizedLoss: (number | null)[];
  kStar: number | null;
  kMax: number | null;
  /** Why there is no prediction (an empty domain), else null. */
  note: string | null;
}

/** Everything measured and predicted at one α. */
export interface AlphaResult {
  alpha: number;
  measured: MeasuredPoint[];
  kStarMeasured: number;
  /** Tegum factors of the best packing found (any k): the structure that won. */
  best: { k: number; factors: number; factorCounts: FactorCount[] };
  /** The unconstrained optimizer (k = 1): loss and the factors it found by itself. */
  free: {
    loss: number;
    maxAbsCos: number;
    meanAbsCos: number;
    factors: number;
    factorCounts: FactorCount[];
  };
  theory: BoundPrediction[];
}

/** One (n, d) of the sweep. */
export interface SizeResult {
  n: number;
  d: number;
  ks: number[];
  restarts: number;
  steps: number;
  alphas: AlphaResult[];
  alphaStarMeasured: { alphaStar: number | null; bracket: [number, number] | null };
  alphaStarPredicted: { bound: string; alphaStar: number | null; note: string | null }[];
  seconds: number;
}
