/**
 * The packing side of the seed's claim as a map (docs/ARCHITECTURE.md §2):
 * measured k* over (α, n/d) at a fixed d. At every (n, α) the loss
 * L = Σ_{i≠j} |cos θ_ij|^α of tegum-constrained packings is measured for every
 * k = 1 … d (k orthogonal blocks of about n/k vectors in d/k dimensions; k = 1 is
 * the free optimizer), and k* is the least k whose L(k) is within a relative tie of
 * the least (the α = 2 tie across k is exact in theory). The seed predicts an
 * interior k* for α ≤ 2 and k* = 1 above a transition a little over α = 2.
 */

/** A map's dimension, ratios, exponents and optimizer. */
export interface KStarMapGrid {
  d: number;
  /** n / d values (n = ratio · d, an integer). */
  ratios: number[];
  alphas: number[];
  restarts: number;
  steps: number;
  seed: number;
}

/** quick: d = 8 on a coarse α grid; full: d = 16 and a finer α grid around 2. */
export const KSTAR_MAP_GRIDS: Readonly<Record<'quick' | 'full', KStarMapGrid>> = {
  quick: {
    d: 8,
    ratios: [2, 3, 4, 6, 8],
    alphas: [0.5, 1, 1.5, 2, 2.5, 3, 4],
    restarts: 2,
    steps: 2000,
    seed: 1,
  },
  full: {
    d: 16,
    ratios: [1.5, 2, 3, 4, 6, 8],
    alphas: [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 4],
    restarts: 2,
    steps: 2000,
    seed: 1,
  },
};

/**
 * The map as a sweep spec of the `pack` job kind (src/sweep/kinds/pack-job.ts):
 * n × α × blocks k = 1 … d, the power objective.
 */
export function kStarMapSpec(
  grid: KStarMapGrid,
  name = 'kstar-map',
): Record<string, unknown> & {
  name: string;
} {
  return {
    name,
    kind: 'pack',
    base: { d: grid.d, objective: 'power', restarts: grid.restarts, steps: grid.steps },
    axes: {
      n: grid.ratios.map((r) => Math.round(r * grid.d)),
      alpha: grid.alphas,
      blocks: Array.from({ length: grid.d }, (_, i) => i + 1),
    },
    seeds: [grid.seed],
  };
}

/** The least k whose loss is within `tie` (relative) of the least loss. @throws RangeError on no points. */
export function measuredKStar(points: readonly { k: number; loss: number }[], tie: number): number {
  if (points.length === 0) throw new RangeError('measuredKStar: no points');
  const least = Math.min(...points.map((p) => p.loss));
  const sorted = [...points].sort((a, b) => a.k - b.k);
  return (sorted.find((p) => p.loss <= least * (1 + tie)) ?? sorted[0]).k;
}

/** One cell of the map. */
export interface KStarCell {
  n: number;
  ratio: number;
  alpha: number;
  kStar: number;
  /** L(k) at every k measured, in k order. */
  losses: { k: number; loss: number }[];
}

/** The map's cells from measured (n, α, k, loss) points. */
export function kStarCells(
  grid: KStarMapGrid,
  points: readonly { n: number; alpha: number; k: number; loss: number }[],
  tie: number,
): KStarCell[] {
  const cells: KStarCell[] = [];
  for (const ratio of grid.ratios) {
    const n = Math.round(ratio * grid.d);
    for (const alpha of grid.alphas) {
      const here = points
        .filter((p) => p.n === n && p.alpha === alpha)
        .map((p) => ({ k: p.k, loss: p.loss }))
        .sort((a, b) => a.k - b.k);
      if (here.length === 0) continue;
      cells.push({ n, ratio, alpha, kStar: measuredKStar(here, tie), losses: here });
    }
  }
  return cells;
}
