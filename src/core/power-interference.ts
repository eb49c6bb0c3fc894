/**
 * The power objective's interference loss over a Gram matrix (docs/ARCHITECTURE.md §2; the seed
 * post, "Loss-Minimizing Subspaces": ℓ(c) = |c|^α, α = d ln ℓ / d ln ε), summed over ordered pairs
 * i ≠ j, with ℓ'(G_ij). For α > 1: ℓ(c) = |c|^α, ℓ'(c) = α |c|^α / c (0 at c = 0). For α ≤ 1 the
 * smoothed ℓ_δ(c) = (c² + δ²)^(α/2) − δ^α, ℓ_δ'(c) = α c (c² + δ²)^(α/2) / (c² + δ²): see
 * src/packing/objectives/power.ts for why and by how much it differs. The reference both the
 * objective and the fused kernels' js twin use; computed in float64 whatever the buffer.
 */

/** A Gram-shaped buffer: float32 in the compute core, float64 in gradient checks. */
export type GramLike = Float32Array | Float64Array;

/**
 * Σ_{i≠j} ℓ(G_ij) for G [n, n] (full, symmetric).
 * @param dLdG when given, receives ℓ'(G_ij) off the diagonal and 0 on it; it may be G itself
 *   (each entry is read before it is written)
 */
export function powerInterference(
  G: GramLike,
  n: number,
  alpha: number,
  smoothing: number,
  dLdG?: GramLike,
): number {
  const smoothed = alpha <= 1;
  const delta2 = smoothing * smoothing;
  const offset = smoothed ? Math.pow(smoothing, alpha) : 0;
  const half = alpha / 2;
  let L = 0;
  for (let i = 0; i < n; i++) {
    const gi = i * n;
    for (let j = 0; j < n; j++) {
      if (i === j) {
        if (dLdG) dLdG[gi + j] = 0;
        continue;
      }
      const c = G[gi + j];
      if (smoothed) {
        const s = c * c + delta2;
        const p = Math.pow(s, half);
        L += p - offset;
        if (dLdG) dLdG[gi + j] = (alpha * c * p) / s;
      } else {
        const a = Math.abs(c);
        if (a === 0) {
          if (dLdG) dLdG[gi + j] = 0;
          continue;
        }
        const p = Math.pow(a, alpha);
        L += p;
        if (dLdG) dLdG[gi + j] = (alpha * p) / c;
      }
    }
  }
  return L;
}
