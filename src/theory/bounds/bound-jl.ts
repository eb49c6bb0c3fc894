/**
 * `jl`: the post's first (struck) form of the Johnson–Lindenstrauss bound,
 * ε = ε₀ √(ln m / D) with m = n/k, D = d/k (seed post, "Loss-Minimizing
 * Subspaces"). Its log-derivative is the post's d ln ε / d ln k = (ln(n/k) − 1) /
 * (2 ln(n/k)), i.e. d ln ε / dk = (1 − 1/ln m) / (2k). Defined for all k ∈ [1, d]
 * (m > 1 there since n > d); ε may exceed 1 near k = d, as in the post.
 */
import type { Bound, BoundPoint } from './bound.js';

function epsilon({ n, d, k, epsilon0 }: BoundPoint): number {
  if (k < 1 || k > d) return Number.NaN;
  return epsilon0 * Math.sqrt(Math.log(n / k) / (d / k));
}

/** The post's struck ε = ε₀ √(ln m / D). */
export const jlBound: Bound = {
  name: 'jl',
  description: 'ε = ε₀ √(ln m / D) (the post’s first, struck form)',
  epsilon,
  ell: (p) => Math.pow(epsilon(p), p.alpha),
  logEll: (p) => p.alpha * Math.log(epsilon(p)),
  dLogEllDk: ({ n, k, alpha }) => (alpha * (1 - 1 / Math.log(n / k))) / (2 * k),
  domainEdge: (_n, d) => d,
};
