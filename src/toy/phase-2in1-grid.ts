/**
 * The grid of the 2-in-1 phase diagram (phase-2in1-solutions.ts has the setup):
 * relative importance r of feature 2 from 0.1 to 10 (log) × density p = 1 − S
 * of both features from 1 to 0.01 (log), several seeds per point, the best seed
 * by loss kept per point, as the paper does. One training job per (r, p, seed):
 * a single toy model with n = 2, m = 1, importance (1, r), the notebook's
 * training defaults.
 */
import type { TwoInOneSolution } from './phase-2in1-solutions.js';

/** A grid's resolution and training. */
export interface TwoInOneGrid {
  /** Points along r ∈ [0.1, 10] and along p ∈ [0.01, 1], log-spaced. */
  importancePoints: number;
  densityPoints: number;
  seeds: number;
  steps: number;
}

/** quick: a coarse grid for CI; full: a fine one (the paper does not state its resolution). */
export const TWO_IN_ONE_GRIDS: Readonly<Record<'quick' | 'full', TwoInOneGrid>> = {
  quick: { importancePoints: 5, densityPoints: 5, seeds: 3, steps: 10_000 },
  full: { importancePoints: 21, densityPoints: 21, seeds: 4, steps: 10_000 },
};

/**
 * The grid as a sweep spec (src/sweep/spec-schema.ts) of the `phase-2in1` job kind:
 * relativeImportance 10^−1 … 10^1 and density 10^0 … 10^−2, log-spaced.
 */
export function twoInOneSpec(
  grid: TwoInOneGrid,
  name = 'phase-2in1',
): Record<string, unknown> & {
  name: string;
} {
  return {
    name,
    kind: 'phase-2in1',
    base: { steps: grid.steps },
    axes: {
      relativeImportance: { logspace: [-1, 1], num: grid.importancePoints },
      density: { logspace: [0, -2], num: grid.densityPoints },
    },
    seeds: grid.seeds,
  };
}

/** num values from 10^a to 10^b, log-spaced, rounded to 4 significant digits (stable keys). */
export function logspace(a: number, b: number, num: number): number[] {
  if (!Number.isInteger(num) || num < 2) {
    throw new RangeError(`num must be an integer ≥ 2, got ${num}`);
  }
  return Array.from({ length: num }, (_, i) =>
    Number((10 ** (a + ((b - a) * i) / (num - 1))).toPrecision(4)),
  );
}

/** The grid's relative importances (ascending) and densities (descending, as the paper's axis). */
export function twoInOneAxes(grid: TwoInOneGrid): {
  relativeImportance: number[];
  density: number[];
} {
  return {
    relativeImportance: logspace(-1, 1, grid.importancePoints),
    density: logspace(0, -2, grid.densityPoints),
  };
}

/** One trained job of the diagram. */
export interface TwoInOneRow {
  relativeImportance: number;
  density: number;
  seed: number;
  /** The trainer's loss: the notebook's mean over features of I_i (x_i − x'_i)², sampled. */
  loss: number;
  /** The exact expected loss of the trained (W, b), same convention (by quadrature). */
  exactLoss: number;
  /** [2] W as [nHidden = 1, nFeatures = 2]. */
  w: [number, number];
  b: [number, number];
  solution: TwoInOneSolution;
  analyticSolution: TwoInOneSolution;
  /** The least candidate's expected loss in the trainer's convention (mean over the 2 features). */
  analyticLoss: number;
}

/** Per grid point, the row of least `lossOf` (ties: the lower seed); default the exact loss. */
export function bestOfSeeds(
  rows: readonly TwoInOneRow[],
  lossOf: (row: TwoInOneRow) => number = (row) => row.exactLoss,
): TwoInOneRow[] {
  const best = new Map<string, TwoInOneRow>();
  for (const row of rows) {
    const key = `${row.relativeImportance}|${row.density}`;
    const held = best.get(key);
    const l = lossOf(row);
    if (!held || l < lossOf(held) || (l === lossOf(held) && row.seed < held.seed)) {
      best.set(key, row);
    }
  }
  return [...best.values()];
}
