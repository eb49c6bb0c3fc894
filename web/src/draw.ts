/**
 * Drawing helpers shared by the packing and toy views (Observable Plot in the
 * browser): the Gram heatmap ordered by tegum factor, ‖W_i‖ bars coloured by
 * superposition with their colour key, arrows in the plane (or on the line), the
 * loss curve, and the tick format every numeric axis and key uses.
 */
import * as Plot from '@observablehq/plot';
import type { TegumDecomposition } from '../../src/index.js';

/** Feature order: each factor's features together, then the unrepresented ones. */
export function factorOrder(tegum: TegumDecomposition, n: number): number[] {
  const order = tegum.factors.flatMap((f) => f.features);
  const seen = new Set(order);
  for (let i = 0; i < n; i++) if (!seen.has(i)) order.push(i);
  return order;
}

/**
 * The Gram matrix (cosines of the columns of V [d, n], or WᵀW when `normalize` is
 * false) as a heatmap, rows and columns in `order`.
 */
export function gramHeatmap(
  V: ArrayLike<number>,
  d: number,
  n: number,
  order: number[],
  normalize: boolean,
  size = 300,
): SVGSVGElement | HTMLElement {
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let r = 0; r < d; r++) s += V[r * n + j] ** 2;
    norms[j] = normalize ? Math.sqrt(s) || 1 : 1;
  }
  const values = new Float64Array(n * n);
  let maxAbs = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const i = order[a];
      const j = order[b];
      let s = 0;
      for (let r = 0; r < d; r++) s += V[r * n + i] * V[r * n + j];
      const g = s / (norms[i] * norms[j]);
      values[a * n + b] = g;
      maxAbs = Math.max(maxAbs, Math.abs(g));
    }
  }
  const extent = normalize ? 1 : maxAbs || 1;
  return Plot.plot({
    width: size,
    height: size,
    margin: 4,
    x: { axis: null },
    y: { axis: null },
    aspectRatio: 1,
    // RdBu reversed over [−e, e]: red for positive cosines, blue for negative.
    color: { type: 'linear', scheme: 'RdBu', domain: [-extent, extent], reverse: true },
    marks: [
      Plot.raster(values, {
        width: n,
        height: n,
        x1: 0,
        y1: n, // row 0 at the top
        x2: n,
        y2: 0,
        imageRendering: 'pixelated',
      }),
      Plot.frame({ stroke: '#999' }),
    ],
  });
}

/**
 * A tick label in plain or scientific notation, never with an SI prefix: in this
 * explorer m is the hidden dimension, and `5m` on a loss axis reads as five of them.
 * Plain (with thousands separators) for 10⁻³ ≤ |v| < 10⁶, else `1e-5`, `2.5e7`; three
 * significant digits at most, a Unicode minus as Plot's own labels have.
 */
export function formatTick(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const a = Math.abs(Number(v.toPrecision(3)));
  const text =
    a >= 1e-3 && a < 1e6
      ? a.toLocaleString('en', { maximumSignificantDigits: 3 })
      : a.toExponential().replace('e+', 'e');
  return v < 0 ? `−${text}` : text;
}

/**
 * Ticks for a log axis over `values`: m·10^e inside their range, with the mantissas m
 * from the finest of {1…9}, {1, 2, 5}, {1, 3}, {1} that gives 2 to 6 ticks. Past
 * seven decades, every s-th power of ten (e a multiple of s), at most seven.
 */
export function logTicks(values: number[]): number[] {
  if (values.length === 0) return [];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const from = Math.floor(Math.log10(lo));
  const to = Math.ceil(Math.log10(hi));
  const within = (mantissas: number[]) => {
    const out: number[] = [];
    for (let e = from; e <= to; e++)
      for (const m of mantissas) {
        const v = Number((m * 10 ** e).toPrecision(12));
        if (v >= lo && v <= hi) out.push(v);
      }
    return out;
  };
  const sets = [[1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 5], [1, 3], [1]];
  for (const mantissas of sets) {
    const t = within(mantissas);
    if (t.length <= 6) return t.length >= 2 || mantissas.length === 9 ? t : within(sets[0]);
  }
  const powers = within([1]);
  if (powers.length <= 7) return powers;
  const s = Math.ceil(powers.length / 7);
  return powers.filter((v) => Math.round(Math.log10(v)) % s === 0);
}

/**
 * A log axis over `values` (Plot scale options): explicit ticks from {@link logTicks},
 * every one labelled by {@link formatTick}. d3's log tick format would print SI
 * prefixes (`10k`, `5m`) and Plot thins a short log axis's labels to none.
 */
export function logAxis(values: number[], label: string) {
  return { type: 'log', label, ticks: logTicks(values), tickFormat: formatTick } as const;
}

/** A loss curve (log y). */
export function lossCurve(history: { step: number; loss: number }[], width = 300) {
  const finite = history.filter((h) => h.loss > 0 && Number.isFinite(h.loss));
  return Plot.plot({
    width,
    height: 180,
    marginLeft: 56,
    grid: true,
    x: { label: 'step' },
    y: logAxis(
      finite.map((h) => h.loss),
      'loss',
    ),
    marks: [Plot.line(finite, { x: 'step', y: 'loss', stroke: '#4269d0' })],
  });
}

