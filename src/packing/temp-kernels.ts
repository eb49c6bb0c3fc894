/**
 * TEMPORARY stand-ins for the compute core's `gram` and `gramTimes` (branch `core`),
 * with exactly the core's signatures (float32 buffers, float64 accumulation).
 * Delete this file when `core` is merged and import from src/core instead.
 */

/** G = VᵀV. V [d, n] row-major (feature j is column j); G [n, n] full symmetric. */
export function gram(G: Float32Array, V: Float32Array, d: number, n: number): void {
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    row.fill(0, i);
    for (let r = 0; r < d; r++) {
      const o = r * n;
      const vi = V[o + i];
      if (vi === 0) continue;
      for (let j = i; j < n; j++) row[j] += vi * V[o + j];
    }
    for (let j = i; j < n; j++) {
      G[i * n + j] = row[j];
      G[j * n + i] = row[j];
    }
  }
}

/** out = V·A. V [d, n], A [n, n] symmetric, out [d, n]. */
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
