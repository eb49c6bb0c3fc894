/**
 * Every tolerance the tests use, in one place, each with the reason for its size.
 * Excluded from the build.
 */

/** Packing (src/packing): gradient checks and known answers. */
export const packingTolerances = {
  /** Central finite differences with h = 1e-6 on double precision: truncation O(h²), rounding O(1e-16/h). */
  finiteDifferenceRelative: 1e-5,
  /** α = 2 frame bound Σ_{i≠j} G_ij² = n²/d − n: Adam with a cosine-decayed rate settles to ~1e-9 relative. */
  frameBoundRelative: 1e-6,
  /** Regular simplex: every G_ij within this of −1/d. */
  simplexEntry: 1e-4,
  /** Minimax reaching the Welch bound (ETFs): max |G_ij| within this of the bound (absolute). */
  welchAbsolute: 2e-3,
  /** Minimax vs best-known line packings (Conway–Hardin–Sloane): max |G_ij| at most this above. */
  bestKnownAbsolute: 5e-3,
  /** The α = 2 tie across k: L(k) within this (relative) of Σ_b max(0, m_b²/D_b − m_b). */
  tieRelative: 1e-6,
} as const;
