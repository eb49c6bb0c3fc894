/**
 * Every tolerance the tests use, in one place, each with the reason for its size.
 * Excluded from the build.
 */

/* Theory (src/theory). */

/** Closed forms evaluated in float64 against hand-computed values. */
export const CLOSED_FORM_RTOL = 1e-12;
/** Special functions (Lanczos ln Γ, asymptotic ψ) against tabulated values. */
export const SPECIAL_FUNCTION_RTOL = 1e-12;
/** Analytic derivatives against central finite differences (float64). */
export const FINITE_DIFFERENCE_RTOL = 1e-5;
/** Root solvers and minimizers against their defining equation. */
export const SOLVER_ATOL = 1e-12;
/** Seeded Monte Carlo estimates: this many standard errors. */
export const MONTE_CARLO_SIGMAS = 4;

/** Relative difference |a − b| / max(|a|, |b|, tiny). */
export function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

/** Central finite difference of f at x with step h. */
export function centralDifference(f: (x: number) => number, x: number, h: number): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/** Packing (src/packing): gradient checks and known answers. */
export const packingTolerances = {
  /** Central finite differences with h = 1e-6 on double precision: truncation O(h²), rounding O(1e-16/h). */
  finiteDifferenceRelative: 1e-5,
  /** One float32 Gram entry (the core's format) is off by up to ~1 ulp of 1: 6e-8; allow 1e-6. */
  float32Gram: 1e-6,
  /** α = 2 frame bound Σ_{i≠j} G_ij² = n²/d − n, summed from float32 Gram entries (rel. error ~1e-7). */
  frameBoundRelative: 1e-5,
  /** Regular simplex: every G_ij within this of −1/d. */
  simplexEntry: 1e-4,
  /** Minimax reaching the Welch bound (ETFs): max |G_ij| within this of the bound (absolute). */
  welchAbsolute: 2e-3,
  /** Minimax vs best-known line packings (Conway–Hardin–Sloane): max |G_ij| at most this above. */
  bestKnownAbsolute: 5e-3,
  /** The α = 2 tie across k: L(k) within this (relative) of Σ_b max(0, m_b²/D_b − m_b); float32 Gram. */
  tieRelative: 1e-5,
} as const;

/** Geometry (src/geometry): metrics of constructed geometries with exactly known answers. */
export const geometryTolerances = {
  /** Float64 identities computed in a few dozen flops (closed-form geometries). */
  exactF64: 1e-12,
  /** Float64, through a random rotation and n up to a few hundred: round-off grows with n·m. */
  rotatedF64: 1e-10,
  /** Float32 storage of an exactly known geometry (about 6e-8 relative per entry). */
  exactF32: 1e-6,
} as const;

/** Toy models (src/toy): gradients, reference steps, trained values. */
export const toyTolerances = {
  /** Central finite differences in float64 with h = 1e-6: truncation O(h²), rounding O(1e-16/h). */
  finiteDifferenceRelative: 1e-6,
  /** A float32 kernel against the float64 reference after a few steps (relative to max |W|). */
  kernelF32VsF64: 1e-4,
  /** A trained model's m/‖W‖_F² against an ideal value (1, 1/2): training noise at short runs. */
  trainedDimsPerFeature: 0.1,
} as const;

/* Compute core (src/core): kernels against float64 oracles. */

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

/* Theory (src/theory). */

/** Phase diagrams (src/toy/phase-*): exact expected losses and their optima. */
export const phaseTolerances = {
  /** Piecewise-polynomial expectations by Gauss–Legendre per piece: exact up to float64 rounding. */
  quadratureRelative: 1e-12,
  /** A Nelder–Mead optimum (fTol 1e-14) perturbed by 1e-4 in any coordinate: not lower beyond this. */
  optimumSlack: 1e-12,
} as const;
