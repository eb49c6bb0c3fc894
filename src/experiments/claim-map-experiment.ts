/**
 * The seed's claim as a map (src/toy/claim-map.ts states it):
 * n = 20 features in m = 6 dimensions over density × importance decay, several
 * seeds per cell; mean factor dimension and k per cell, the claim judged along
 * each importance row, the degenerate dense uniform-importance corner flagged.
 * The jobs run on the sweep engine (the `toy` kind; store under claim-map-sweep/).
 * Writes runs.csv, cells.csv, data.json and the figure claim-map.svg/.png.
 */
import { rhoText } from '../toy/tegum-analysis.js';
import { join } from 'node:path';
import type { CellValue } from '../sweep/result-store.js';
import {
  claimMap,
  claimMapJobs,
  claimMapSpec,
  complement,
  decayOf,
  type ClaimMapCell,
  type ClaimMapGrid,
  type ClaimMapRow,
  type ClaimMapRun,
} from '../toy/claim-map.js';
import type { ToyInstanceSummary } from '../toy/summarize-instance.js';
import { meanFactorDim } from '../toy/tegum-analysis.js';
import { claimMapFigure } from '../viz/claim-map-figure.js';
import type { ReportSection } from './experiment.js';
import { toCsv } from './to-csv.js';
import { runGridSweep } from './run-grid-sweep.js';
import { writeFigure } from './write-figure.js';
import { writeFileAtomic } from '../core/output-batch.js';

/** Where a map's runs come from: the sweep engine, or (in tests) a constructed source. */
export type ClaimMapSource = (
  grid: ClaimMapGrid,
  onProgress: (fraction: number) => void,
) => Promise<ClaimMapRun[]>;

/**
 * A stored `toy` job as a map run. The store keeps what the claim needs (loss, k,
 * factors, D_i); the per-feature norms and superposition are not stored, so they
 * are left empty.
 */
export function claimMapRunOf(r: Readonly<Record<string, CellValue>>, index: number): ClaimMapRun {
  const density = complement(Number(r.sparsity));
  const factors = r.factors as ToyInstanceSummary['factors'];
  return {
    job: { decay: decayOf(String(r.importance)), density, seed: Number(r.seed) },
    summary: {
      instance: index,
      seed: Number(r.seed),
      sparsity: 1 - density,
      featureProbability: density,
      loss: Number(r.loss),
      dimsPerFeature: Number(r.dimsPerFeature),
      featureDimensionality: (r.featureDimensionality ?? []) as number[],
      norms: [],
      superposition: [],
      factors,
      k: Number(r.k),
    },
  };
}

/** The grid on the sweep engine: jobs stored (and reused) in `dir`'s DuckDB store. */
export function claimMapSweepSource(dir: string): ClaimMapSource {
  return async (grid, onProgress) =>
    (await runGridSweep(claimMapSpec(grid), dir, onProgress)).map(claimMapRunOf);
}

/** What the numbers say, row by row, with the degenerate corner explained where it appears. */
export function claimMapSummary(
  grid: ClaimMapGrid,
  cells: readonly ClaimMapCell[],
  rows: readonly ClaimMapRow[],
): string {
  const m = grid.nHidden;
  const rowText = rows
    .map((r) => {
      const a = r.analysis;
      const own = cells.filter((c) => c.decay === r.decay).sort((x, y) => y.density - x.density);
      const drop = own.find((c) => c.meanK < m && !c.degenerate);
      const falls = drop
        ? `mean k first below ${m} at S = ${Number((1 - drop.density).toFixed(3))}`
        : `mean k never below ${m} in the grid`;
      return `r = ${r.decay}: ${a.verdict} (ρ(S, k) ${rhoText(a.rhoK, 'k')}, ρ(S, dim) ${rhoText(a.rhoDim, 'the mean factor dimension')}; from S = ${a.sparseSide.fromSparsity.toFixed(3)}, where mean k peaks: ρ(S, k) ${rhoText(a.sparseSide.rhoK, 'k')}, ρ(S, dim) ${rhoText(a.sparseSide.rhoDim, 'the mean factor dimension')}; ${falls}; mean k ${own[0].meanK.toFixed(1)} → ${own[own.length - 1].meanK.toFixed(1)})`;
    })
    .join('; ');
  const degenerate = cells.filter((c) => c.degenerate);
  const uniform = rows.find((r) => r.decay === 1);
  const corner = degenerate.length
    ? ` The dense uniform-importance cell (S = 0, r = 1) reads as one factor of dimension ${m} (mean k ${degenerate[0].meanK.toFixed(1)}): with equal importances any rotation of the kept ${m}-dimensional projection is as good, so the kept features share one rotated subspace and the factor analysis joins them — degenerate, not evidence about the claim${uniform && uniform.analysis.verdict !== 'holds' ? `; it is why the uniform row reads ${uniform.analysis.verdict} over all S` : ''}.`
    : '';
  return `Per importance row (I_i = r^i), ${grid.seeds} seeds a cell: ${rowText}.${corner}`;
}

