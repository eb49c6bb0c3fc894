/**
 * The experiment behind `tegum theory figures`: the post's two figures for
 * n = 10⁵, d = 10⁴ with every bound (the post's own is `jl-cubic`), their data as
 * CSV and JSON, and a figure comparing the bounds. Writes under `out`.
 */
import { assertFinite } from '../core/finite-guard.js';
import { join } from 'node:path';
import { boundNames } from '../theory/bounds/registry.js';
import { postFigureData, type PostFigureData } from '../theory/post-figure-data.js';
import type { LossForm } from '../theory/theory-model.js';
import { boundsComparedFigure, kStarVsAlphaFigure, lossVsKFigure } from '../viz/theory-figures.js';
import { toCsv } from './to-csv.js';
import { writeFigure } from './write-figure.js';
import { writeFileAtomic } from '../core/output-batch.js';

/** Options of {@link writeTheoryFigures}; defaults are the post's. */
export interface TheoryFiguresOptions {
  out: string;
  /** Default 100000. */
  n?: number;
  /** Default 10000. */
  d?: number;
  /** Default 'post'. */
  loss?: LossForm;
}

/** Computes the data of every bound's figures (pure; no files). */
export function theoryFigureData(opts: Omit<TheoryFiguresOptions, 'out'> = {}): PostFigureData[] {
  return boundNames().map((bound) =>
    postFigureData({ n: opts.n ?? 100_000, d: opts.d ?? 10_000, bound, loss: opts.loss ?? 'post' }),
  );
}

/** Writes all theory figures and data; returns the paths written and the data. */
export function writeTheoryFigures(opts: TheoryFiguresOptions): {
  files: string[];
  data: PostFigureData[];
} {
  const all = assertFinite(theoryFigureData(opts), 'theory figures', {
    input: true,
    remedy: 'choose a smaller α grid',
  });
  const written: string[] = [];
  for (const data of all) {
    const dir = join(opts.out, data.bound);
    const a = writeFigure(dir, 'figure-a-loss-vs-k', lossVsKFigure(data));
    const b = writeFigure(dir, 'figure-b-kstar-vs-alpha', kStarVsAlphaFigure(data));
    const curveRows = data.curves.flatMap((c) => c.points.map((p) => ({ alpha: c.alpha, ...p })));
    const files: [string, string][] = [
      [join(dir, 'figure-a-loss-vs-k.csv'), toCsv(curveRows)],
      [join(dir, 'figure-b-kstar-vs-alpha.csv'), toCsv(data.kStarVsAlpha.map((r) => ({ ...r })))],
      [join(dir, 'data.json'), JSON.stringify(data, null, 2) + '\n'],
    ];
    for (const [path, text] of files) writeFileAtomic(path, text);
    written.push(a.svg, a.png, b.svg, b.png, ...files.map(([p]) => p));
  }
  const compared = writeFigure(opts.out, 'bounds-compared', boundsComparedFigure(all));
  const summary = all.map((d) => ({
    bound: d.bound,
    n: d.n,
    d: d.d,
    loss: d.loss,
    kMax: d.kMax,
    alphaStar: d.transition.alphaStar,
    optima: d.curves.map((c) => c.optimum),
  }));
  const summaryPath = join(opts.out, 'summary.json');
  writeFileAtomic(summaryPath, JSON.stringify(summary, null, 2) + '\n');
  written.push(compared.svg, compared.png, summaryPath);
  return { files: written, data: all };
}
