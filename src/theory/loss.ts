/**
 * The loss of k orthogonal subspaces (seed post, "Loss"; docs/ARCHITECTURE.md §1):
 *   post:  L(k) = n² ℓ(ε) / (2k)            (the post's approximation)
 *   pairs: L(k) = n (n/k − 1) ℓ(ε) / 2      (the exact count of interfering pairs)
 * and its derivative dL/dk = L · (d ln ℓ/dk + d ln(count)/dk), where
 * d ln(count)/dk is −1/k (post) or −n / (k (n − k)) (pairs).
 */
import { checkFinite } from '../core/check-args.js';
import { checkModel } from './theory-model.js';
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
  checkModel('epsilonAt', model);
  checkFinite('epsilonAt', 'k', k);
  return model.bound.epsilon(point(model, k));
}

/** L(k) for real k in the domain; NaN outside it. */
export function lossAt(model: TheoryModel, k: number): number {
  checkModel('lossAt', model);
  checkFinite('lossAt', 'k', k);
  return pairFactor(model, k) * model.bound.ell(point(model, k));
}

/**
 * ln L(k), finite where L itself underflows to 0 (ℓ = ε^α with α in the
 * hundreds); −Infinity only where ε = 0, NaN outside the domain.
 */
export function logLossAt(model: TheoryModel, k: number): number {
  checkModel('logLossAt', model);
  checkFinite('logLossAt', 'k', k);
  const p = point(model, k);
  const logEll = model.bound.logEll ? model.bound.logEll(p) : Math.log(model.bound.ell(p));
  return Math.log(pairFactor(model, k)) + logEll;
}

/** L(k) / L(1), computed as exp(ln L(k) − ln L(1)) so that it stays finite when L underflows. */
export function normalizedLossAt(model: TheoryModel, k: number): number {
  checkModel('normalizedLossAt', model);
  checkFinite('normalizedLossAt', 'k', k);
  const ratio = Math.exp(logLossAt(model, k) - logLossAt(model, 1));
  // Where both logs are −Infinity (ε = 0 at both ends) the losses are equal.
  return Number.isNaN(ratio) && lossAt(model, k) === lossAt(model, 1) ? 1 : ratio;
}

/**
 * dL/dk, analytic (implicit differentiation for `jl-cubic`), as
 * sign · exp(ln L + ln |d ln L/dk|) so that a tiny L times a large log-derivative
 * stays finite. Where d ln ℓ/dk itself is infinite (ε = 1 exactly at the edge
 * of `jl-cubic`'s domain, a vertical tangent) the result is infinite, and the
 * result guard refuses to print it.
 */
export function dLossDk(model: TheoryModel, k: number): number {
  checkModel('dLossDk', model);
  checkFinite('dLossDk', 'k', k);
  const L = lossAt(model, k);
  const logL = logLossAt(model, k);
  if (L === 0 && logL === -Infinity) return 0;
  const dLog = model.bound.dLogEllDk(point(model, k)) + dLogPairFactorDk(model, k);
  if (dLog === 0) return 0;
  return Math.sign(dLog) * Math.exp(logL + Math.log(Math.abs(dLog)));
}
