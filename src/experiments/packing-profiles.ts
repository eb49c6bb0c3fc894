/**
 * The packing experiment's profiles, as plain data with a reason on each line.
 * `quick` runs in under half a minute on two cores (wasm kernels, worker pool);
 * `full` adds larger sizes, up to n = 1024, and takes about five and a half
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
  /** The k tried, in place of every integer up to the profile's kCap and d/2^j above it. */
  ks?: number[];
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
  /**
   * How the tasks share the cores: 'tasks' (default) gives each worker of a pool whole
   * tasks; 'kernels' runs the tasks one after another on this thread, each one's kernels
   * on every core — for a few large tasks of equal cost, which a pool would split
   * unevenly (five k = 1 tasks on two workers: 3 against 2).
   */
  schedule?: 'tasks' | 'kernels';
}

/** The profiles' names, in the order `--profile` lists them. */
export const PACKING_PROFILE_NAMES = ['quick', 'full', 'post'] as const;
export type PackingProfileName = (typeof PACKING_PROFILE_NAMES)[number];

/** The named profiles. */
export const PACKING_PROFILES: Record<PackingProfileName, PackingProfile> = {
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
  /**
   * The post's own regime: the corrected bound (jl-cubic) needs d ≥ 24 ln n, so
   * at n = 8192, d = 1024 it has a domain (kMax = 5) and predicts k* = 5, 5, 4, 1, 1 for
   * α = 0.5, 1, 1.5, 2, 2.5 — an interior optimum at 1.5 the optimizer can confirm or refute.
   * One step at k = 1 costs 4·d·n² ≈ 275 GFLOP; the k-block layouts add Σ 1/k² − 1 ≈ 28%.
   * `npm run bench:post` measures a k = 1 step's fused kernel on `native` (ssyrk, the
   * vectorised ℓ' pass, ssymm): about 2.4 CPU s, 16 CPU s for one step of every task.
   * The tasks run one after another, each on both cores ('kernels'). Measured on two cores
   * (`tegum reproduce --full --only packing-post`): 15 min 24 s wall, 27 CPU min; about
   * half in the kernels, a third in the optimizer's float64 passes over V in JavaScript
   * (tangent projections, Adam, retraction), the rest in each task's exact final loss.
   */
  post: {
    name: 'post',
    sizes: [{ n: 8192, d: 1024, ks: [1, 2, 3, 4, 5] }], // k = 1 is the free optimizer
    alphas: [0.5, 1, 1.5, 2, 2.5],
    restarts: 1, // one start: at n = 8192 the loss concentrates, restarts differ by ~1e-4
    steps: 75, // what fits 30 minutes on two cores; far from converged (see the report)
    kCap: 5,
    seed: 1,
    schedule: 'kernels',
  },
};
