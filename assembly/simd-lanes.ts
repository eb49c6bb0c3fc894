/**
 * Lane helpers of the SIMD kernels (gemm.ts, toy-neuron.ts, toy-neuron-tile.ts;
 * docs/ARCHITECTURE.md §5): a multiply-add fused in the relaxed-SIMD build, and the sum of
 * a vector's four lanes.
 */

/**
 * c + a·b lane by lane: one fused multiply-add (f32x4.relaxed_madd) in the relaxed-SIMD
 * build (`--enable relaxed-simd`: FMA where the CPU has it, so one rounding instead of
 * two), a multiply then an add in the plain-SIMD build. Chosen at compile time; small
 * enough that -O3 inlines it (Binaryen's inliner).
 */
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** The sum of the four lanes, pairwise: (l0 + l1) + (l2 + l3). */
export function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}
