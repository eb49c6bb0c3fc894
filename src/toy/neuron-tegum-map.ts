/**
 * Tegum factors in a privileged basis (Elhage et al. 2022, "Privileged Basis"; the seed's
 * claim, docs/ARCHITECTURE.md §4). The neuron model h = ReLU(W x), x' = ReLU(Wᵀh + b)
 * (§3) gives W's columns as feature directions in neuron space; the ReLU-output model at
 * the same n, m, S is the control, whose hidden basis the loss does not see (WᵀW is
 * invariant under rotations of it). Over (density p = 1 − S) × (importance decay r), several
 * seeds a cell, both models: the seed's claim judged along each row as the claim map
 * judges it (./claim-map.ts), and each factor's alignment with the hidden basis
 * (src/geometry/factor-neuron-alignment.ts) against a uniformly random subspace of the same
 * dimension. A factor of dimension m spans every neuron and is aligned by definition; it
 * carries no evidence and is left out of the alignment's means (and counted).
 */
import { Rng } from '../core/rng.js';
import type { StoredFactorAlignment } from '../geometry/factor-neuron-alignment.js';
import { randomSubspaceAlignment } from '../geometry/random-subspace-alignment.js';
import {
  claimMap,
  claimMapSpec,
  type ClaimMapCell,
  type ClaimMapGrid,
  type ClaimMapRow,
  type ClaimMapRun,
} from './claim-map.js';
import { spearman } from './tegum-analysis.js';
import type { ToyModel } from './toy-run-schema.js';

/** The claim map's grid, run for each model. */
export interface NeuronTegumGrid extends ClaimMapGrid {
  /** The models side by side; the first is the control. */
  models: readonly ToyModel[];
}

/**
 * quick: the claim map's shape (n = 20, m = 6) on a coarse grid with a short schedule, three
 * decays away from the degenerate uniform row; full: the claim map's full grid and the
 * paper's schedule (10,000 steps at batch 1024).
 */
export const NEURON_TEGUM_GRIDS: Readonly<Record<'quick' | 'full', NeuronTegumGrid>> = {
  quick: {
    models: ['relu-output', 'neuron'],
    nFeatures: 20,
    nHidden: 6,
    densities: [1, 0.3, 0.1, 0.03, 0.01],
    decays: [0.9, 0.7, 0.5],
    seeds: 3,
    // The neuron model turns its factors onto neurons slowly. Dense, decay 0.9, 4 seeds: mean
    // alignment 0.52 after 3000 steps of batch 256 (lr 0.005), 0.87 after the paper's 10,000
    // of batch 1024 (lr 0.001), 0.94 after 6000 of batch 64 (lr 0.01) at 1/27 of its samples.
    steps: 6000,
    batchSize: 64,
    lr: 0.01,
  },
  full: {
    models: ['relu-output', 'neuron'],
    nFeatures: 20,
    nHidden: 6,
    densities: [1, 0.6, 0.4, 0.25, 0.16, 0.1, 0.063, 0.04, 0.025, 0.016, 0.01],
    decays: [1, 0.9, 0.8, 0.7],
    seeds: 4,
    steps: 10_000,
    batchSize: 1024,
    lr: 0.001,
  },
};

/**
 * The map as a sweep spec of the `toy` job kind: the model × importance 'decay:R' ×
 * sparsity S = 1 − density, the grid's training.
 */
export function neuronTegumSpec(
  grid: NeuronTegumGrid,
  name = 'neuron-tegum',
): Record<string, unknown> & { name: string } {
  // The claim map's spec with the model as a first axis.
  const spec = claimMapSpec(grid, name);
  return { ...spec, axes: { model: [...grid.models], ...(spec.axes as object) } };
}

/** A trained job of the map: its model and each factor's alignment with the hidden basis. */
export interface NeuronTegumRun extends ClaimMapRun {
  model: ToyModel;
  alignment: StoredFactorAlignment[];
}

/** The alignment of the informative factors (dim < m) of a set of runs. */
export interface AlignmentStats {
  /** Factors with dim < m. */
  factors: number;
  /** Factors of dimension m, left out. */
  spanning: number;
  /** Mean alignment, and its standard deviation over factors (null without factors). */
  mean: number | null;
  sd: number | null;
  /** Mean over the same factors of r/m, the floor (energy spread evenly). */
  floor: number | null;
  /** Mean over the same factors of a random r-subspace's expected alignment. */
  random: number | null;
  /** Mean of (alignment − random) / (1 − random): 0 as a random subspace, 1 neuron-aligned. */
  excess: number | null;
  /** Fraction of the factors with alignment ≥ ALIGNED. */
  aligned: number | null;
}

