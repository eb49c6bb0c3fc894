/**
 * The seed's claim as a map (seed post, "Relation to Anthropic's
 * Results"; docs/ARCHITECTURE.md §4): for a toy model such as n = 20 features in m = 6
 * dimensions, the mean tegum-factor dimension and the mean number of factors k
 * over (density p = 1 − S) × (importance decay r, I_i = r^i), several seeds per
 * cell. Along each importance row the claim is judged as the tegum analysis
 * judges one line of sparsity (Spearman ρ of S with k and with the mean factor
 * dimension, and from where mean k peaks). The dense uniform-importance corner is
 * degenerate: with I_i = 1 and p = 1 any rotation of an m-dimensional projection
 * is as good, so the kept features share one rotated subspace and read as one
 * factor of dimension m; such cells are flagged, not counted as evidence.
 */
import { importanceDecay } from './grids.js';
import type { ToyInstanceSummary } from './summarize-instance.js';
import { meanFactorDim, tegumAnalysis, type TegumAnalysis } from './tegum-analysis.js';

/** A map's model, grid and training. */
export interface ClaimMapGrid {
  nFeatures: number;
  nHidden: number;
  /** Feature probabilities p = 1 − S, from dense to sparse. */
  densities: number[];
  /** Importance decays r (I_i = r^i), from uniform (1) down. */
  decays: number[];
  seeds: number;
  steps: number;
  batchSize: number;
  lr: number;
}

/** quick: a coarse map with a short schedule (same structure as 10,000 steps at batch 1024 in a probe); full: the notebook's schedule on a finer map. */
export const CLAIM_MAP_GRIDS: Readonly<Record<'quick' | 'full', ClaimMapGrid>> = {
  quick: {
    nFeatures: 20,
    nHidden: 6,
    densities: [1, 0.4, 0.16, 0.063, 0.025, 0.01],
    decays: [1, 0.9, 0.8, 0.7],
    seeds: 3,
    steps: 4000,
    batchSize: 256,
    lr: 0.005,
  },
  full: {
    nFeatures: 20,
    nHidden: 6,
    densities: [1, 0.6, 0.4, 0.25, 0.16, 0.1, 0.063, 0.04, 0.025, 0.016, 0.01],
    decays: [1, 0.95, 0.9, 0.85, 0.8, 0.7],
    seeds: 4,
    steps: 10_000,
    batchSize: 1024,
    lr: 0.001,
  },
};

/** One job of the map. */
export interface ClaimMapJob {
  decay: number;
  density: number;
  seed: number;
}

/** Every (decay, density, seed), decay outermost. */
export function claimMapJobs(grid: ClaimMapGrid): ClaimMapJob[] {
  return grid.decays.flatMap((decay) =>
    grid.densities.flatMap((density) =>
      Array.from({ length: grid.seeds }, (_, seed) => ({ decay, density, seed })),
    ),
  );
}

/** The importance of a job: r^i over the features. */
export function claimMapImportance(grid: ClaimMapGrid, decay: number): number[] {
  return importanceDecay(grid.nFeatures, decay);
}

/**
 * The map as a sweep spec of the `toy` job kind (src/sweep/kinds/toy-job.ts):
 * importance 'decay:R' (I_i = R^i) × sparsity S = 1 − density, the grid's training.
 */
export function claimMapSpec(
  grid: ClaimMapGrid,
  name = 'claim-map',
): Record<string, unknown> & {
  name: string;
} {
  return {
    name,
    kind: 'toy',
    base: {
      n: grid.nFeatures,
      m: grid.nHidden,
      steps: grid.steps,
      batchSize: grid.batchSize,
      lr: grid.lr,
    },
    axes: {
      importance: grid.decays.map((r) => `decay:${r}`),
      sparsity: grid.densities.map(complement),
    },
    seeds: grid.seeds,
  };
}

/**
 * 1 − x to 12 significant digits: the grid's densities and the sparsity axis map onto each
 * other exactly (1 − 0.063 is 0.937, and back 0.063, not 0.06299999999999994).
 */
export function complement(x: number): number {
  return Number((1 - x).toPrecision(12));
}

/** The decay R of an importance axis value 'decay:R'. @throws RangeError otherwise. */
export function decayOf(importance: string): number {
  const m = /^decay:(.+)$/.exec(importance);
  const r = m ? Number(m[1]) : Number.NaN;
  if (!(r > 0))
    throw new RangeError(`importance must be 'decay:R' with R > 0, got '${importance}'`);
  return r;
}

/** One cell over its seeds. */
export interface ClaimMapCell {
  decay: number;
  density: number;
  meanK: number;
  meanFactorDim: number;
  k: number[];
  /** The degenerate dense uniform-importance reading: one factor of dimension m. */
  degenerate: boolean;
}

/** One importance row's verdict. */
export interface ClaimMapRow {
  decay: number;
  analysis: TegumAnalysis;
}

/** A trained job's summary, with its map coordinates. */
export interface ClaimMapRun {
  job: ClaimMapJob;
  summary: ToyInstanceSummary;
}

/** Whether a run reads as one factor spanning every hidden dimension. */
function oneFullFactor(r: ToyInstanceSummary, nHidden: number): boolean {
  return r.k === 1 && r.factors[0].dim === nHidden;
}

/** The map's cells and each importance row's verdict. */
export function claimMap(
  grid: ClaimMapGrid,
  runs: readonly ClaimMapRun[],
): { cells: ClaimMapCell[]; rows: ClaimMapRow[] } {
  const cells: ClaimMapCell[] = [];
  for (const decay of grid.decays) {
    for (const density of grid.densities) {
      const here = runs.filter((r) => r.job.decay === decay && r.job.density === density);
      if (here.length === 0) continue;
      const s = here.map((r) => r.summary);
      cells.push({
        decay,
        density,
        meanK: s.reduce((a, r) => a + r.k, 0) / s.length,
        meanFactorDim: s.reduce((a, r) => a + meanFactorDim(r), 0) / s.length,
        k: s.map((r) => r.k),
        degenerate: density === 1 && decay === 1 && s.some((r) => oneFullFactor(r, grid.nHidden)),
      });
    }
  }
  const rows = grid.decays.map((decay) => ({
    decay,
    analysis: tegumAnalysis(runs.filter((r) => r.job.decay === decay).map((r) => r.summary)),
  }));
  return { cells, rows };
}
