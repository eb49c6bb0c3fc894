/**
 * Every tolerance the tests use, in one place, each with the reason for its size.
 * Excluded from the build.
 */

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
