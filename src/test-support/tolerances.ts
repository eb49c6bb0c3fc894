/**
 * Every tolerance the tests use, in one place, each with the reason for its size.
 * Excluded from the build.
 */

/* Theory (src/theory). */

/** Closed forms evaluated in float64 against hand-computed values. */
export const CLOSED_FORM_RTOL = 1e-12;
/**
 * Float64 arithmetic on exact inputs (a few dozen operations on values of order one):
 * rounding stays near 1e-15, so 1e-12 absolute separates rounding from a wrong formula.
 */
export const F64_ROUNDING = 1e-12;
/** The same as decimal digits, for toBeCloseTo(x, F64_DIGITS). */
export const F64_DIGITS = 12;
/**
 * Float64 results that are exact up to one rounding: the same expression computed two
 * ways, or a value exact in its derivation (a symmetric node at 0, a polynomial
 * expectation in closed form) of order one. One ulp of 1 is 2.2e-16, so 1e-15 allows a
 * few roundings and nothing more.
 */
export const F64_EXACT = 1e-15;
/** The same as decimal digits, for toBeCloseTo(x, F64_EXACT_DIGITS): |a − b| < 5e-16. */
export const F64_EXACT_DIGITS = 15;
/** Special functions (Lanczos ln Γ, asymptotic ψ) against tabulated values. */
export const SPECIAL_FUNCTION_RTOL = 1e-12;
/** Root solvers and minimizers against their defining equation. */
export const SOLVER_ATOL = 1e-12;
/** Root solvers against their defining equation, relative to its right-hand side (tiny r). */
export const SOLVER_RTOL = 1e-12;
/**
 * Where a function is flat — a minimizer's location, a root at a tie (α* = 2, where L(k)
 * ties across k) or a double root (ε(1/6) = 1 of the cubic JL bound) — float64 values
 * resolve the location only to about √ε ≈ 1.5e-8 (relative); 1e-6 leaves margin above it.
 */
export const SQRT_EPS_LOCATION = 1e-6;
/** The same as decimal digits, for toBeCloseTo(x, SQRT_EPS_DIGITS): |a − b| < 5e-7. */
export const SQRT_EPS_DIGITS = 6;
/**
 * The README's library example prints the loss ratio to 2 decimals and α* to 3; the test
 * checks the numbers to the digits the README shows.
 */
export const readmeExampleDigits = { lossRatio: 2, alphaStar: 3 } as const;
/**
 * The cubic JL bound's small-r asymptote ε ≈ √(2r): from ε²/2 − ε³/3 = r the root is
 * √(2r)(1 + √(2r)/3 + …), so at r = 1e-8 the asymptote is off by ~4.7e-5 (relative);
 * 1e-4 is about twice that.
 */
export const JL_CUBIC_ASYMPTOTE_RTOL = 1e-4;
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
  /**
   * A short CLI packing against its known answer (6 equiangular lines' max |cos| = 1/√5;
   * the α = 2 frame bound n²/d − n): converged well inside 5e-4, so 3 digits.
   */
  cliKnownAnswerDigits: 3,
  /**
   * The experiment's predicted α* (bisection to 1e-6 relative) at the Welch bound's exact
   * tie α* = 2, where the tie blurs float64 values: 4 digits.
   */
  predictedAlphaStarDigits: 4,
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
  /** A float32 kernel against the float64 reference after a few steps (relative to max |W|). */
  kernelF32VsF64: 1e-4,
  /** A trained model's m/‖W‖_F² against an ideal value (1, 1/2): training noise at short runs. */
  trainedDimsPerFeature: 0.1,
} as const;

/** The sparse limit (src/toy/sparse-limit.ts) against midpoint-rule quadratures. */
export const sparseLimitTolerances = {
  /**
   * 1-sparse: the midpoint rule on 200,000 points errs by ~h² ≈ 2.5e-11 where smooth, a
   * little more at the ReLU kinks; 1e-8 (absolute) bounds it.
   */
  oneSparseAbsolute: 1e-8,
  /** 2-sparse: the 600 × 600 midpoint grid's error at the ReLU kinks is ~1e-6 of the sum. */
  twoSparseRelative: 1e-5,
} as const;

/* Compute core (src/core): kernels against float64 oracles. */

/** Nelder–Mead (src/core/nelder-mead.ts, fTol 1e-12, xTol 1e-9) on test functions. */
export const nelderMeadTolerances = {
  /**
   * Rosenbrock's curved, flat valley: f ≈ (x₀ − 1)² along it, so f ≤ 1e-10 at the stop
   * puts x within about 1e-5 of (1, 1): 5 digits.
   */
  rosenbrockDigits: 5,
  /** Rosenbrock's value at the stop: fTol 1e-12 on the simplex spread, 100× margin. */
  rosenbrockValue: 1e-10,
  /** A kinked convex minimum (|x − t| + (x − t)²) is sharp: the simplex size xTol 1e-9 bounds x; 6 digits. */
  kinkedDigits: 6,
} as const;

/**
 * Every numerical tolerance of the test suite, in one place, with the reason for each.
 */

/** float32 kernels against a float64 oracle: a few ulps of float32 (2^-23 ≈ 1.2e-7) grown by sums. */
export const FLOAT32_RELATIVE = 2e-6;

/** A float32 result compared relative to the largest magnitude of the whole output. */
export const FLOAT32_OF_MAX = 1e-6;

/**
 * The neuron models' float32 gradients relative to their largest entry: each sample's g
 * comes from a float32 forward pass (h = ReLU(W x), then b + V h) whose rounding, a few
 * ulps (2^-23 ≈ 1.2e-7) of the larger terms, lands on a residual that can be far smaller;
 * with unfused multiply-adds a two-feature model's ∂L/∂b reached 1.1e-6; 3e-6 keeps a
 * margin while a wrong term (≥ 1e-3 of the largest) still fails.
 */
export const FLOAT32_FORWARD_OF_MAX = 3e-6;

/**
 * The fused power-objective kernel's V·ℓ'(G) against float64, relative to its largest
 * entry: ℓ' is steep near c = 0 for α ≤ 1 (slope ≈ α δ^(α−2) = 500 at α = 0.5, δ = 1e-2,
 * against max |ℓ'| ≈ α δ^(α−1) = 5), so a float32 Gram entry's rounding (~1e-7) moves ℓ'
 * by up to ~1e-5 of its largest value; 1e-4 leaves a factor of 10.
 */
export const FUSED_POWER_OF_MAX = 1e-4;

/**
 * Analytic derivatives against central finite differences in float64 (step ~1e-6):
 * truncation O(h²) and round-off O(1e-16/h) near 1e-8 and 1e-10; the one name for
 * every float64 finite-difference check (theory, packing, toy, special functions).
 */
export const FD_FLOAT64_RELATIVE = 1e-5;

/** Central finite differences on a float32-stored model (step 1e-3): round-off near 1e-4. */
export const FD_FLOAT32_RELATIVE = 2e-3;

/**
 * The seeded generator's moments over 200,000 draws (src/core/rng.test.ts), each a
 * fixed margin in standard errors (SE) of its estimate.
 */
export const rngMomentTolerances = {
  /** Uniform sample variance: SE = √((1/80 − 1/144)/N) ≈ 1.7e-4; 0.002 is ~12 SE. */
  uniformVariance: 0.002,
  /** Normal second moment: SE = √(2/N) ≈ 3.2e-3; 0.015 is ~4.7 SE. */
  normalVariance: 0.015,
  /** Normal fourth moment: SE = √(96/N) ≈ 0.022; 0.1 is ~4.6 SE. */
  normalKurtosis: 0.1,
} as const;

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
