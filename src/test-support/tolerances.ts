/**
 * Every numerical tolerance of the test suite, in one place, with the reason for each.
 */

/** float32 kernels against a float64 oracle: a few ulps of float32 (2^-23 ≈ 1.2e-7) grown by sums. */
export const FLOAT32_RELATIVE = 2e-6;

/** A float32 result compared relative to the largest magnitude of the whole output. */
export const FLOAT32_OF_MAX = 1e-6;

/** Central finite differences in float64 (step 1e-6): truncation and round-off near 1e-8. */
export const FD_FLOAT64_RELATIVE = 1e-5;

/** Central finite differences on a float32-stored model (step 1e-3): round-off near 1e-4. */
export const FD_FLOAT32_RELATIVE = 2e-3;

/** Sampling statistics over ~1e5 seeded draws: about 4 standard errors. */
export const SAMPLING_ABSOLUTE = 0.01;

/** Several Adam steps in float32 against float64: parameters drift by ~lr·1e-4 at most. */
export const ADAM_STEPS_ABSOLUTE = 1e-6;