/** One feature of a trained toy model, as the toy view draws it. */
export interface ToyFeature {
  i: number;
  /** Its embedding W_i: the first hidden coordinate, and the second (0 when m = 1). */
  x: number;
  y: number;
  /** ‖W_i‖ */
  norm: number;
  /** Σ_{j≠i} (Ŵ_i·W_j)² */
  superposition: number;
  importance: number;
}

/**
 * The features as arrows from the origin (Elhage et al. 2022, §2): in the plane
 * when m = 2; when m = 1, on the line, one row per feature so that arrows along the
 * same direction stay apart. Darker is more important.
 */
export function featureArrows(features: ToyFeature[], m: 1 | 2) {
  const importance = { type: 'linear', scheme: 'Greys', domain: [0, 1.2] } as const;
  if (m === 1) {
    return Plot.plot({
      width: 300,
      height: Math.max(120, 22 * features.length + 50),
      marginLeft: 36,
      x: { domain: [-1.3, 1.3], label: 'W', tickFormat: formatTick },
      y: { type: 'point', label: 'feature', domain: features.map((f) => f.i) },
      color: importance,
      marks: [
        Plot.ruleX([0], { stroke: '#ddd' }),
        Plot.arrow(features, { x1: 0, x2: 'x', y1: 'i', y2: 'i', stroke: 'importance' }),
      ],
    });
  }
  return Plot.plot({
    width: 300,
    height: 300,
    inset: 10,
    aspectRatio: 1,
    x: { domain: [-1.3, 1.3], label: null, tickFormat: formatTick },
    y: { domain: [-1.3, 1.3], label: null, tickFormat: formatTick },
    color: importance,
    marks: [
      Plot.ruleX([0], { stroke: '#ddd' }),
      Plot.ruleY([0], { stroke: '#ddd' }),
      Plot.arrow(features, {
        x1: 0,
        y1: 0,
        x2: 'x',
        y2: 'y',
        stroke: 'importance',
        strokeWidth: 2,
      }),
      Plot.text(features, { x: 'x', y: 'y', text: 'i', dy: -8, fontSize: 11 }),
    ],
  });
}

/** The colour key's height above the ‖W_i‖ bars, in pixels. */
const KEY_HEIGHT = 50;

/**
 * ‖W_i‖ per feature, bars coloured by superposition on [0, 1] (viridis, clamped: a
 * pentagon's features sit at 1.5, an antipodal pair's at 1), as in Elhage et al.'s
 * figures and `normBarsFigure` in src/viz. The colour key is drawn in the top
 * margin of the same SVG, so the figure carries its key wherever it goes.
 */
export function normBars(features: ToyFeature[]): SVGSVGElement | HTMLElement {
  const chart = Plot.plot({
    width: 320,
    height: Math.max(120, 14 * features.length) + KEY_HEIGHT,
    marginTop: KEY_HEIGHT + 8,
    marginLeft: 36,
    x: {
      label: '‖Wᵢ‖',
      domain: [0, Math.max(1.1, ...features.map((f) => f.norm))],
      tickFormat: formatTick,
    },
    y: { label: 'feature', type: 'band' },
    color: {
      type: 'linear',
      scheme: 'Viridis',
      domain: [0, 1],
      clamp: true,
      label: 'superposition Σⱼ≠ᵢ(Ŵᵢ·Wⱼ)²',
    },
    marks: [Plot.barX(features, { y: 'i', x: 'norm', fill: 'superposition' })],
  });
  const key = chart.legend('color', {
    width: 240,
    marginLeft: 10,
    marginRight: 10,
    height: KEY_HEIGHT - 4,
    ticks: 6,
    tickFormat: (v: number) => (v >= 1 ? '≥ 1' : formatTick(v)),
  });
  if (chart instanceof SVGSVGElement && key instanceof SVGSVGElement) {
    // The ramp's own <svg>, unwrapped into a group: a nested <svg> would take Plot's
    // `height: auto` ramp style and centre itself in the whole figure.
    const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    g.setAttribute('aria-label', 'color legend');
    g.setAttribute('transform', `translate(${36 - 10}, 0)`);
    g.setAttribute('text-anchor', 'start'); // the plot's root centres text; the key's title starts at its left
    for (const name of ['font-family', 'font-size']) {
      const value = key.getAttribute(name);
      if (value !== null) g.setAttribute(name, value);
    }
    g.append(...key.childNodes);
    chart.append(g);
  }
  return chart;
}

/** The tegum factors as a list; `root` is replaced. */
export function factorList(root: HTMLElement, tegum: TegumDecomposition, total: number): void {
  const items = tegum.factors.map((f) => {
    const li = document.createElement('li');
    const shown =
      f.features.length > 12 ? `${f.features.slice(0, 12).join(', ')}, …` : f.features.join(', ');
    const named = f.label.endsWith('dims') ? '' : `${f.label}: `;
    li.textContent = `${named}${f.size} feature${f.size > 1 ? 's' : ''} in ${f.dim} dim${f.dim > 1 ? 's' : ''} (${shown})`;
    li.dataset.size = String(f.size);
    li.dataset.dim = String(f.dim);
    return li;
  });
  const rest = total - tegum.represented.length;
  if (rest > 0) {
    const li = document.createElement('li');
    li.textContent = `${rest} feature${rest > 1 ? 's' : ''} not represented`;
    items.push(li);
  }
  root.replaceChildren(...items);
  root.dataset.k = String(tegum.k);
}
