/**
 * The packing experiment's profiles, as plain data with a reason on each line.
 * `quick` runs in under half a minute on two cores (wasm kernels, worker pool);
 * `full` adds the larger sizes the issue asks for and takes about five and a half
 * minutes there.
 */

/** One (n, d) point of the sweep. */
export interface PackingSize {
  n: number;
  d: number;
  /** Per-size overrides of the profile's α grid, restarts and steps (large n costs n²d a step). */
  alphas?: number[];
  restarts?: number;
  steps?: number;
}

/** Everything the experiment varies. */
export interface PackingProfile {
  name: string;
  sizes: PackingSize[];
  /** α grid: the post's range, dense around its transition near 2. */
  alphas: number[];
  /** Random starts per block shape; the best is kept. */
  restarts: number;
  /** Optimizer steps per run (cosine-decayed Adam, early stop on relative improvement). */
  steps: number;
  /** Largest k tried (all integers 1..min(d, kCap)). */
  kCap: number;
  seed: number;
}

/** The named profiles. */
export const PACKING_PROFILES: Record<'quick' | 'full', PackingProfile> = {
  quick: {
    name: 'quick',
    sizes: [
      { n: 64, d: 32 }, // n/d = 2
      { n: 64, d: 16 }, // n/d = 4
      { n: 64, d: 8 }, // n/d = 8
    ],
    alphas: [0.25, 0.5, 1, 1.5, 2, 2.5, 3, 4],
    restarts: 2, // two starts already separate optimizer luck from geometry at n = 64
    steps: 2000, // small α needs ~2000 steps for the free optimizer to find its factors
    kCap: 32,
    seed: 1,
  },
  full: {
    name: 'full',
    sizes: [
      { n: 64, d: 32 },
      { n: 64, d: 16 },
      { n: 64, d: 8 },
      { n: 256, d: 128, restarts: 1, steps: 800 }, // n/d = 2; 33 MFLOP a step at k = 1
      { n: 256, d: 64, restarts: 1, steps: 800 }, // n/d = 4
      { n: 256, d: 32, restarts: 1, steps: 800 }, // n/d = 8
      // n/d = 8 at the largest size: 0.5 GFLOP a step at k = 1, so fewer α and steps.
      { n: 1024, d: 128, alphas: [0.5, 1, 2, 3], restarts: 1, steps: 300 },
    ],
    alphas: [0.25, 0.5, 1, 1.5, 2, 2.5, 3, 4],
    restarts: 2,
    steps: 1500,
    kCap: 128,
    seed: 1,
  },
};