/** Runs the map, writes its data and figure under `out`, and returns its report section. */
export async function runClaimMap(opts: {
  grid: ClaimMapGrid;
  out: string;
  relDir: string;
  full: boolean;
  source?: ClaimMapSource;
  onProgress?: (fraction: number, label?: string) => void;
}): Promise<ReportSection> {
  const { grid, out, relDir } = opts;
  const progress = opts.onProgress ?? (() => undefined);
  const runs = await (opts.source ?? claimMapSweepSource(join(out, 'claim-map-sweep')))(grid, (f) =>
    progress(0.95 * f, `${claimMapJobs(grid).length} jobs on the sweep engine`),
  );
  const { cells, rows } = claimMap(grid, runs);
  writeFigure(
    out,
    'claim-map',
    claimMapFigure(cells, rows, { ...grid, seeds: grid.seeds, steps: grid.steps }),
  );
  const runRows = runs.map(({ job, summary: r }) => ({
    decay: job.decay,
    density: job.density,
    sparsity: Number((1 - job.density).toFixed(6)),
    seed: job.seed,
    loss: r.loss,
    k: r.k,
    meanFactorDim: meanFactorDim(r),
    factors: r.factors.map((f) => `${f.size}/${f.dim}`).join(' '),
  }));
  const cellRows = cells.map((c) => ({
    decay: c.decay,
    density: c.density,
    meanK: c.meanK,
    meanFactorDim: c.meanFactorDim,
    k: c.k.join(' '),
    degenerate: c.degenerate,
  }));
  const files: [string, string][] = [
    [join(out, 'runs.csv'), toCsv(runRows)],
    [join(out, 'cells.csv'), toCsv(cellRows)],
    [
      join(out, 'data.json'),
      JSON.stringify(
        {
          grid,
          spec: claimMapSpec(grid),
          cells,
          rows: rows.map((r) => ({ decay: r.decay, ...r.analysis })),
          runs: runRows,
        },
        null,
        2,
      ) + '\n',
    ],
  ];
  for (const [path, text] of files) writeFileAtomic(path, text);
  progress(1, 'done');

  const held = rows.filter((r) => r.analysis.verdict === 'holds');
  const failed = rows.filter((r) => r.analysis.verdict === 'fails');
  const verdict =
    held.length === rows.length ? 'holds' : failed.length === rows.length ? 'fails' : 'mixed';
  return {
    id: 'claim-map',
    title: `The seed's claim as a map: ${grid.nFeatures} features in ${grid.nHidden} dimensions`,
    claim:
      'The seed: as S → 1 the tegum factors grow in dimension and k falls — dense features favour many small subspaces, sparse ones few large ones. Mapped over sparsity and importance decay.',
    verdict,
    summary: claimMapSummary(grid, cells, rows),
    table: {
      headers: ['decay r', ...grid.densities.map((p) => `S = ${Number((1 - p).toFixed(3))}`)],
      rows: grid.decays.map((decay) => [
        decay,
        ...grid.densities.map((p) => {
          const c = cells.find((x) => x.decay === decay && x.density === p);
          return c
            ? `k ${c.meanK.toFixed(1)}, dim ${c.meanFactorDim.toFixed(2)}${c.degenerate ? ' ×' : ''}`
            : null;
        }),
      ]),
    },
    figures: [
      {
        path: `${relDir}/claim-map.svg`,
        caption:
          'Left: mean over seeds of the feature-weighted mean tegum-factor dimension; middle: mean k; right: the claim judged along each importance row. × marks the degenerate dense uniform-importance cell.',
      },
    ],
    data: ['runs.csv', 'cells.csv', 'data.json'].map((f) => `${relDir}/${f}`),
    command: `tegum reproduce --only maps${opts.full ? ' --full' : ''}   # seeds 0..${grid.seeds - 1} per cell`,
  };
}
