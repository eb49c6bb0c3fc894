/**
 * The loss of k orthogonal subspaces (seed post, "Loss"; DESIGN.md §1):
 *   post:  L(k) = n² ℓ(ε) / (2k)            (the post's approximation)
 *   pairs: L(k) = n (n/k − 1) ℓ(ε) / 2      (the exact count of interfering pairs)
 * and its derivative dL/dk = L · (d ln ℓ/dk + d ln(count)/dk), where
 * d ln(count)/dk is −1/k (post) or −n / (k (n − k)) (pairs).
 */
import type { BoundPoint } from './bounds/bound.js';
import type { TheoryModel } from './theory-model.js';

function point(model: TheoryModel, k: number): BoundPoint {
  return { n: model.n, d: model.d, k, alpha: model.alpha, epsilon0: model.epsilon0 };
}

function pairFactor(model: TheoryModel, k: number): number {
  const { n } = model;
  return model.loss === 'post' ? (n * n) / (2 * k) : (n * (n / k - 1)) / 2;
}

function dLogPairFactorDk(model: TheoryModel, k: number): number {
  return model.loss === 'post' ? -1 / k : -model.n / (k * (model.n - k));
}

/** ε(k), the typical interference inside a subspace; NaN outside the domain. */
export function epsilonAt(model: TheoryModel, k: number): number {
  return model.bound.epsilon(point(model, k));
}

/** L(k) for real k in the domain; NaN outside it. */
export function lossAt(model: TheoryModel, k: number): number {
  return pairFactor(model, k) * model.bound.ell(point(model, k));
}

/** L(k) / L(1). */
export function normalizedLossAt(model: TheoryModel, k: number): number {
  return lossAt(model, k) / lossAt(model, 1);
}

/** dL/dk, analytic (implicit differentiation for `jl-cubic`). */
export function dLossDk(model: TheoryModel, k: number): number {
  const L = lossAt(model, k);
  if (L === 0) return 0;
  return L * (model.bound.dLogEllDk(point(model, k)) + dLogPairFactorDk(model, k));
}
