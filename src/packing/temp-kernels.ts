/**
 * TEMPORARY stand-ins for the compute core's `gram` and `gramTimes` (branch `core`),
 * with exactly the core's signatures. Delete this file when `core` is merged and
 * import from src/core instead.
 */

/**
 * G = VᵀV. V [d, n] row-major (feature j is column j); G [n, n] full symmetric.
 */
export function gram(G: Float64Array, V: Float64Array, d: number, n: number): void {
  G.fill(0);
  for (let r = 0; r < d; r++) {
    const row = r * n;
    for (let i = 0; i < n; i++) {
      const vi = V[row + i];
      if (vi === 0) continue;
      const gi = i * n;
      for (let j = i; j < n; j++) G[gi + j] += vi * V[row + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) G[i * n + j] = G[j * n + i];
}

/**
 * out = V·A. V [d, n], A [n, n] symmetric, out [d, n].
 */
export function gramTimes(
  out: Float64Array,
  V: Float64Array,
  A: Float64Array,
  d: number,
  n: number,
): void {
  out.fill(0);
  for (let r = 0; r < d; r++) {
    const row = r * n;
    for (let i = 0; i < n; i++) {
      const vi = V[row + i];
      if (vi === 0) continue;
      const ai = i * n;
      for (let j = 0; j < n; j++) out[row + j] += vi * A[ai + j];
    }
  }
}
