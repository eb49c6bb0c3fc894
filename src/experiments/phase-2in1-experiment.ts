/**
 * The first phase diagram (Elhage et al. 2022, "The Phase
 * Change"): 2 features in 1 hidden dimension over relative importance × density,
 * trained on the sweep engine (the `phase-2in1` job kind; best seed per point)
 * beside the diagram computed from the three candidates' exact expected losses
 * (src/toy/phase-2in1-solutions.ts states the setup). The best seed is chosen by
 * the exact expected loss of its trained (W, b) (quadrature, no sampling noise);
 * both losses are written. Writes the sweep's store under sweep/, jobs.csv,
 * best.csv, data.json and the figure phase-2in1.svg/.png.
 */
import { join } from 'node:path';
import type { CellValue } from '../sweep/result-store.js';
import {
  bestOfSeeds,
  TWO_IN_ONE_GRIDS,
  twoInOneSpec,
  type TwoInOneGrid,
  type TwoInOneRow,
} from '../toy/phase-2in1-grid.js';
import { twoInOneLoss } from '../toy/phase-2in1-loss.js';
import {
  classifyTwoInOne,
  TWO_IN_ONE_SOLUTIONS,
  type TwoInOneAnalytic,
  type TwoInOneSolution,
} from '../toy/phase-2in1-solutions.js';
import { phaseAgreement } from '../viz/phase-figures.js';
import { twoInOneFigure } from '../viz/phase-2in1-figure.js';
import type { Experiment, ReportSection } from './experiment.js';
import { runGridSweep } from './run-grid-sweep.js';
import { toCsv } from './to-csv.js';
import { writeFigure } from './write-figure.js';
import { writeFileAtomic } from '../core/output-batch.js';

/** One training job of the diagram. */
export interface TwoInOneJob {
  relativeImportance: number;
  density: number;
  seed: number;
}

/** A trained job: W [1, 2], b [2] and the trainer's evaluated loss. */
export interface TwoInOneTrained {
  w: [number, number];
  b: [number, number];
  loss: number;
}

/** Where a grid's rows come from: the sweep engine, or (in tests) a constructed source. */
export type TwoInOneSource = (
  grid: TwoInOneGrid,
  onProgress: (fraction: number) => void,
) => Promise<TwoInOneRow[]>;

/** The row of a stored `phase-2in1` job (src/sweep/kinds/phase-2in1-job.ts). */
export function twoInOneRowOf(r: Readonly<Record<string, CellValue>>): TwoInOneRow {
  const num = (k: string) => Number(r[k]);
  return {
    relativeImportance: num('relativeImportance'),
    density: num('density'),
    seed: num('seed'),
    loss: num('loss'),
    exactLoss: num('exactLoss'),
    w: [num('w1'), num('w2')],
    b: [num('b1'), num('b2')],
    solution: r.solution as TwoInOneSolution,
    analyticSolution: r.analyticSolution as TwoInOneSolution,
    analyticLoss: num('analyticLoss'),
  };
}

/** The grid on the sweep engine: jobs stored (and reused) in `dir`'s DuckDB store. */
export function sweepSource(dir: string): TwoInOneSource {
  return async (grid, onProgress) =>
    (await runGridSweep(twoInOneSpec(grid), dir, onProgress)).map(twoInOneRowOf);
}

/** A trained job's row: its solution, the analytic one, and both losses per feature. */
export function twoInOneRow(
  job: TwoInOneJob,
  trained: TwoInOneTrained,
  analytic: TwoInOneAnalytic,
): TwoInOneRow {
  return {
    ...job,
    loss: trained.loss,
    // The trainer's convention: the mean over the 2 features.
    exactLoss: twoInOneLoss(trained, job.relativeImportance, job.density) / 2,
    w: trained.w,
    b: trained.b,
    solution: classifyTwoInOne(trained.w),
    analyticSolution: analytic.solution,
    analyticLoss: analytic.loss / 2,
  };
}

/** What {@link runTwoInOne} found and wrote. */
export interface TwoInOneResult {
  grid: TwoInOneGrid;
  rows: TwoInOneRow[];
  best: TwoInOneRow[];
  agreement: { agree: number; total: number; rate: number };
  files: string[];
}

