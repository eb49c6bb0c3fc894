/**
 * The absolute-value model's figures (Elhage et al. 2022, "Computation in Superposition"):
 * how its neurons change as features get sparser. Monosemantic, polysemantic and dead
 * neuron counts against 1/(1 − S); the distributions of features per neuron and neurons
 * per feature with the number of features represented; and W₁ itself at a few densities,
 * neurons sorted by their top feature. Pure: data in, SVG string out; legends are text
 * marks inside the SVG.
 */
import * as Plot from '@observablehq/plot';
import { composeFigure, renderPlot } from './render.js';

/** One density's neuron counts (the best seed's W₁). */
export interface AbsNeuronCountPoint {
  /** 1 − S */
  density: number;
  monosemantic: number;
  polysemantic: number;
  dead: number;
}

/** One density's spread of features over neurons (the best seed's W₁). */
export interface AbsSpreadPoint {
  density: number;
  /** Per alive neuron, the features holding the share. */
  featuresPerNeuron: number[];
  /** Per represented feature, the alive neurons it holds the share in. */
  neuronsPerFeature: number[];
}

/** One heat-map panel: W₁ of one trained model. */
export interface AbsWeightsPanel {
  density: number;
  /** [nHidden, nFeatures] row-major. */
  W: ArrayLike<number>;
  nHidden: number;
  nFeatures: number;
}

const SERIES = [
  { key: 'monosemantic', color: '#4269d0' },
  { key: 'polysemantic', color: '#ff725c' },
  { key: 'dead', color: '#999' },
] as const;

const X = { type: 'log' as const, label: '1 / (1 − S)', tickFormat: '~g' };

const fmtDensity = (d: number) => `1 − S = ${d}`;

/** The series' names at the left middle, clear of dense counts (top) and sparse ones (bottom). */
function legend(items: readonly { key: string; color: string }[]) {
  return items.map((s, i) =>
    Plot.text([s.key], {
      frameAnchor: 'left',
      textAnchor: 'start',
      dx: 6,
      dy: 13 * (i - (items.length - 1) / 2),
      fill: s.color,
      fontSize: 10,
      fontWeight: 'bold',
    }),
  );
}

function note(text: string) {
  return Plot.text([text], { frameAnchor: 'top-right', dx: -4, dy: 4, fontSize: 10, fill: '#333' });
}

/** Monosemantic, polysemantic and dead neurons against 1/(1 − S) (log x). */
export function absNeuronCountsFigure(
  points: AbsNeuronCountPoint[],
  nHidden: number,
  caption: { share: number; alive: number },
): string {
  const rows = points.flatMap((p) =>
    SERIES.map((s) => ({ x: 1 / p.density, y: p[s.key], series: s.key })),
  );
  return composeFigure({
    title: 'Neurons of the absolute-value model across sparsity',
    subtitle: `m = ${nHidden}; alive: ‖W₁_k‖ > ${caption.alive}; monosemantic: top feature ≥ ${caption.share} of the row's squared weight.`,
    panels: [
      {
        svg: renderPlot({
          width: 640,
          height: 300,
          grid: true,
          x: X,
          y: { domain: [0, nHidden], label: 'neurons' },
          color: { domain: SERIES.map((s) => s.key), range: SERIES.map((s) => s.color) },
          marks: [
            Plot.line(rows, { x: 'x', y: 'y', stroke: 'series', strokeWidth: 1.8 }),
            Plot.dot(rows, { x: 'x', y: 'y', fill: 'series', r: 3 }),
            ...legend(SERIES),
          ],
        }),
      },
    ],
  });
}

/** Counts of each value of `values` per density: the dots of a distribution panel. */
function tally(points: AbsSpreadPoint[], pick: (p: AbsSpreadPoint) => number[]) {
  return points.flatMap((p) => {
    const counts = new Map<number, number>();
    for (const v of pick(p)) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()].map(([value, count]) => ({ x: 1 / p.density, value, count }));
  });
}

function meanOf(points: AbsSpreadPoint[], pick: (p: AbsSpreadPoint) => number[]) {
  return points
    .filter((p) => pick(p).length > 0)
    .map((p) => ({ x: 1 / p.density, y: pick(p).reduce((a, b) => a + b, 0) / pick(p).length }));
}

