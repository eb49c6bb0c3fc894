/**
 * Tegum factors in a privileged basis (docs/ARCHITECTURE.md §4; src/toy/neuron-tegum-map.ts):
 * over 1/(1 − S) ×
 * importance decay, the mean factor dimension of the control (ReLU-output) and of the
 * neuron model side by side, each row's verdict on the seed's claim, the mean alignment of
 * the factors with the hidden basis for both, and the alignment per S against a random
 * subspace of the same dimension (dashed). Cells without a factor narrower than m read '–'.
 * Observable Plot; legends and notes are marks inside the SVG.
 */
import * as Plot from '@observablehq/plot';
import type { AlignmentCell, NeuronTegumModelMap } from '../toy/neuron-tegum-map.js';
import { composeFigure, renderPlot } from './render.js';

const fmtX = (p: number) => {
  const x = 1 / p;
  return x < 10 ? x.toFixed(1) : x.toFixed(0);
};

interface HeatCell {
  density: number;
  decay: number;
  v: number | null;
}

function heat(
  cells: readonly HeatCell[],
  label: string,
  domain: [number, number],
  scheme: 'blues' | 'greens',
): string {
  const rows = cells.map((c) => ({ x: fmtX(c.density), y: String(c.decay), v: c.v }));
  const xs = [
    ...new Set([...cells].sort((a, b) => b.density - a.density).map((c) => fmtX(c.density))),
  ];
  const ys = [...new Set([...cells].sort((a, b) => b.decay - a.decay).map((c) => String(c.decay)))];
  const mid = (domain[0] + domain[1]) / 2;
  return renderPlot({
    width: 340,
    height: 60 + 36 * ys.length,
    marginLeft: 52,
    marginTop: 26,
    marginBottom: 40,
    x: { type: 'band', domain: xs, label: '1 / (1 − S) →' },
    y: { type: 'band', domain: ys, label: 'decay r (Iᵢ = rⁱ)' },
    color: { type: 'linear', scheme, domain },
    marks: [
      Plot.cell(
        rows.filter((r) => r.v !== null),
        { x: 'x', y: 'y', fill: 'v', inset: 0.5 },
      ),
      Plot.text(rows, {
        x: 'x',
        y: 'y',
        text: (d: { v: number | null }) => (d.v === null ? '–' : d.v.toFixed(2)),
        fill: (d: { v: number | null }) => (d.v !== null && d.v > mid ? 'white' : 'black'),
        fontSize: 10,
      }),
      Plot.text([label], { frameAnchor: 'top-right', dy: -16, fontWeight: 'bold', fontSize: 12 }),
    ],
  });
}

function verdicts(maps: readonly NeuronTegumModelMap[]): string {
  const colors = { holds: '#2e7d32', mixed: '#ef6c00', fails: '#c62828' } as const;
  const lines = maps.flatMap((m) => [
    { text: m.model, color: 'black' },
    ...m.rows.map((r) => ({
      text: `  r = ${r.decay}: ${r.analysis.verdict}`,
      color: colors[r.analysis.verdict],
    })),
  ]);
  return renderPlot({
    width: 200,
    height: 60 + 16 * lines.length,
    marginTop: 26,
    marginLeft: 4,
    x: { axis: null, domain: [0, 1] },
    y: { axis: null, domain: [0, 1] },
    marks: [
      Plot.text(['the seed’s claim, per row'], {
        frameAnchor: 'top-left',
        dy: -16,
        fontWeight: 'bold',
      }),
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

const MODEL_COLORS = ['#757575', '#1565c0', '#6a1b9a', '#2e7d32'];

function alignmentBySparsity(maps: readonly NeuronTegumModelMap[]): string {
  const points = maps.flatMap((m, i) =>
    m.alignmentPoints
      .filter((p) => p.mean !== null)
      .map((p) => ({
        x: 1 / p.density,
        y: p.mean as number,
        model: m.model,
        color: MODEL_COLORS[i % 4],
      })),
  );
  // The random baseline depends on the factors' dimensions: drawn for the neuron model's.
  const last = maps[maps.length - 1];
  const random = last.alignmentPoints
    .filter((p) => p.random !== null)
    .map((p) => ({ x: 1 / p.density, y: p.random as number }));
  return renderPlot({
    width: 340,
    height: 60 + 36 * Math.max(2, maps[0].rows.length),
    marginLeft: 52,
    marginRight: 110,
    marginTop: 26,
    marginBottom: 40,
    x: { type: 'log', label: '1 / (1 − S) →' },
    y: { domain: [0, 1], label: 'mean alignment' },
    marks: [
      Plot.ruleY([1], { stroke: '#bbb' }),
      Plot.line(random, { x: 'x', y: 'y', stroke: 'black', strokeDasharray: '4 3' }),
      ...maps.map((m, i) =>
        Plot.line(
          points.filter((p) => p.model === m.model),
          { x: 'x', y: 'y', stroke: MODEL_COLORS[i % 4], strokeWidth: 2 },
        ),
      ),
      Plot.dot(points, { x: 'x', y: 'y', fill: 'color', r: 3 }),
      // Each line named at its sparse end.
      ...maps.map((m, i) =>
        Plot.text(points.filter((p) => p.model === m.model).slice(-1), {
          x: 'x',
          y: 'y',
          text: () => m.model,
          dx: 6,
          textAnchor: 'start',
          fill: MODEL_COLORS[i % 4],
          fontWeight: 'bold',
        }),
      ),
      Plot.text(random.slice(-1), {
        x: 'x',
        y: 'y',
        text: () => 'random r-subspace',
        dx: 6,
        dy: 8,
        textAnchor: 'start',
      }),
      Plot.text(['alignment per S'], {
        frameAnchor: 'top-right',
        dy: -16,
        fontWeight: 'bold',
        fontSize: 12,
      }),
    ],
  });
}

/** The figure: factor dimension and alignment per model, the verdicts, alignment per S. */
export function neuronTegumFigure(
  maps: readonly NeuronTegumModelMap[],
  model: { nFeatures: number; nHidden: number; seeds: number; steps: number },
): string {
  if (maps.length === 0) throw new RangeError('neuronTegumFigure: at least one model');
  const alignment = (cells: readonly AlignmentCell[]) =>
    cells.map((c) => ({ density: c.density, decay: c.decay, v: c.mean }));
  return composeFigure({
    title: `Tegum factors in a privileged basis: ${model.nFeatures} features in ${model.nHidden} neurons`,
    subtitle: `Mean over ${model.seeds} seeds (${model.steps} steps). Alignment: a factor's energy on its r best neurons / r (1 = neuron-aligned); factors spanning all ${model.nHidden} dimensions left out.`,
    panels: [
      ...maps.map((m) => ({
        svg: heat(
          m.cells.map((c) => ({ density: c.density, decay: c.decay, v: c.meanFactorDim })),
          `${m.model}: mean factor dimension`,
          [1, model.nHidden],
          'blues',
        ),
      })),
      { svg: verdicts(maps) },
      ...maps.map((m) => ({
        svg: heat(alignment(m.alignmentCells), `${m.model}: mean alignment`, [0, 1], 'greens'),
      })),
      { svg: alignmentBySparsity(maps) },
    ],
    columns: maps.length + 1,
  });
}
