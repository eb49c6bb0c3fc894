/**
 * The packing side of the claim as a map: measured k* (the least-loss number of
 * orthogonal blocks) over α × n/d, k* written in each cell, with each bound's
 * agreement with the measurement beside it. Observable Plot; notes are marks.
 */
import * as Plot from '@observablehq/plot';
import type { KStarCell } from '../packing/kstar-map.js';
import { composeFigure, renderPlot } from './render.js';

/** One bound's predicted k* matched against the measured map. */
export interface KStarAgreement {
  bound: string;
  /** Cells where the bound predicts (its domain is not empty). */
  predicted: number;
  agree: number;
}

/** The measured map and the bounds' agreement. */
export function kStarMapFigure(
  cells: readonly KStarCell[],
  agreement: readonly KStarAgreement[],
  model: { d: number; restarts: number; steps: number },
): string {
  const xs = [...new Set(cells.map((c) => c.alpha))].sort((a, b) => a - b).map(String);
  const ys = [...new Set(cells.map((c) => c.ratio))].sort((a, b) => b - a).map(String);
  const rows = cells.map((c) => ({ x: String(c.alpha), y: String(c.ratio), k: c.kStar }));
  const map = renderPlot({
    width: 420,
    height: 70 + 34 * ys.length,
    marginLeft: 48,
    marginTop: 26,
    marginBottom: 40,
    x: { type: 'band', domain: xs, label: 'α (ℓ = |cos|^α) →' },
    y: { type: 'band', domain: ys, label: 'n / d' },
    color: { type: 'log', scheme: 'viridis', domain: [1, model.d] },
    marks: [
      Plot.cell(rows, { x: 'x', y: 'y', fill: 'k', inset: 0.5 }),
      Plot.text(rows, {
        x: 'x',
        y: 'y',
        text: (d: { k: number }) => String(d.k),
        fill: (d: { k: number }) => (d.k > Math.sqrt(model.d) ? 'black' : 'white'),
        fontSize: 11,
        fontWeight: 'bold',
      }),
      Plot.text(['measured k*'], {
        frameAnchor: 'top-right',
        dy: -16,
        fontWeight: 'bold',
        fontSize: 12,
      }),
    ],
  });
  const lines = agreement.map((a) => ({
    text:
      a.predicted === 0
        ? `${a.bound}: empty domain`
        : `${a.bound}: ${a.agree} of ${a.predicted} cells agree`,
  }));
  const side = renderPlot({
    width: 250,
    height: 70 + 34 * ys.length,
    marginTop: 26,
    marginLeft: 4,
    x: { axis: null, domain: [0, 1] },
    y: { axis: null, domain: [0, 1] },
    marks: [
      Plot.text(['predicted k* (pairs loss)'], {
        frameAnchor: 'top-left',
        dy: -16,
        fontWeight: 'bold',
      }),
      ...lines.map((l, i) =>
        Plot.text([l.text], { frameAnchor: 'top-left', dy: 8 + 16 * i, fontSize: 11 }),
      ),
    ],
  });
  return composeFigure({
    title: `Packing: measured k* over α and n/d (d = ${model.d})`,
    subtitle: `k* = the least k whose tegum-constrained L(k) ties the least (k = 1 … ${model.d}); ${model.restarts} restart(s), ≤ ${model.steps} steps.`,
    panels: [{ svg: map }, { svg: side }],
    columns: 2,
  });
}