function distributionPanel(
  points: AbsSpreadPoint[],
  pick: (p: AbsSpreadPoint) => number[],
  label: string,
  what: string,
) {
  const dots = tally(points, pick);
  const top = Math.max(1, ...dots.map((d) => d.value));
  return {
    svg: renderPlot({
      width: 640,
      height: 240,
      grid: true,
      x: X,
      y: { domain: [0, top + 0.5], label },
      r: { range: [1.5, 10] },
      marks: [
        Plot.dot(dots, { x: 'x', y: 'value', r: 'count', fill: '#4269d0', fillOpacity: 0.55 }),
        Plot.line(meanOf(points, pick), { x: 'x', y: 'y', stroke: '#ff725c', strokeWidth: 1.8 }),
        note(`dots: ${what} with each count (area = how many); line: mean`),
      ],
    }),
  };
}

/**
 * Features per alive neuron, neurons per represented feature (dot area = how many) and the
 * number of represented features, against 1/(1 − S).
 */
export function absFeatureSpreadFigure(
  points: AbsSpreadPoint[],
  nHidden: number,
  share: number,
): string {
  const represented = points.map((p) => ({ x: 1 / p.density, y: p.neuronsPerFeature.length }));
  const refs = [
    { y: nHidden / 2, label: `m/2 = ${nHidden / 2}: a pair of neurons per feature` },
    { y: nHidden, label: `m = ${nHidden}` },
  ];
  return composeFigure({
    title: 'How features spread over neurons across sparsity',
    subtitle: `A feature is in a neuron when it holds ≥ ${share} of the row's squared weight (W₁, best seed per density).`,
    panels: [
      distributionPanel(points, (p) => p.featuresPerNeuron, 'features per neuron', 'neurons'),
      distributionPanel(points, (p) => p.neuronsPerFeature, 'neurons per feature', 'features'),
      {
        svg: renderPlot({
          width: 640,
          height: 220,
          grid: true,
          x: X,
          y: {
            domain: [0, Math.max(nHidden, ...represented.map((r) => r.y)) * 1.1],
            label: 'represented features',
          },
          marks: [
            Plot.ruleY(refs, { y: 'y', stroke: '#bbb', strokeDasharray: '3,3' }),
            Plot.text(refs, {
              y: 'y',
              text: 'label',
              frameAnchor: 'left',
              dx: 4,
              dy: -6,
              fontSize: 9,
              fill: '#666',
            }),
            Plot.line(represented, { x: 'x', y: 'y', stroke: '#3ca951', strokeWidth: 1.8 }),
            Plot.dot(represented, { x: 'x', y: 'y', fill: '#3ca951', r: 3 }),
          ],
        }),
      },
    ],
  });
}

/** W₁ [m, n] as red–blue images (blue +, red −, scaled to each panel's largest |W₁|). */
export function absWeightsFigure(panels: AbsWeightsPanel[], features: number): string {
  const drawn = panels.map((p) => {
    const n = p.nFeatures;
    const shown = Math.min(features, n);
    let top = 0;
    for (let i = 0; i < p.W.length; i++) top = Math.max(top, Math.abs(p.W[i]));
    // Neurons ordered by their top feature, so a feature's neurons sit together.
    const topOf = (k: number) => {
      let best = 0;
      for (let f = 1; f < n; f++)
        if (Math.abs(p.W[k * n + f]) > Math.abs(p.W[k * n + best])) best = f;
      return best;
    };
    const order = Array.from({ length: p.nHidden }, (_, k) => k).sort(
      (a, b) => topOf(a) - topOf(b) || a - b,
    );
    const rows = order.flatMap((k, row) =>
      Array.from({ length: shown }, (_, f) => ({ f, row, v: p.W[k * n + f] / (top || 1) })),
    );
    return {
      svg: renderPlot({
        width: 280,
        height: 40 + 6 * p.nHidden,
        marginTop: 24,
        marginLeft: 8,
        marginRight: 8,
        marginBottom: 16,
        x: { type: 'band', axis: null, padding: 0 },
        y: { type: 'band', axis: null, padding: 0 },
        color: { type: 'linear', scheme: 'RdBu', domain: [-1, 1], clamp: true },
        marks: [
          Plot.cell(rows, { x: 'f', y: 'row', fill: 'v', inset: 0 }),
          Plot.text([`${fmtDensity(p.density)} (max |W₁| ${top.toFixed(2)})`], {
            frameAnchor: 'top',
            dy: -18,
            fontSize: 10,
          }),
        ],
      }),
    };
  });
  return composeFigure({
    title: 'W₁ of the absolute-value model at a few densities',
    subtitle: `Rows: neurons by top feature; columns: features 0–${Math.min(features, panels[0]?.nFeatures ?? features) - 1}; blue +, red −.`,
    panels: drawn,
    columns: Math.min(drawn.length, 4),
  });
}
