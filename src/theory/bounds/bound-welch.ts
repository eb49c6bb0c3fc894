/**
 * `welch`: the Welch bound on the maximum coherence of m unit vectors in R^D,
 * ε = √((m − D) / (D (m − 1))) for m > D, else 0 (Welch 1974; the least possible
 * max |cos θ|, met by equiangular tight frames). With m = n/k, D = d/k:
 *   d ln ε / dk = m / (2k (m − 1)),
 * since d ln(m − D)/dk = d ln D/dk = −1/k and d ln(m − 1)/dk = −m / (k (m − 1)).
 */
import { checkFinite } from '../../core/check-args.js';
import type { Bound, BoundPoint } from './bound.js';

/** Welch's bound for m vectors in D dimensions. */
export function welchEpsilon(m: number, D: number): number {
  checkFinite('welchEpsilon', 'm', m, Number.MIN_VALUE);
  checkFinite('welchEpsilon', 'D', D, Number.MIN_VALUE);
  if (m <= D) return 0;
  return Math.sqrt((m - D) / (D * (m - 1)));
}

function epsilon({ n, d, k }: BoundPoint): number {
  if (k < 1 || k > d) return Number.NaN;
  return welchEpsilon(n / k, d / k);
}

/** The Welch bound: the least possible maximum coherence. */
export const welchBound: Bound = {
  name: 'welch',
  description: 'ε = √((m − D) / (D (m − 1))) (Welch: least possible max coherence)',
  epsilon,
  ell: (p) => Math.pow(epsilon(p), p.alpha),
  logEll: (p) => p.alpha * Math.log(epsilon(p)),
  dLogEllDk: ({ n, d, k, alpha }) => {
    const m = n / k;
    if (m <= d / k) return 0;
    return (alpha * m) / (2 * k * (m - 1));
  },
  domainEdge: (_n, d) => d,
};
