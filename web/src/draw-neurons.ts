/**
 * The neuron models' figures (Elhage et al. 2022, "Privileged Basis" and "Computation in
 * Superposition"; docs/ARCHITECTURE.md §3): each neuron, a row of W [m, n], as a stacked
 * bar of its features' squared weights W_kf² coloured by feature — the paper's
 * privileged-basis figure — marked monosemantic, polysemantic or dead by `neuronMetrics`;
 * and, for the untied absolute-value model, each neuron's input weights W₁ beside its
 * output weights W₂ᵀ.
 */
import * as Plot from '@observablehq/plot';
import { MONOSEMANTIC_SHARE, NEURON_ALIVE_NORM, type NeuronMetrics } from '../../src/index.js';
import { formatTick } from './draw.js';

/** Pixels per neuron row in the bars and the weight maps: 18, or 12 past 20 neurons. */
const rowHeight = (m: number) => (m > 20 ? 12 : 18);

/** The status colours: monosemantic, polysemantic, dead. */
const STATUS_FILL = { monosemantic: '#1a7f37', polysemantic: '#c4320a', dead: '#888' } as const;

/** Feature k's colour: ten categorical colours up to n = 10, a ramp over the index beyond. */
function featureColor(n: number) {
  return n <= 10
    ? ({
        type: 'ordinal',
        scheme: 'Observable10',
        domain: Array.from({ length: n }, (_, i) => i),
      } as const)
    : ({ type: 'linear', scheme: 'Turbo', domain: [0, n - 1], label: null } as const);
}

/**
 * Which of `count` cells spread over `pixels` get a tick: every s-th, with s the first
 * of 1, 2, 5, 10, 20, 50 … that leaves at least 20 pixels between labels.
 */
function cellTicks(count: number, pixels: number): number[] {
  let s = 1;
  for (const next of [2, 5, 10, 20, 50, 100, 200]) {
    if ((s * pixels) / count >= 20) break;
    s = next;
  }
  return Array.from({ length: count }, (_, i) => i).filter((i) => i % s === 0);
}

/** A neuron's status word, as the bars' labels and the view's readout write it. */
export function neuronStatus(k: {
  alive: boolean;
  monosemantic: boolean;
}): keyof typeof STATUS_FILL {
  if (k.monosemantic) return 'monosemantic';
  return k.alive ? 'polysemantic' : 'dead';
}

/**
 * Each neuron k of W [m, n] as a horizontal bar of W_kf² stacked over the features f,
 * coloured by f (a pale segment is a negative weight, so the absolute-value model's
 * ReLU(x) and ReLU(−x) neurons of one feature read apart), with the neuron's status at
 * the bar's end and a feature colour key above.
 */
export function neuronBars(
  W: ArrayLike<number>,
  m: number,
  n: number,
  metrics: NeuronMetrics,
): HTMLElement {
  const segments: { k: number; f: number; w2: number; negative: boolean }[] = [];
  for (let k = 0; k < m; k++) {
    for (let f = 0; f < n; f++) {
      const w = W[k * n + f];
      segments.push({ k, f, w2: w * w, negative: w < 0 });
    }
  }
  const xMax = Math.max(0.1, ...metrics.neurons.map((k) => k.norm ** 2));
  const labels = metrics.neurons.map((k) => {
    const status = neuronStatus(k);
    const word =
      status === 'monosemantic'
        ? `mono · f${k.topFeature}`
        : status === 'polysemantic'
          ? 'poly'
          : 'dead';
    return { k: k.index, status, word };
  });
  const color = featureColor(n);
  const chart = Plot.plot({
    width: 340,
    height: rowHeight(m) * m + 40,
    marginTop: 8,
    marginLeft: 40,
    marginRight: 84,
    x: {
      label: 'squared weight, stacked by feature',
      domain: [0, xMax],
      tickFormat: formatTick,
      ticks: 4,
    },
    y: { label: 'neuron k', type: 'band', domain: labels.map((l) => l.k), padding: 0.15 },
    color,
    marks: [
      Plot.barX(segments, {
        y: 'k',
        x: 'w2',
        fill: 'f',
        // A negative weight: pale, outlined in its feature's colour (a solid light colour
        // of the palette is another feature).
        fillOpacity: (d: { negative: boolean }) => (d.negative ? 0.3 : 1),
        stroke: 'f',
        strokeWidth: 1.5,
        inset: 0.75,
        title: (d: { k: number; f: number; w2: number; negative: boolean }) =>
          `neuron ${d.k}, feature ${d.f}: W² = ${formatTick(d.w2)}${d.negative ? ' (W < 0)' : ''}`,
      }),
      Plot.ruleX([0], { stroke: '#999' }),
      Plot.text(labels, {
        y: 'k',
        x: xMax,
        text: 'word',
        dx: 6,
        textAnchor: 'start',
        fill: (d: { status: keyof typeof STATUS_FILL }) => STATUS_FILL[d.status],
        ariaDescription: 'neuron status',
      }),
    ],
  });
  const key = chart.legend('color', {
    tickFormat: formatTick,
    width: 300,
    swatchSize: 12,
  });
  const box = document.createElement('div');
  box.className = 'neuron-bars';
  const keyTitle = document.createElement('div');
  keyTitle.className = 'key-title';
  keyTitle.textContent = 'feature f';
  box.append(keyTitle);
  if (key) box.append(key);
  box.append(chart);
  const note = document.createElement('p');
  note.className = 'note figure-note';
  note.textContent = `${metrics.monosemanticNeurons} monosemantic, ${metrics.polysemanticNeurons} polysemantic, ${m - metrics.monosemanticNeurons - metrics.polysemanticNeurons} dead (mono: top feature ≥ ${MONOSEMANTIC_SHARE * 100}% of ‖Wₖ‖²; dead: ‖Wₖ‖ ≤ ${NEURON_ALIVE_NORM}). Pale, outlined: a negative weight.`;
  box.append(note);
  return box;
}

