/**
 * `random`: the interference of random vectors. ℓ = ε^α = E|c|^α for c the cosine
 * of two independent uniform unit vectors in R^D (c² ~ Beta(1/2, (D−1)/2)):
 *   E|c|^α = Γ((α+1)/2) Γ(D/2) / (√π Γ((D+α)/2)),
 * and with D = d/k,
 *   d ln ℓ / dk = −(D / 2k) [ψ(D/2) − ψ((D+α)/2)].
 * It depends on D only: random vectors do not care how many share the subspace.
 */
import { checkFinite } from '../../core/check-args.js';
import { digamma, logGamma } from '../../core/special-functions.js';
import type { Bound, BoundPoint } from './bound.js';

/** ln E|c|^α for the cosine c of two uniform unit vectors in R^D (D > 0, α > 0). */
export function logRandomMoment(D: number, alpha: number): number {
  checkFinite('logRandomMoment', 'D', D, Number.MIN_VALUE);
  checkFinite('logRandomMoment', 'alpha', alpha, Number.MIN_VALUE);
  return (
    logGamma((alpha + 1) / 2) +
    logGamma(D / 2) -
    0.5 * Math.log(Math.PI) -
    logGamma((D + alpha) / 2)
  );
}

function ell({ d, k, alpha }: BoundPoint): number {
  if (k < 1 || k > d) return Number.NaN;
  return Math.exp(logRandomMoment(d / k, alpha));
}

/** Random unit vectors: ε^α = E|cos|^α in D dimensions. */
export const randomBound: Bound = {
  name: 'random',
  description: 'ε^α = E|c|^α for random unit vectors in R^D',
  epsilon: (p) => Math.pow(ell(p), 1 / p.alpha),
  ell,
  logEll: ({ d, k, alpha }) => (k < 1 || k > d ? Number.NaN : logRandomMoment(d / k, alpha)),
  dLogEllDk: ({ d, k, alpha }) => {
    const D = d / k;
    return (-D / (2 * k)) * (digamma(D / 2) - digamma((D + alpha) / 2));
  },
  domainEdge: (_n, d) => d,
};
