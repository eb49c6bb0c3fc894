/**
 * The packing gradient's product V·A (docs/ARCHITECTURE.md §2): for L = Σ_{i≠j} ℓ(G_ij) with
 * G = VᵀV, ∂L/∂V = 2 V·A where A_ij = ℓ'(G_ij) (zero diagonal) is symmetric. The op: checks
 * arguments, then runs the active backend's kernel.
 */

import { activeKernels } from './backend.js';
import { checkDims, checkLength } from './check-args.js';

/**
 * Writes out = V·A for a symmetric A.
 * @param out [d, n] row-major
 * @param V [d, n] row-major
 * @param A [n, n] row-major, symmetric (kernels read its rows as its columns)
 * @param d dimensions
 * @param n features
 */
export function gramTimes(
  out: Float32Array,
  V: Float32Array,
  A: Float32Array,
  d: number,
  n: number,
): void {
  checkDims('gramTimes', { d, n });
  checkLength('gramTimes', 'out', out, d * n);
  checkLength('gramTimes', 'V', V, d * n);
  checkLength('gramTimes', 'A', A, n * n);
  activeKernels().gramTimes(out, V, A, d, n);
}
