/**
 * The loss-minimizing number of subspaces (DESIGN.md §1): k* is the integer
 * k ∈ [1, kMax] of least L(k) (the smallest such k on ties, to a relative 1e-12); beside it the
 * continuous minimizer, found by golden-section search on [k* − 1, k* + 1] within
 * the domain.
 */
import { domainOf } from './domain.js';
import { epsilonAt, lossAt } from './loss.js';
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

/** k* and its neighbours for one model. @throws RangeError on an empty domain. */
export function optimum(model: TheoryModel): Optimum {
  const { kEdge, kMax } = domainOf(model);
  let kStar = 1;
  let best = lossAt(model, 1);
  for (let k = 2; k <= kMax; k++) {
    const L = lossAt(model, k);
    // A relative margin so that exact ties (α = 2 with tight frames) keep the smallest k
    // instead of whichever k rounding happens to favour.
    if (L < best * (1 - TIE_TOLERANCE)) {
      best = L;
      kStar = k;
    }
  }
  const kStarContinuous = goldenSection(
    (k) => lossAt(model, k),
    Math.max(1, kStar - 1),
    Math.min(kEdge, kStar + 1),
  );
  return {
    alpha: model.alpha,
    kStar,
    kStarContinuous,
    epsilon: epsilonAt(model, kStar),
    loss: best,
    lossRatio: best / lossAt(model, 1),
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
