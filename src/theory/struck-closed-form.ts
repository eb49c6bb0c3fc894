/**
 * The post's struck closed form (seed post, "Loss-Minimizing Subspaces", struck
 * text): with ε = ε₀ √(ln m / D) and L ≈ n² ℓ/(2k), dL/dk vanishes where
 * n/k = e^{α/(α−2)}; the post concluded k* = 1 for α ≥ 2 and
 * k* = min(n e^{α/(2−α)}, d) otherwise. Shown beside the numerical optimum so a
 * reader sees why it was struck: for α < 2 the stationary point lies at k > n
 * (outside [1, d], so the claim is always k = d), and for α > 2 it is a maximum
 * of L, not a minimum.
 */
import { checkFinite } from '../core/check-args.js';

/** What the struck closed form says for one (n, d, α). */
export interface StruckClosedForm {
  alpha: number;
  /** The stationary point k = n e^{−α/(α−2)} (null at α = 2). */
  kStationary: number | null;
  /** Whether that point is a minimum or maximum of the `jl` loss, or lies outside [1, d]. */
  kind: 'maximum' | 'minimum' | 'outside' | 'none';
  /** The post's claimed optimum: 1 for α ≥ 2, else min(n e^{α/(2−α)}, d). */
  claimedKStar: number;
}

/** The struck closed form at α. */
export function struckClosedForm(n: number, d: number, alpha: number): StruckClosedForm {
  checkFinite('struckClosedForm', 'n', n, 1);
  checkFinite('struckClosedForm', 'd', d, 1);
  checkFinite('struckClosedForm', 'alpha', alpha, Number.MIN_VALUE);
  if (!(alpha > 0) || !Number.isFinite(alpha)) {
    throw new RangeError(`alpha must be a finite number > 0, got ${alpha}`);
  }
  const claimedKStar = alpha >= 2 ? 1 : Math.min(n * Math.exp(alpha / (2 - alpha)), d);
  if (alpha === 2) return { alpha, kStationary: null, kind: 'none', claimedKStar };
  const kStationary = n * Math.exp(-alpha / (alpha - 2));
  let kind: StruckClosedForm['kind'];
  if (kStationary < 1 || kStationary > d) kind = 'outside';
  else {
    // sign of dL/dk ∝ α (x − 1) / (2x) − 1 with x = ln(n/k): just left of the point
    // (larger x) it is positive for α > 2, so L rises then falls there.
    kind = alpha > 2 ? 'maximum' : 'minimum';
  }
  return { alpha, kStationary, kind, claimedKStar };
}
