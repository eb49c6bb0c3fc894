/**
 * The loss-minimizing number of subspaces (docs/ARCHITECTURE.md §1): k* is the integer
 * k ∈ [1, kMax] of least L(k) (the smallest such k on ties, to a relative 1e-12); beside it the
 * continuous minimizer, found by golden-section search on [k* − 1, k* + 1] within
 * the domain. Losses are compared as ln L, which stays finite where L underflows
 * (α in the hundreds); past EXHAUSTIVE_K_LIMIT integers the search is bracketed.
 */
import { checkModel } from './theory-model.js';
import { domainOf } from './domain.js';
import { epsilonAt, logLossAt, lossAt, normalizedLossAt } from './loss.js';
import type { TheoryModel } from './theory-model.js';

/** The optimum of one model (one α). */
export interface Optimum {
  alpha: number;
  /** The integer k of least loss. */
  kStar: number;
  /** The real k of least loss near kStar. */
  kStarContinuous: number;
  /** ε at kStar. */
  epsilon: number;
  /** L(kStar). */
  loss: number;
  /** L(kStar) / L(1). */
  lossRatio: number;
  /** The largest integer k in the domain. */
  kMax: number;
  /** The real right end of the domain. */
  kEdge: number;
  /** True when 1 < kStar < kMax: a minimum inside the domain. */
  interior: boolean;
}

/** Relative loss difference below which two k count as tied. */
export const TIE_TOLERANCE = 1e-12;

const INV_PHI = (Math.sqrt(5) - 1) / 2;

/** Up to this kMax every integer k is tried; past it the search is bracketed (logarithmic in kMax). */
export const EXHAUSTIVE_K_LIMIT = 100_000;

/** Integers per decade of the bracketing grid. */
const GRID_PER_DECADE = 64;

/**
 * The least-loss integer in [from, to], compared in log space (L underflows for
 * large α) with the tie margin, the smallest k winning ties.
 */
function scan(logL: (k: number) => number, from: number, to: number) {
  const margin = Math.log1p(-TIE_TOLERANCE);
  let kStar = from;
  let best = logL(from);
  for (let k = from + 1; k <= to; k++) {
    const v = logL(k);
    // A relative margin so that exact ties (α = 2 with tight frames) keep the smallest k
    // instead of whichever k rounding happens to favour.
    if (v < best + margin) {
      best = v;
      kStar = k;
    }
  }
  return kStar;
}

/**
 * The least-loss integer k in [1, kMax] when kMax is too large to try them all:
 * the best of a logarithmic grid, then an integer golden-section search inside
 * its neighbours' bracket (L is unimodal there), then a short exhaustive scan.
 */
function bracketed(logL: (k: number) => number, kMax: number): number {
  const count = Math.ceil(GRID_PER_DECADE * Math.log10(kMax)) + 1;
  const grid: number[] = [];
  for (let i = 0; i < count; i++) {
    const k = i === count - 1 ? kMax : Math.round(Math.exp((Math.log(kMax) * i) / (count - 1)));
    if (grid.length === 0 || k > grid[grid.length - 1]) grid.push(k);
  }
  const values = grid.map(logL);
  let j = 0;
  const margin = Math.log1p(-TIE_TOLERANCE);
  for (let i = 1; i < grid.length; i++) if (values[i] < values[j] + margin) j = i;
  let lo = grid[Math.max(0, j - 1)];
  let hi = grid[Math.min(grid.length - 1, j + 1)];
  while (hi - lo > 64) {
    const a = lo + Math.floor((hi - lo) / 3);
    const b = hi - Math.floor((hi - lo) / 3);
    if (logL(a) <= logL(b)) hi = b;
    else lo = a;
  }
  return scan(logL, lo, hi);
}

/** k* and its neighbours for one model. @throws RangeError on an empty domain. */
export function optimum(model: TheoryModel): Optimum {
  checkModel('optimum', model);
  const { kEdge, kMax } = domainOf(model);
  const logL = (k: number) => logLossAt(model, k);
  const kStar = kMax <= EXHAUSTIVE_K_LIMIT ? scan(logL, 1, kMax) : bracketed(logL, kMax);
  const kStarContinuous = goldenSection(logL, Math.max(1, kStar - 1), Math.min(kEdge, kStar + 1));
  return {
    alpha: model.alpha,
    kStar,
    kStarContinuous,
    epsilon: epsilonAt(model, kStar),
    loss: lossAt(model, kStar),
    lossRatio: normalizedLossAt(model, kStar),
    kMax,
    kEdge,
    interior: kStar > 1 && kStar < kMax,
  };
}

/** Minimizes f on [a, b] by golden-section search (f unimodal there). */
export function goldenSection(f: (x: number) => number, a: number, b: number, tol = 1e-10): number {
  if (b <= a) return a;
  let x1 = b - INV_PHI * (b - a);
  let x2 = a + INV_PHI * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  while (b - a > tol * Math.max(1, Math.abs(a) + Math.abs(b))) {
    if (f1 <= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - INV_PHI * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + INV_PHI * (b - a);
      f2 = f(x2);
    }
  }
  const mid = 0.5 * (a + b);
  // The search never evaluates the ends; keep an end if it is lower (a boundary minimum).
  const candidates = [mid, a, b];
  return candidates.reduce((best, x) => (f(x) < f(best) ? x : best), mid);
}
