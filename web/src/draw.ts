/**
 * Drawing helpers shared by the packing and toy views (Observable Plot in the
 * browser): the Gram heatmap ordered by tegum factor, ‖W_i‖ bars coloured by
 * superposition, arrows in the plane, and the loss curve.
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

/** A loss value in two significant digits, SI-prefixed below 1 (e.g. 4.2m). */
function formatLoss(v: number): string {
  const prefixes: [number, string][] = [
    [1, ''],
    [1e-3, 'm'],
    [1e-6, 'µ'],
    [1e-9, 'n'],
  ];
  const [scale, prefix] = prefixes.find(([s]) => v >= s) ?? [1e-9, 'n'];
  return `${Number((v / scale).toPrecision(2))}${prefix}`;
}

/**
 * Ticks for a log axis over `values`: m·10^e inside their range, with the mantissas m
 * from the finest of {1…9}, {1, 2, 5}, {1, 3}, {1} that gives 2 to 6 ticks.
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
  return within([1]);
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
    // Explicit ticks, every one labelled: Plot thins a short log axis's labels to none.
    y: {
      type: 'log',
      label: 'loss',
      ticks: logTicks(finite.map((h) => h.loss)),
      tickFormat: formatLoss,
    },
    marks: [Plot.line(finite, { x: 'step', y: 'loss', stroke: '#4269d0' })],
  });
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
