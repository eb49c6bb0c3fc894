/**
 * Every numerical tolerance the tests use, in one place, with the reason for each.
 * Excluded from the build.
 */

/** Float64 identities computed in a few dozen flops (closed-form geometries). */
export const EXACT_F64 = 1e-12;

/** Float32 storage of an exactly known geometry (about 6e-8 relative per entry). */
export const EXACT_F32 = 1e-6;

/** Central finite differences in float64 with h ≈ 1e-5: error O(h²) plus round-off/h. */
export const FINITE_DIFFERENCE_F64 = 1e-6;

/** A float32 kernel against its float64 reference after one step. */
export const KERNEL_F32_VS_F64 = 1e-5;

/** A trained toy model's m/‖W‖_F² read against an ideal value (1, 1/2): training noise. */
export const TRAINED_DIMS_PER_FEATURE = 0.08;
