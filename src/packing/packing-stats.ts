/**
 * Summary statistics of a packing's Gram matrix G = VᵀV over ordered pairs i ≠ j:
 * the coherence max |G_ij| (the quantity the Welch bound limits) and the mean |G_ij|.
 */

/** Interference statistics of one packing. */
export interface PackingStats {
  /** max_{i≠j} |G_ij|. */
  maxAbsCos: number;
  /** mean over ordered pairs i ≠ j of |G_ij|. */
  meanAbsCos: number;
}

/** Statistics of G [n, n] (full symmetric). */
export function packingStats(G: Float32Array, n: number): PackingStats {
  if (G.length !== n * n)
    throw new RangeError(`G must have n² = ${n * n} entries, got ${G.length}`);
  let max = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const gi = i * n;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const a = Math.abs(G[gi + j]);
      sum += a;
      if (a > max) max = a;
    }
  }
  return { maxAbsCos: max, meanAbsCos: n > 1 ? sum / (n * (n - 1)) : 0 };
}
