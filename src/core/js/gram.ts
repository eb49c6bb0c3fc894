/**
 * The Gram matrix G = VᵀV of n feature vectors in R^d (docs/ARCHITECTURE.md §2: G_ij = cos θ_ij
 * for unit columns). Plain TypeScript reference kernel (arguments checked by the op,
 * src/core/gram.ts); the WebAssembly twin (assembly/index.ts) keeps this name and signature.
 */

/**
 * Writes the full symmetric Gram matrix G = VᵀV.
 * Computes the upper triangle row by row (G_i,j≥i = Σ_r V_ri V_r,j≥i, an axpy along
 * contiguous rows of V) and mirrors it, so only n(n+1)d/2 multiply-adds are done.
 * @param G out, [n, n] row-major
 * @param V [d, n] row-major: feature j is column j, V[r * n + j]
 * @param d dimensions (rows of V)
 * @param n features (columns of V)
 */
export function gram(G: Float32Array, V: Float32Array, d: number, n: number): void {
  const row = new Float64Array(n); // one row of G in float64: the reference stays exact-ish
  for (let i = 0; i < n; i++) {
    row.fill(0, i);
    for (let r = 0; r < d; r++) {
      const o = r * n;
      const vi = V[o + i];
      if (vi === 0) continue;
      for (let j = i; j < n; j++) row[j] += vi * V[o + j];
    }
    const gi = i * n;
    for (let j = i; j < n; j++) {
      G[gi + j] = row[j];
      G[j * n + i] = row[j];
    }
  }
}
