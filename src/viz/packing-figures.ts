/**
 * Figures of the packing experiment, drawn with Observable Plot: measured
 * L(k)/L(1) beside the theory's curves for every bound (one panel per α), k* and
 * the structure found against α. Legends are text marks inside the SVG.
 */
import * as Plot from '@observablehq/plot';
import type { SizeResult } from '../packing/packing-results.js';
import { composeFigure, renderPlot } from './render.js';

const BOUND_COLORS: Record<string, string> = {
  jl: '#efb118',
  'jl-cubic': '#ff725c',
  welch: '#4269d0',
  random: '#3ca951',
};
const MEASURED = '#111111';

function legend(entries: { label: string; color: string }[]) {
  return entries.map((e, i) =>
    Plot.text([e.label], {
      frameAnchor: 'bottom-left',
      dx: 6,
      dy: -6 - 13 * (entries.length - 1 - i),
      fill: e.color,
      fontWeight: 'bold',
      fontSize: 10,
    }),
  );
}

function boundEntries(size: SizeResult): { label: string; color: string }[] {
  return size.alphas[0].theory.map((t) => ({
    label: `━ ${t.bound}${t.note ? ' (empty domain)' : ''}`,
    color: BOUND_COLORS[t.bound] ?? '#888',
  }));
}

/** L(k)/L(1) against k, measured and predicted, one panel per α. */
export function packingLossFigure(size: SizeResult): string {
  const panels = size.alphas.map((a) => {
    const measured = a.measured.map((p) => ({ k: p.k, y: p.normalizedLoss }));
    const theory = a.theory.flatMap((t) =>
      size.ks.flatMap((k, i) =>
        t.normalizedLoss[i] === null
          ? []
          : [{ k, y: t.normalizedLoss[i] as number, bound: t.bound }],
      ),
    );
    return {
      svg: renderPlot({
        width: 320,
        height: 240,
        marginLeft: 50,
        marginTop: 30,
        grid: true,
        x: { type: 'log', label: 'k' },
        y: { type: 'log', label: null, tickFormat: '~g' },
        color: { domain: Object.keys(BOUND_COLORS), range: Object.values(BOUND_COLORS) },
        marks: [
          Plot.ruleY([1], { stroke: '#aaa' }),
          Plot.line(theory, { x: 'k', y: 'y', z: 'bound', stroke: 'bound', strokeWidth: 1.5 }),
          Plot.line(measured, { x: 'k', y: 'y', stroke: MEASURED, strokeWidth: 1 }),
          Plot.dot(measured, { x: 'k', y: 'y', fill: MEASURED, r: 2 }),
          Plot.text(
            [`α = ${a.alpha}: measured k* = ${a.kStarMeasured}, structure k = ${a.best.factors}`],
            {
              frameAnchor: 'top',
              dy: -20,
              fontWeight: 'bold',
            },
          ),
          ...(a === size.alphas[0]
            ? legend([{ label: '● measured (optimizer)', color: MEASURED }, ...boundEntries(size)])
            : []),
        ],
      }),
    };
  });
  return composeFigure({
    title: `Packing: L(k)/L(1) (log) against k (log), measured beside the theory (n = ${size.n}, d = ${size.d})`,
    subtitle: `ℓ = |cos|^α; tegum-constrained packings, ${size.restarts} restart(s), ≤ ${size.steps} steps; theory in the exact pair-count form`,
    panels,
    columns: 4,
  });
}

/** k* against α: measured (layout argmin and structure found) beside each bound's prediction. */
export function packingKStarFigure(size: SizeResult): string {
  const rows = size.alphas.flatMap((a) => [
    ...a.theory.flatMap((t) =>
      t.kStar === null ? [] : [{ alpha: a.alpha, k: t.kStar, series: t.bound }],
    ),
  ]);
  const measured = size.alphas.map((a) => ({ alpha: a.alpha, k: a.kStarMeasured }));
  const structure = size.alphas.map((a) => ({ alpha: a.alpha, k: a.best.factors }));
  const free = size.alphas.map((a) => ({ alpha: a.alpha, k: a.free.factors }));
  const predicted = size.alphaStarPredicted
    .map((p) => `${p.bound} ${p.alphaStar === null ? '—' : p.alphaStar.toFixed(2)}`)
    .join(', ');
  const m = size.alphaStarMeasured;
  return composeFigure({
    title: `Packing: k* and the structure found against α (n = ${size.n}, d = ${size.d})`,
    subtitle: `α* measured ${m.alphaStar === null ? 'none in the grid' : `in (${m.bracket?.[0]}, ${m.bracket?.[1]}]`}; predicted: ${predicted}`,
    panels: [
      {
        svg: renderPlot({
          width: 680,
          height: 340,
          marginLeft: 56,
          marginTop: 24,
          grid: true,
          x: { label: 'α' },
          y: { type: 'log', label: 'k', domain: [0.8, size.d * 1.25] },
          color: { domain: Object.keys(BOUND_COLORS), range: Object.values(BOUND_COLORS) },
          marks: [
            Plot.ruleX([2], { stroke: '#bbb', strokeDasharray: '3,3' }),
            Plot.line(rows, {
              x: 'alpha',
              y: 'k',
              z: 'series',
              stroke: 'series',
              strokeDasharray: '5,3',
              curve: 'step-after',
            }),
            Plot.line(measured, { x: 'alpha', y: 'k', stroke: MEASURED, strokeWidth: 2 }),
            Plot.dot(measured, { x: 'alpha', y: 'k', fill: MEASURED, r: 4 }),
            Plot.dot(structure, { x: 'alpha', y: 'k', stroke: '#a463f2', r: 7, strokeWidth: 2 }),
            Plot.dot(free, { x: 'alpha', y: 'k', stroke: '#a463f2', symbol: 'times', r: 5 }),
            ...legend([
              { label: '● measured k* (least L(k) over layouts)', color: MEASURED },
              { label: '○ factors of the best packing found', color: '#a463f2' },
              { label: '× factors the free optimizer found (k = 1)', color: '#a463f2' },
              ...boundEntries(size).map((e) => ({ ...e, label: `${e.label} predicted k*` })),
            ]),
          ],
        }),
      },
    ],
  });
}