/**
 * The absolute-value model's two layers aligned by neuron: W₁ [m, n] (what each neuron
 * reads) beside W₂ᵀ [m, n] (what it writes to each output), red positive and blue
 * negative on one shared scale. A feature computed as ReLU(x) + ReLU(−x) shows as two
 * neurons whose W₁ entries have opposite signs and whose W₂ entries are both positive.
 */
export function neuronWeightMaps(
  W1: ArrayLike<number>,
  W2: ArrayLike<number>,
  m: number,
  n: number,
): HTMLElement {
  const W2t = new Float64Array(m * n); // [m, n]: W₂ is [n, m]
  for (let f = 0; f < n; f++) for (let k = 0; k < m; k++) W2t[k * n + f] = W2[f * m + k];
  let extent = 0;
  for (let i = 0; i < m * n; i++) extent = Math.max(extent, Math.abs(W1[i]), Math.abs(W2t[i]));
  extent ||= 1;
  const color = {
    type: 'linear',
    scheme: 'RdBu',
    domain: [-extent, extent],
    reverse: true,
    label: 'weight',
  } as const;
  const cell = Math.max(2, Math.min(22, Math.floor(160 / n)));
  const width = cell * n;
  const height = rowHeight(m) * m;
  const map = (V: ArrayLike<number>, title: string) =>
    Plot.plot({
      width: width + 44,
      height: height + 58,
      marginLeft: 32,
      marginRight: 12,
      marginTop: 22,
      marginBottom: 36,
      x: { domain: [0, n], axis: null },
      y: { domain: [m, 0], axis: null },
      color,
      marks: [
        Plot.raster(Array.from(V), {
          width: n,
          height: m,
          x1: 0,
          y1: 0,
          x2: n,
          y2: m,
          imageRendering: 'pixelated',
        }),
        Plot.frame({ stroke: '#999' }),
        Plot.axisY(
          cellTicks(m, height).map((k) => k + 0.5),
          { tickFormat: (y: number) => formatTick(y - 0.5), label: null, tickSize: 3 },
        ),
        Plot.axisX(
          cellTicks(n, width).map((f) => f + 0.5),
          {
            tickFormat: (x: number) => formatTick(x - 0.5),
            label: 'feature f',
            labelAnchor: 'center',
            labelArrow: 'none',
            tickSize: 3,
          },
        ),
        Plot.text([title], {
          frameAnchor: 'top-left',
          dy: -14,
          fontWeight: 'bold',
          textAnchor: 'start',
        }),
      ],
    });
  const row = document.createElement('div');
  row.className = 'weight-maps';
  row.append(map(W1, 'W₁ (in)'), map(W2t, 'W₂ᵀ (out)'));
  const box = document.createElement('div');
  box.append(row);
  const key = Plot.legend({ color, width: 240, ticks: 5, tickFormat: formatTick });
  if (key) box.append(key);
  return box;
}
