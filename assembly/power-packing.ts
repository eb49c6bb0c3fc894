/**
 * The packing step's loss and gradient product for the power objective in one call, the
 * twin of src/core/js/power-packing-gradient.ts (docs/ARCHITECTURE.md §2; the seed post,
 * "Loss-Minimizing Subspaces"): G = VᵀV (upper triangle), L = 2 Σ_{i<j} ℓ(G_ij),
 * A = ℓ'(G) with a zero diagonal written over G's upper triangle and mirrored, out = V·A.
 * ℓ as src/packing/objectives/power.ts defines it: |c|^α for α > 1, smoothed
 * (c² + δ²)^(α/2) − δ^α for α ≤ 1. α = 2 (ℓ' = 2c) and α = 1 (a square root) run in SIMD
 * lanes; other α call Mathf.pow per entry. Row sums in f32 lanes, the total in f64.
 */

import { gemmRows, mirrorUpper, syrkUpper } from './gemm';

/**
 * Replaces the strict upper triangle of G [n, ld] by ℓ'(G) and its diagonal by 0;
 * returns Σ_{i≠j} ℓ(G_ij) (both triangles: twice the upper sum).
 */
export function powerUpper(G: usize, n: i32, ld: i32, alpha: f64, smoothing: f64): f64 {
  const smoothed = alpha <= 1;
  const a = <f32>alpha;
  const delta2 = <f32>(smoothing * smoothing);
  const offset: f32 = smoothed ? <f32>Math.pow(smoothing, alpha) : 0;
  const square = !smoothed && alpha == 2;
  const root = smoothed && alpha == 1;
  const half = <f32>(0.5 * alpha - 1);
  const am1 = <f32>(alpha - 1);
  const vTwo = f32x4.splat(2);
  const vDelta2 = f32x4.splat(delta2);
  const vOffset = f32x4.splat(offset);
  let total: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = G + ((<usize>i * <usize>ld) << 2);
    store<f32>(row + ((<usize>i) << 2), 0);
    let j = i + 1;
    let sum: f32 = 0;
    if (square || root) {
      let acc = f32x4.splat(0);
      for (; j + 4 <= n; j += 4) {
        const p = row + ((<usize>j) << 2);
        const c = v128.load(p);
        if (square) {
          acc = f32x4.add(acc, f32x4.mul(c, c));
          v128.store(p, f32x4.mul(vTwo, c));
        } else {
          const r = f32x4.sqrt(f32x4.add(f32x4.mul(c, c), vDelta2));
          acc = f32x4.add(acc, f32x4.sub(r, vOffset));
          v128.store(p, f32x4.div(c, r));
        }
      }
      sum =
        f32x4.extract_lane(acc, 0) +
        f32x4.extract_lane(acc, 1) +
        f32x4.extract_lane(acc, 2) +
        f32x4.extract_lane(acc, 3);
    }
    for (; j < n; j++) {
      const p = row + ((<usize>j) << 2);
      const c = load<f32>(p);
      if (smoothed) {
        const s = c * c + delta2;
        const q = Mathf.pow(s, half);
        sum += s * q - offset;
        store<f32>(p, a * c * q);
      } else {
        const m = Mathf.abs(c);
        const q = Mathf.pow(m, am1);
        sum += m * q;
        store<f32>(p, c < 0 ? -a * q : a * q);
      }
    }
    total += <f64>sum;
  }
  return 2 * total;
}

/**
 * out [ceil4(d), ld] = V·ℓ'(VᵀV) for V [ceil4(d), ld] (zero padding); G [ceil4(n), ld] is
 * scratch. Returns Σ_{i≠j} ℓ(G_ij).
 */
// prettier-ignore
export function powerPackingGradient(out: usize, V: usize, G: usize, d: i32, n: i32, ld: i32,
  alpha: f64, smoothing: f64): f64 {
  syrkUpper(G, V, d, n, ld);
  const loss = powerUpper(G, n, ld, alpha, smoothing);
  mirrorUpper(G, n, ld);
  gemmRows(out, V, G, d, n, ld);
  return loss;
}
