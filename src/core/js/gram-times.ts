/**
 * The packing gradient's product V·A (docs/ARCHITECTURE.md §2): for L = Σ_{i≠j} ℓ(G_ij) with
 * G = VᵀV, ∂L/∂V = 2 V·A where A_ij = ℓ'(G_ij) (zero diagonal) is symmetric.
 * Plain TypeScript reference kernel (arguments checked by the op, src/core/gram-times.ts);
 * the WebAssembly twin (assembly/index.ts) keeps this name and signature.
 */

/**
 * Writes out = V·A for a symmetric A.
 * Row r of the result is Σ_i V_ri A_i,: — an axpy along contiguous rows of A.
 * @param out [d, n] row-major
 * @param V [d, n] row-major
 * @param A [n, n] row-major, symmetric (only its symmetry makes row access valid)
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
  const row = new Float64Array(n);
  for (let r = 0; r < d; r++) {
    row.fill(0);
    const o = r * n;
    for (let i = 0; i < n; i++) {
      const v = V[o + i];
      if (v === 0) continue;
      const a = i * n;
      for (let j = 0; j < n; j++) row[j] += v * A[a + j];
    }
    for (let j = 0; j < n; j++) out[o + j] = row[j];
  }
}
