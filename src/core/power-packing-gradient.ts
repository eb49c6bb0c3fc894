/**
 * The packing step's loss and gradient product for the power objective ℓ(c) = |c|^α in
 * one kernel call (docs/ARCHITECTURE.md §2; the seed post, "Loss-Minimizing Subspaces"): what
 * `gram`, the objective's ∂L/∂G and `gramTimes` compute in turn, fused so the [n, n]
 * matrices never leave the backend (native: ssyrk, a vectorised pass over the upper
 * triangle, ssymm). The op: checks arguments, then runs the active backend's kernel.
 */

import { activeKernels } from './backend.js';
import { checkDims, checkFinite, checkLength } from './check-args.js';

/**
 * Returns L = Σ_{i≠j} ℓ(G_ij) for G = VᵀV and writes out = V·A, A_ij = ℓ'(G_ij) with a zero
 * diagonal (so ∂L/∂V = 2·out). ℓ is smoothed as (c² + δ²)^(α/2) − δ^α when α ≤ 1
 * (src/core/power-interference.ts).
 * @param out [d, n] row-major
 * @param V [d, n] row-major
 * @param G scratch [n, n]; its contents afterwards are unspecified
 * @param alpha α > 0
 * @param smoothing δ ∈ (0, 0.1), used when α ≤ 1
 */
export function powerPackingGradient(
  out: Float32Array,
  V: Float32Array,
  G: Float32Array,
  d: number,
  n: number,
  alpha: number,
  smoothing: number,
): number {
  const fn = 'powerPackingGradient';
  checkDims(fn, { d, n });
  checkLength(fn, 'out', out, d * n);
  checkLength(fn, 'V', V, d * n);
  checkLength(fn, 'G', G, n * n);
  checkFinite(fn, 'alpha', alpha, Number.MIN_VALUE);
  checkFinite(fn, 'smoothing', smoothing, Number.MIN_VALUE, 0.1);
  return activeKernels().powerPackingGradient(out, V, G, d, n, alpha, smoothing);
}
