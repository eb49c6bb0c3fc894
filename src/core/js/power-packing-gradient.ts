/**
 * The packing step's loss and gradient product for the power objective in one call
 * (docs/ARCHITECTURE.md §2): G = VᵀV, L = Σ_{i≠j} ℓ(G_ij), out = V·ℓ'(G) (zero diagonal), so
 * ∂L/∂V = 2·out. Plain TypeScript reference kernel (arguments checked by the op,
 * src/core/power-packing-gradient.ts): the three steps the optimizer takes apart, in order; the
 * WebAssembly (assembly/power-packing.ts) and native (native/src/power-packing.c) twins keep this
 * name and signature and fuse them.
 */

import { powerInterference } from '../power-interference.js';
import { gram } from './gram.js';
import { gramTimes } from './gram-times.js';

/**
 * Returns Σ_{i≠j} ℓ(G_ij) and writes out = V·ℓ'(VᵀV).
 * @param out [d, n]
 * @param V [d, n]
 * @param G scratch [n, n] (left holding ℓ'(G) here; unspecified on other backends)
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
  gram(G, V, d, n);
  const loss = powerInterference(G, n, alpha, smoothing, G);
  gramTimes(out, V, G, d, n);
  return loss;
}