/** A factor this aligned has at most a tenth of its energy off its r best neurons. */
export const ALIGNED = 0.9;

/** One (model, decay, density) cell. */
export interface AlignmentCell extends AlignmentStats {
  model: ToyModel;
  decay: number;
  density: number;
}

/** One (model, density) over every decay and seed: the alignment per S. */
export interface AlignmentPoint extends AlignmentStats {
  model: ToyModel;
  density: number;
}

/** One model's part of the map. */
export interface NeuronTegumModelMap {
  model: ToyModel;
  /** The claim map's cells and rows for this model alone. */
  cells: ClaimMapCell[];
  rows: ClaimMapRow[];
  alignmentCells: AlignmentCell[];
  alignmentPoints: AlignmentPoint[];
  /** Over every factor of the model. */
  overall: AlignmentStats;
  /** Spearman ρ of S with each run's mean excess over the random subspace (null when undefined). */
  rhoExcess: number | null;
}

/** Monte Carlo draws per dimension for the random-subspace baseline (SE ≈ 0.004). */
const RANDOM_SAMPLES = 2000;
/** The baseline's generator seed: the same baseline on every call. */
const RANDOM_SEED = 2022;

/** The expected alignment of a random r-subspace of R^m, for every r < m. */
export function randomBaselines(nHidden: number): number[] {
  return Array.from({ length: nHidden }, (_, r) =>
    r === 0
      ? Number.NaN
      : randomSubspaceAlignment(r, nHidden, new Rng(RANDOM_SEED + r), RANDOM_SAMPLES).mean,
  );
}

/** The statistics of the informative factors of `runs`. */
export function alignmentStats(
  runs: readonly NeuronTegumRun[],
  nHidden: number,
  baseline: readonly number[],
): AlignmentStats {
  const fs = runs.flatMap((r) => r.alignment);
  const used = fs.filter((f) => f.dim < nHidden);
  if (used.length === 0) {
    return {
      factors: 0,
      spanning: fs.length,
      mean: null,
      sd: null,
      floor: null,
      random: null,
      excess: null,
      aligned: null,
    };
  }
  const mean = (v: (f: StoredFactorAlignment) => number) =>
    used.reduce((s, f) => s + v(f), 0) / used.length;
  const m = mean((f) => f.alignment);
  return {
    factors: used.length,
    spanning: fs.length - used.length,
    mean: m,
    sd: Math.sqrt(used.reduce((s, f) => s + (f.alignment - m) ** 2, 0) / used.length),
    floor: mean((f) => f.dim / nHidden),
    random: mean((f) => baseline[f.dim]),
    excess: mean((f) => excessOf(f, baseline)),
    aligned: used.filter((f) => f.alignment >= ALIGNED).length / used.length,
  };
}

function excessOf(f: StoredFactorAlignment, baseline: readonly number[]): number {
  return (f.alignment - baseline[f.dim]) / (1 - baseline[f.dim]);
}

/** Each model's claim map, alignment cells and points, and ρ of S with the alignment. */
export function neuronTegumMap(
  grid: NeuronTegumGrid,
  runs: readonly NeuronTegumRun[],
): NeuronTegumModelMap[] {
  const m = grid.nHidden;
  const baseline = randomBaselines(m);
  return grid.models.map((model) => {
    const own = runs.filter((r) => r.model === model);
    const { cells, rows } = claimMap(grid, own);
    const alignmentCells: AlignmentCell[] = grid.decays.flatMap((decay) =>
      grid.densities.flatMap((density) => {
        const here = own.filter((r) => r.job.decay === decay && r.job.density === density);
        return here.length ? [{ model, decay, density, ...alignmentStats(here, m, baseline) }] : [];
      }),
    );
    const alignmentPoints: AlignmentPoint[] = grid.densities.flatMap((density) => {
      const here = own.filter((r) => r.job.density === density);
      return here.length ? [{ model, density, ...alignmentStats(here, m, baseline) }] : [];
    });
    const informative = own.filter((r) => r.alignment.some((f) => f.dim < m));
    const runExcess = informative.map((r) => {
      const used = r.alignment.filter((f) => f.dim < m);
      return used.reduce((s, f) => s + excessOf(f, baseline), 0) / used.length;
    });
    const rho = spearman(
      informative.map((r) => r.summary.sparsity),
      runExcess,
    );
    return {
      model,
      cells,
      rows,
      alignmentCells,
      alignmentPoints,
      overall: alignmentStats(own, m, baseline),
      rhoExcess: Number.isFinite(rho) ? rho : null,
    };
  });
}
