/**
 * Neurons drawn as the paper draws them (Elhage et al. 2022, "Privileged Basis" and
 * "Computation in Superposition"): with a ReLU on the hidden layer, row k of the first
 * layer W [nHidden, nFeatures] is neuron k, and
 * - the weights figure is W itself as a red–blue image (neurons down, features across);
 * - the bars figure draws each neuron as a bar of its features' squared weights W_kf²,
 *   stacked and coloured by feature, so a bar's height is ‖W_k‖² and a single colour is a
 *   monosemantic neuron; each bar is marked M (monosemantic), P (polysemantic) or left
 *   blank (dead) by src/geometry/neuron-metrics.ts's thresholds.
 * One panel per trained model (e.g. the best seed at each density). The panel functions are
 * exported for figures that compose them with others. Pure: data in, SVG string out.
 */
import * as Plot from '@observablehq/plot';
import { neuronMetrics } from '../geometry/neuron-metrics.js';
import { composeFigure, renderPlot, type Panel } from './render.js';

/** One trained model's first layer, with a panel title (e.g. its density). */
export interface NeuronPanel {
  title: string;
  /** [nHidden, nFeatures] row-major: row k is neuron k's input weights. */
  W: ArrayLike<number>;
  nHidden: number;
  nFeatures: number;
}

/** Up to 10 features get a colour each (Observable's tableau10); more, a viridis ramp. */
const CATEGORICAL_FEATURES = 10;

function checkPanel(name: string, p: NeuronPanel): void {
  if (p.W.length !== p.nHidden * p.nFeatures) {
    throw new RangeError(
      `${name}: W has ${p.W.length} entries; nHidden × nFeatures = ${p.nHidden * p.nFeatures} allowed`,
    );
  }
}

function featureColor(nFeatures: number): Plot.ScaleOptions {
  return nFeatures <= CATEGORICAL_FEATURES
    ? {
        type: 'ordinal',
        scheme: 'tableau10',
        domain: Array.from({ length: nFeatures }, (_, f) => f),
      }
    : { type: 'linear', scheme: 'viridis', domain: [0, nFeatures - 1] };
}

/** Neuron k's bar: W_kf² per feature, stacked in feature order. */
export function neuronBarsPanel(p: NeuronPanel, yMax: number): Panel {
  checkPanel('neuronBarsPanel', p);
  const n = p.nFeatures;
  const rows: { neuron: number; feature: number; w2: number }[] = [];
  for (let k = 0; k < p.nHidden; k++) {
    for (let f = 0; f < n; f++) rows.push({ neuron: k, feature: f, w2: p.W[k * n + f] ** 2 });
  }
  const metrics = neuronMetrics(Float64Array.from(p.W), p.nHidden, n);
  const marks = metrics.neurons.map((x) => ({
    neuron: x.index,
    top: x.norm ** 2,
    label: x.monosemantic ? 'M' : x.alive ? 'P' : '',
  }));
  return {
    svg: renderPlot({
      width: Math.max(190, 24 * p.nHidden + 40),
      height: 220,
      marginTop: 24,
      marginLeft: 34,
      marginRight: 8,
      marginBottom: 30,
      x: { type: 'band', domain: marks.map((x) => x.neuron), label: 'neuron', padding: 0.15 },
      y: { domain: [0, yMax], label: '‖W_k‖²', ticks: 3 },
      color: featureColor(n),
      marks: [
        Plot.barY(rows, { x: 'neuron', y: 'w2', fill: 'feature', order: 'feature' }),
        Plot.text(marks, { x: 'neuron', y: 'top', text: 'label', dy: -6, fontSize: 9 }),
        Plot.ruleY([0], { stroke: '#999' }),
        Plot.text([p.title], { frameAnchor: 'top', dy: -18, fontSize: 10 }),
      ],
    }),
  };
}

/** W [nHidden, nFeatures] as an image: blue +wMax, white 0, red −wMax. */
export function neuronWeightsPanel(p: NeuronPanel, wMax: number): Panel {
  checkPanel('neuronWeightsPanel', p);
  const n = p.nFeatures;
  const rows: { neuron: number; feature: number; v: number }[] = [];
  for (let k = 0; k < p.nHidden; k++) {
    for (let f = 0; f < n; f++) rows.push({ neuron: k, feature: f, v: p.W[k * n + f] });
  }
  const cell = Math.max(4, Math.min(16, Math.floor(200 / Math.max(n, p.nHidden))));
  return {
    svg: renderPlot({
      width: Math.max(190, cell * n + 40),
      height: cell * p.nHidden + 44,
      marginTop: 24,
      marginLeft: 30,
      marginRight: 8,
      marginBottom: 20,
      x: { type: 'band', axis: null, padding: 0 },
      y: { type: 'band', label: 'neuron', padding: 0, tickSize: 0 },
      color: { type: 'linear', scheme: 'RdBu', domain: [-wMax, wMax], clamp: true },
      marks: [
        Plot.cell(rows, { x: 'feature', y: 'neuron', fill: 'v', inset: 0 }),
        Plot.text(['features →'], { frameAnchor: 'bottom', dy: 14, fontSize: 9, fill: '#666' }),
        Plot.text([p.title], { frameAnchor: 'top', dy: -18, fontSize: 10 }),
      ],
    }),
  };
}

function largest(panels: NeuronPanel[], f: (w: number) => number): number {
  let max = 0;
  for (const p of panels) for (let i = 0; i < p.W.length; i++) max = Math.max(max, f(p.W[i]));
  return max;
}

/**
 * Each neuron as a stacked bar of its features' squared weights, one panel per model, on a
 * common y scale.
 * @throws RangeError when a panel's W does not have nHidden × nFeatures entries.
 */
export function neuronBarsFigure(
  panels: NeuronPanel[],
  heading = { title: 'Each neuron’s features, stacked' },
): string {
  let yMax = 0;
  for (const p of panels) {
    checkPanel('neuronBarsFigure', p);
    for (let k = 0; k < p.nHidden; k++) {
      let s = 0;
      for (let f = 0; f < p.nFeatures; f++) s += p.W[k * p.nFeatures + f] ** 2;
      yMax = Math.max(yMax, s);
    }
  }
  const nFeatures = Math.max(...panels.map((p) => p.nFeatures));
  const colours =
    nFeatures <= CATEGORICAL_FEATURES
      ? 'feature 0 blue, 1 orange, 2 red, 3 teal, 4 green, …'
      : 'colour = feature index (viridis, dark = 0)';
  return composeFigure({
    title: heading.title,
    subtitle: `W_kf² per feature f; ${colours}. M mono-, P polysemantic, blank dead.`,
    panels: panels.map((p) => neuronBarsPanel(p, Math.max(yMax * 1.1, 1e-9))),
    columns: Math.min(panels.length, 5),
  });
}

/**
 * W per model as a red–blue image, neurons down and features across, on a common colour
 * scale (± the largest |W_kf| over the panels).
 * @throws RangeError when a panel's W does not have nHidden × nFeatures entries.
 */
export function neuronWeightsFigure(
  panels: NeuronPanel[],
  heading = { title: 'W: neurons × features' },
): string {
  for (const p of panels) checkPanel('neuronWeightsFigure', p);
  const wMax = Math.max(largest(panels, Math.abs), 1e-9);
  return composeFigure({
    title: heading.title,
    subtitle: `Blue +${wMax.toFixed(2)}, white 0, red −${wMax.toFixed(2)}; features in index order.`,
    panels: panels.map((p) => neuronWeightsPanel(p, wMax)),
    columns: Math.min(panels.length, 5),
  });
}
