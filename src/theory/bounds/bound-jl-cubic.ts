/**
 * `jl-cubic` (default): the post's corrected Johnson–Lindenstrauss bound, ε the
 * root in (0, 1] of ε²/2 − ε³/3 = r with r = 4 ln m / D (seed post, correction;
 * scikit-learn's `johnson_lindenstrauss_min_dim`, inverted). With m = n/k and
 * D = d/k, r(k) = 4 k ln(n/k) / d. The cubic has a root in (0, 1] iff r ≤ 1/6.
 *
 * Root in closed form (trigonometric solution of the depressed cubic: with
 * ε = t + 1/2, t³ − 3t/4 + (3r − 1/4) = 0):
 *   ε(r) = 1/2 + cos((2π − arccos(1 − 12r)) / 3),
 * polished by Newton steps. Derivative by implicit differentiation:
 *   (ε − ε²) dε/dk = dr/dk = 4 (ln(n/k) − 1) / d.
 */
import { checkFinite } from '../../core/check-args.js';
import type { Bound, BoundPoint } from './bound.js';

/** The largest r = 4 ln m / D with a root in (0, 1]: f(1) = 1/2 − 1/3. */
export const JL_CUBIC_R_MAX = 1 / 6;

/** r(k) = 4 ln(n/k) / (d/k). */
export function jlCubicR(n: number, d: number, k: number): number {
  checkFinite('jlCubicR', 'n', n, Number.MIN_VALUE);
  checkFinite('jlCubicR', 'd', d, Number.MIN_VALUE);
  checkFinite('jlCubicR', 'k', k, Number.MIN_VALUE);
  return (4 * k * Math.log(n / k)) / d;
}

/** The root ε ∈ [0, 1] of ε²/2 − ε³/3 = r; NaN when r ∉ [0, 1/6]. */
export function jlCubicEpsilon(r: number): number {
  if (!(r >= 0 && r <= JL_CUBIC_R_MAX)) return Number.NaN;
  if (r === 0) return 0;
  let e = 0.5 + Math.cos((2 * Math.PI - Math.acos(Math.max(-1, 1 - 12 * r))) / 3);
  // Newton polish: the closed form loses relative precision for tiny r.
  for (let i = 0; i < 3; i++) {
    const slope = e - e * e;
    // Near ε = 1 (r → 1/6) the root is double and Newton would divide by ~0; for tiny ε
    // the slope is tiny too but Newton is what restores the relative precision.
    if (e > 0.5 && slope < 1e-6) break;
    const next = e - (e * e * (0.5 - e / 3) - r) / slope;
    if (!(next > 0 && next <= 1)) break;
    e = next;
  }
  return Math.min(1, Math.max(0, e));
}

function epsilon({ n, d, k }: BoundPoint): number {
  if (k < 1 || k > d) return Number.NaN;
  return jlCubicEpsilon(jlCubicR(n, d, k));
}

/** The post's corrected ε: root of ε²/2 − ε³/3 = 4 ln m / D. */
export const jlCubicBound: Bound = {
  name: 'jl-cubic',
  description: 'ε root of ε²/2 − ε³/3 = 4 ln m / D (the post’s corrected form)',
  epsilon,
  ell: (p) => Math.pow(epsilon(p), p.alpha),
  logEll: (p) => p.alpha * Math.log(epsilon(p)),
  dLogEllDk: (p) => {
    const e = epsilon(p);
    const drdk = (4 * (Math.log(p.n / p.k) - 1)) / p.d;
    return (p.alpha * drdk) / ((e - e * e) * e);
  },
  domainEdge: (n, d) => {
    // r is concave in k (r'' = −4/(dk)) with its peak at k = n/e, so on [1, d] the
    // set r ≤ 1/6 that contains k = 1 ends at the first crossing before the peak.
    if (jlCubicR(n, d, 1) > JL_CUBIC_R_MAX) return null;
    const peak = Math.min(d, Math.max(1, n / Math.E));
    if (jlCubicR(n, d, peak) <= JL_CUBIC_R_MAX) return d;
    let lo = 1;
    let hi = peak;
    for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
      const mid = 0.5 * (lo + hi);
      if (jlCubicR(n, d, mid) <= JL_CUBIC_R_MAX) lo = mid;
      else hi = mid;
    }
    return lo;
  },
};
