/**
 * The seed's claim as a map: mean tegum-factor dimension and mean k over
 * 1/(1 − S) × importance decay, one cell per grid point (the seeds' mean written
 * in it), each row's verdict beside it; the degenerate dense uniform-importance
 * cells are outlined in red. Observable Plot; legends and notes are marks inside the SVG.
 */
import * as Plot from '@observablehq/plot';
import type { ClaimMapCell, ClaimMapRow } from '../toy/claim-map.js';
import { composeFigure, renderPlot } from './render.js';

const fmtX = (p: number) => {
  const x = 1 / p;
  return x < 10 ? x.toFixed(1) : x.toFixed(0);
};

function heat(
  cells: readonly ClaimMapCell[],
  value: (c: ClaimMapCell) => number,
  label: string,
  nHidden: number,
  scheme: 'blues' | 'oranges',
): string {
  const rows = cells.map((c) => ({
    x: fmtX(c.density),
    y: String(c.decay),
    v: value(c),
    degenerate: c.degenerate,
  }));
  const xs = [
    ...new Set([...cells].sort((a, b) => b.density - a.density).map((c) => fmtX(c.density))),
  ];
  const ys = [...new Set([...cells].sort((a, b) => b.decay - a.decay).map((c) => String(c.decay)))];
  return renderPlot({
    width: 360,
    height: 60 + 36 * ys.length,
    marginLeft: 52,
    marginTop: 26,
    marginBottom: 40,
    x: { type: 'band', domain: xs, label: '1 / (1 − S) →' },
    y: { type: 'band', domain: ys, label: 'importance decay r (Iᵢ = rⁱ)' },
    color: { type: 'linear', scheme, domain: [1, nHidden] },
    marks: [
      Plot.cell(rows, { x: 'x', y: 'y', fill: 'v', inset: 0.5 }),
      Plot.text(rows, {
        x: 'x',
        y: 'y',
        text: (d: { v: number }) => d.v.toFixed(1),
        fill: (d: { v: number }) => (d.v > (1 + nHidden) / 2 ? 'white' : 'black'),
        fontSize: 10,
      }),
      Plot.cell(
        rows.filter((r) => r.degenerate),
        { x: 'x', y: 'y', fill: 'none', stroke: '#c62828', strokeWidth: 3, inset: 2 },
      ),
      Plot.text([label], { frameAnchor: 'top-right', dy: -16, fontWeight: 'bold', fontSize: 12 }),
    ],
  });
}

function verdicts(rows: readonly ClaimMapRow[], cells: readonly ClaimMapCell[]): string {
  const colors = { holds: '#2e7d32', mixed: '#ef6c00', fails: '#c62828' } as const;
  const lines = rows.map((r) => ({
    text: `r = ${r.decay}: ${r.analysis.verdict}`,
    color: colors[r.analysis.verdict],
  }));
  if (cells.some((c) => c.degenerate)) {
    lines.push({ text: '□ dense, uniform importance:', color: '#c62828' });
    lines.push({ text: '   one rotated subspace', color: '#c62828' });
  }
  return renderPlot({
    width: 200,
    height: 60 + 36 * rows.length,
    marginTop: 26,
    marginLeft: 4,
    x: { axis: null, domain: [0, 1] },
    y: { axis: null, domain: [0, 1] },
    marks: [
      Plot.text(['the claim, per row'], { frameAnchor: 'top-left', dy: -16, fontWeight: 'bold' }),
      ...lines.map((l, i) =>
        Plot.text([l.text], {
          frameAnchor: 'top-left',
          dy: 8 + 16 * i,
          fill: l.color,
          fontWeight: 'bold',
          fontSize: 11,
        }),
      ),
    ],
  });
}

/** The map: factor dimension and k side by side, and the per-row verdicts. */
export function claimMapFigure(
  cells: readonly ClaimMapCell[],
  rows: readonly ClaimMapRow[],
  model: { nFeatures: number; nHidden: number; seeds: number; steps: number },
): string {
  return composeFigure({
    title: `The seed's claim as a map: ${model.nFeatures} features in ${model.nHidden} dimensions`,
    subtitle: `Mean over ${model.seeds} seeds (${model.steps} steps) of the feature-weighted mean factor dimension and of k. The claim: as S → 1, dimension grows and k falls.`,
    panels: [
      { svg: heat(cells, (c) => c.meanFactorDim, 'mean factor dimension', model.nHidden, 'blues') },
      { svg: heat(cells, (c) => c.meanK, 'mean k', model.nHidden, 'oranges') },
      { svg: verdicts(rows, cells) },
    ],
    columns: 3,
  });
}