/** Trains the grid (or reads its stored rows), writes data and the figure under `out`. */
export async function runTwoInOne(opts: {
  grid: TwoInOneGrid;
  out: string;
  source?: TwoInOneSource;
  onProgress?: (fraction: number, label?: string) => void;
}): Promise<TwoInOneResult> {
  const { grid, out } = opts;
  const progress = opts.onProgress ?? (() => undefined);
  const total = grid.importancePoints * grid.densityPoints * grid.seeds;
  const rows = await (opts.source ?? sweepSource(join(out, 'sweep')))(grid, (f) =>
    progress(0.95 * f, `${total} jobs on the sweep engine`),
  );
  // Best seed per point by the exact expected loss of its trained (W, b).
  const best = bestOfSeeds(rows);
  const agreement = phaseAgreement(
    best.map((r) => ({ x: r.relativeImportance, y: r.density, solution: r.solution })),
    best.map((r) => ({ x: r.relativeImportance, y: r.density, solution: r.analyticSolution })),
  );
  const flat = (r: TwoInOneRow) => ({
    relativeImportance: r.relativeImportance,
    density: r.density,
    seed: r.seed,
    loss: r.loss,
    exactLoss: r.exactLoss,
    w1: r.w[0],
    w2: r.w[1],
    b1: r.b[0],
    b2: r.b[1],
    solution: r.solution,
    analyticSolution: r.analyticSolution,
    analyticLoss: r.analyticLoss,
  });
  const figure = writeFigure(out, 'phase-2in1', twoInOneFigure(best, grid.seeds, grid.steps));
  const files: [string, string][] = [
    [join(out, 'jobs.csv'), toCsv(rows.map(flat))],
    [join(out, 'best.csv'), toCsv(best.map(flat))],
    [
      join(out, 'data.json'),
      JSON.stringify(
        {
          grid,
          spec: twoInOneSpec(grid),
          agreement,
          best: best.map(flat),
          jobs: rows.map(flat),
        },
        null,
        2,
      ) + '\n',
    ],
  ];
  for (const [path, text] of files) writeFileAtomic(path, text);
  progress(1, 'done');
  return { grid, rows, best, agreement, files: [figure.svg, figure.png, ...files.map(([p]) => p)] };
}

/** A grid value to 3 significant digits (log-spaced values are long floats). */
const sig = (v: number) => String(Number(v.toPrecision(3)));

/** The report section of a finished diagram. */
export function twoInOneSection(
  result: TwoInOneResult,
  relDir: string,
  full: boolean,
): ReportSection {
  const { agreement, best, grid } = result;
  const count = (key: 'solution' | 'analyticSolution', s: string) =>
    best.filter((r) => r[key] === s).length;
  const misses = best.filter((r) => r.solution !== r.analyticSolution);
  const missText = misses
    .slice(0, 8)
    .map(
      (r) =>
        `r = ${sig(r.relativeImportance)}, p = ${sig(r.density)}: trained ${r.solution}, computed ${r.analyticSolution}`,
    )
    .join('; ');
  // At r = 1 the loss is symmetric under swapping the features: feature 1 alone and feature 2
  // alone are mirror images of equal loss, so either label is right there.
  const mirrored = misses.filter(
    (r) =>
      r.relativeImportance === 1 &&
      r.solution !== r.analyticSolution &&
      [r.solution, r.analyticSolution].every((s) => s === 'feature1' || s === 'feature2'),
  ).length;
  const verdict = agreement.rate >= 0.9 ? 'holds' : agreement.rate >= 0.7 ? 'mixed' : 'fails';
  return {
    id: 'phase-2in1',
    title: 'The phase change: 2 features in 1 dimension',
    claim:
      'Elhage et al.: with 2 features in 1 hidden dimension, both of density p, feature 2 of importance r relative to feature 1, the model stores feature 1 alone, feature 2 alone, or both as an antipodal pair, with sharp boundaries; the diagram of trained models matches the one computed from the candidates’ losses.',
    verdict,
    summary: `Trained (best of ${grid.seeds} seeds, ${grid.steps} steps, per point) and computed agree on ${agreement.agree} of ${agreement.total} grid points (${(100 * agreement.rate).toFixed(1)}%, ${grid.importancePoints} × ${grid.densityPoints} grid)${mirrored ? `; ${agreement.agree + mirrored} of ${agreement.total} counting feature 1 alone and feature 2 alone as one solution at r = 1, where they are mirror images of equal loss` : ''}.${misses.length ? ` Disagreements: ${missText}${misses.length > 8 ? '; …' : ''}.` : ''} Computed: the least exact expected loss (Gauss–Legendre per polynomial piece) of feature 1 alone, feature 2 alone (each with its best biases) and the best antipodal pair (weights and biases by Nelder–Mead).`,
    table: {
      headers: ['solution', 'trained points', 'computed points'],
      rows: TWO_IN_ONE_SOLUTIONS.map((s) => [
        s,
        count('solution', s),
        count('analyticSolution', s),
      ]),
    },
    figures: [
      {
        path: `${relDir}/phase-2in1.svg`,
        caption:
          'Left: the solution of the best trained seed per point; right: the least-loss candidate. × marks disagreement; dashed: where the unit pair (w = (1, −1), b = 0) ties the better single feature.',
      },
    ],
    data: ['jobs.csv', 'best.csv', 'data.json'].map((f) => `${relDir}/${f}`),
    command: `tegum reproduce --only phase-2in1${full ? ' --full' : ''}   # seeds 0..${grid.seeds - 1} per point`,
  };
}

/** The experiment of `tegum reproduce`: a coarse grid in quick, a fine one with --full. */
export const phase2in1Experiment: Experiment = {
  id: 'phase-2in1',
  title: 'The phase change: 2 features in 1 dimension',
  quickSeconds: 40,
  async run(ctx) {
    const grid = TWO_IN_ONE_GRIDS[ctx.profile];
    const result = await runTwoInOne({ grid, out: ctx.dir, onProgress: ctx.progress });
    return [twoInOneSection(result, ctx.relDir, ctx.profile === 'full')];
  },
};
