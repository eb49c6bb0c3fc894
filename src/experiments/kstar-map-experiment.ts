/**
 * The packing side of the claim as a map (src/packing/kstar-map.ts
 * states it): measured k* over α × n/d on the sweep engine (the `pack` job kind,
 * one job per (n, α, k); store under kstar-map-sweep/), beside every bound's
 * predicted k* in the exact pair-count form. Writes kstar-points.csv,
 * kstar-map.csv, kstar-map.json and the figure kstar-map.svg/.png.
 */
import { join } from 'node:path';
import {
  kStarCells,
  kStarMapSpec,
  type KStarCell,
  type KStarMapGrid,
} from '../packing/kstar-map.js';
import type { CellValue } from '../sweep/result-store.js';
import { boundNames } from '../theory/bounds/registry.js';
import { optimum } from '../theory/optimum.js';
import { theoryModel } from '../theory/theory-model.js';
import { kStarMapFigure, type KStarAgreement } from '../viz/kstar-map-figure.js';
import type { ReportSection } from './experiment.js';
import { MEASURED_TIE } from './packing-experiment.js';
import { runGridSweep } from './run-grid-sweep.js';
import { toCsv } from './to-csv.js';
import { writeFigure } from './write-figure.js';
import { writeFileAtomic } from '../core/output-batch.js';

/** One measured packing: n, α, the constrained k and its loss. */
export interface KStarPoint {
  n: number;
  alpha: number;
  k: number;
  loss: number;
}

/** Where the measured points come from: the sweep engine, or (in tests) a constructed source. */
export type KStarSource = (
  grid: KStarMapGrid,
  onProgress: (fraction: number) => void,
) => Promise<KStarPoint[]>;

/** The grid on the sweep engine: jobs stored (and reused) in `dir`'s DuckDB store. */
export function kStarSweepSource(dir: string): KStarSource {
  return async (grid, onProgress) =>
    (await runGridSweep(kStarMapSpec(grid), dir, onProgress)).map(
      (r: Readonly<Record<string, CellValue>>) => ({
        n: Number(r.n),
        alpha: Number(r.alpha),
        k: Number(r.blocks),
        loss: Number(r.loss),
      }),
    );
}

/** A bound's k* at (n, d, α) in the pair-count form, or null outside its domain. */
export function predictedKStar(n: number, d: number, alpha: number, bound: string): number | null {
  try {
    return optimum(theoryModel({ n, d, alpha, bound, loss: 'pairs' })).kStar;
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return null;
  }
}

/** Each bound's agreement with the measured cells. */
export function kStarAgreement(cells: readonly KStarCell[], d: number): KStarAgreement[] {
  return boundNames().map((bound) => {
    const predicted = cells
      .map((c) => ({ c, k: predictedKStar(c.n, d, c.alpha, bound) }))
      .filter((x) => x.k !== null);
    return {
      bound,
      predicted: predicted.length,
      agree: predicted.filter((x) => x.k === x.c.kStar).length,
    };
  });
}

/** Runs the map, writes its data and figure under `out`, and returns its report section. */
export async function runKStarMap(opts: {
  grid: KStarMapGrid;
  out: string;
  relDir: string;
  full: boolean;
  source?: KStarSource;
  onProgress?: (fraction: number, label?: string) => void;
}): Promise<ReportSection> {
  const { grid, out, relDir } = opts;
  const progress = opts.onProgress ?? (() => undefined);
  const jobs = grid.ratios.length * grid.alphas.length * grid.d;
  const points = await (opts.source ?? kStarSweepSource(join(out, 'kstar-map-sweep')))(grid, (f) =>
    progress(0.95 * f, `${jobs} packings on the sweep engine`),
  );
  const cells = kStarCells(grid, points, MEASURED_TIE);
  const agreement = kStarAgreement(cells, grid.d);
  writeFigure(out, 'kstar-map', kStarMapFigure(cells, agreement, grid));
  const cellRows = cells.map((c) => ({
    n: c.n,
    d: grid.d,
    ratio: c.ratio,
    alpha: c.alpha,
    kStarMeasured: c.kStar,
    ...Object.fromEntries(
      boundNames().map((b) => [`kStar_${b}`, predictedKStar(c.n, grid.d, c.alpha, b)]),
    ),
  }));
  const files: [string, string][] = [
    [join(out, 'kstar-points.csv'), toCsv(points.map((p) => ({ ...p, d: grid.d })))],
    [join(out, 'kstar-map.csv'), toCsv(cellRows)],
    [
      join(out, 'kstar-map.json'),
      JSON.stringify({ grid, spec: kStarMapSpec(grid), agreement, cells: cellRows }, null, 2) +
        '\n',
    ],
  ];
  for (const [path, text] of files) writeFileAtomic(path, text);
  progress(1, 'done');

  // The seed's shape: k* > 1 somewhere at α < 2, and k* = 1 at every α > 2.5 of the grid.
  const above = cells.filter((c) => c.alpha > 2.5);
  const below = cells.filter((c) => c.alpha < 2);
  const oneAbove = above.filter((c) => c.kStar === 1).length;
  const interiorBelow = below.filter((c) => c.kStar > 1).length;
  const holds = above.length > 0 && oneAbove === above.length && interiorBelow > 0;
  const perRatio = grid.ratios
    .map((ratio) => {
      const row = cells.filter((c) => c.ratio === ratio).sort((a, b) => a.alpha - b.alpha);
      return `n/d = ${ratio}: ${row.map((c) => c.kStar).join(', ')}`;
    })
    .join('; ');
  const agreeText = agreement
    .map((a) =>
      a.predicted === 0 ? `${a.bound} empty domain` : `${a.bound} ${a.agree} of ${a.predicted}`,
    )
    .join(', ');
  return {
    id: 'kstar-map',
    title: `Packing: measured k* over α and n/d (d = ${grid.d})`,
    claim:
      'The seed: for α ≤ 2 the loss is least with several orthogonal subspaces (interior k*), above a transition a little over α = 2 with one (k* = 1). Mapped over α and n/d by packing n unit vectors in R^d into k orthogonal blocks.',
    verdict: holds ? 'holds' : oneAbove === above.length || interiorBelow > 0 ? 'mixed' : 'fails',
    summary: `Measured k* per n/d along α = ${grid.alphas.join(', ')}: ${perRatio}. k* = 1 at ${oneAbove} of ${above.length} cells with α > 2.5; k* > 1 at ${interiorBelow} of ${below.length} cells with α < 2. Bounds' predicted k* (pairs loss) equal to the measured: ${agreeText}.`,
    table: {
      headers: ['n/d', ...grid.alphas.map((a) => `α = ${a}`)],
      rows: grid.ratios.map((ratio) => [
        ratio,
        ...grid.alphas.map((alpha) => {
          const c = cells.find((x) => x.ratio === ratio && x.alpha === alpha);
          return c ? c.kStar : null;
        }),
      ]),
    },
    figures: [
      {
        path: `${relDir}/kstar-map.svg`,
        caption:
          'Measured k* (least-loss number of orthogonal blocks, ties to the least k) over α and n/d; right: how often each bound’s predicted k* equals it.',
      },
    ],
    data: ['kstar-points.csv', 'kstar-map.csv', 'kstar-map.json'].map((f) => `${relDir}/${f}`),
    command: `tegum reproduce --only maps${opts.full ? ' --full' : ''}   # seed ${grid.seed}`,
  };
}
