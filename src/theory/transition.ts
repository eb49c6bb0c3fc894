/**
 * The transition α* (docs/ARCHITECTURE.md §1): the least α at which k* = 1, found by
 * bracketing (doubling from α = 2) and bisection. The post finds it "a little
 * higher" than 2 for the corrected bound. Bisection assumes k* = 1 holds for all
 * α above the first α where it holds, which the post's argument (higher α weighs
 * the worst interference more) and our property tests support.
 */
import { checkFinite } from '../core/check-args.js';
import { checkModel } from './theory-model.js';
import { optimum } from './optimum.js';
import { withAlpha, type TheoryModel } from './theory-model.js';

/** The transition of one (n, d, bound, loss). */
export interface Transition {
  /** The least α with k* = 1; 0 when k* = 1 for every α; null when none below alphaLimit. */
  alphaStar: number | null;
  /** k* just below α* (null when there is no such α). */
  kStarBelow: number | null;
  /** Bracket width at the end of the bisection. */
  tolerance: number;
}

/** The largest α the bracket search tries. */
export const ALPHA_LIMIT = 1024;

/** α* by bisection. @throws RangeError on an empty domain. */
export function transition(model: TheoryModel, tolerance = 1e-9): Transition {
  checkModel('transition', model);
  checkFinite('transition', 'tolerance', tolerance, Number.MIN_VALUE, 1);
  const kStarAt = (alpha: number) => optimum(withAlpha(model, alpha)).kStar;
  let hi = 2;
  while (kStarAt(hi) !== 1) {
    hi *= 2;
    if (hi > ALPHA_LIMIT) return { alphaStar: null, kStarBelow: null, tolerance };
  }
  let lo = hi / 2;
  while (kStarAt(lo) === 1) {
    hi = lo;
    lo /= 2;
    if (lo < 1e-9) return { alphaStar: 0, kStarBelow: null, tolerance };
  }
  while (hi - lo > tolerance * hi) {
    const mid = 0.5 * (lo + hi);
    if (kStarAt(mid) === 1) hi = mid;
    else lo = mid;
  }
  return { alphaStar: hi, kStarBelow: kStarAt(lo), tolerance: hi - lo };
}
