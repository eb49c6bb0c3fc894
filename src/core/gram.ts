/**
 * The Gram matrix G = VᵀV of n feature vectors in R^d (docs/ARCHITECTURE.md §2: G_ij = cos θ_ij for
 * unit columns). The op: checks arguments, then runs the active backend's kernel
 * (src/core/js/gram.ts or its WebAssembly twin).
 */

import { activeKernels } from './backend.js';
import { checkDims, checkLength } from './check-args.js';

/**
 * Writes the full symmetric Gram matrix G = VᵀV (one triangle computed, then mirrored).
 * @param G out, [n, n] row-major
 * @param V [d, n] row-major: feature j is column j, V[r * n + j]
 * @param d dimensions (rows of V)
 * @param n features (columns of V)
 */
export function gram(G: Float32Array, V: Float32Array, d: number, n: number): void {
  checkDims('gram', { d, n });
  checkLength('gram', 'G', G, n * n);
  checkLength('gram', 'V', V, d * n);
  activeKernels().gram(G, V, d, n);
}
