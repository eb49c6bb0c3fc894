/**
 * Figure rendering in Node: Observable Plot draws into a jsdom document, the
 * resulting SVG is serialised (and panels composed into one SVG), and
 * @resvg/resvg-js rasterises it to PNG. Titles and legends are drawn inside the
 * SVG (as text marks), never as Plot's HTML <figure> wrappers, so the PNG keeps
 * them (docs/ARCHITECTURE.md §8.4).
 */
import * as Plot from '@observablehq/plot';
import { Resvg } from '@resvg/resvg-js';
import { createRequire } from 'node:module';
import type { JSDOM as JSDOMClass } from 'jsdom';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The font every figure asks for; DejaVu ships with Debian (fonts-dejavu-core). */
export const FIGURE_FONT = 'DejaVu Sans, sans-serif';

let sharedDocument: Document | undefined;
function svgDocument(): Document {
  if (sharedDocument === undefined) {
    // jsdom loads on the first figure (half a second), not with every command that
    // imports a module able to draw one.
    const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: typeof JSDOMClass };
    sharedDocument = new JSDOM('<!DOCTYPE html><html><body></body></html>').window.document;
  }
  return sharedDocument;
}

/**
 * Renders one Observable Plot to an SVG string.
 * @throws Error when the options would make Plot return an HTML figure (title, caption or a
 *   swatch legend), which does not survive PNG conversion.
 */
export function renderPlot(options: Plot.PlotOptions): string {
  const element = Plot.plot({
    ...options,
    document: svgDocument(),
    style: { fontFamily: FIGURE_FONT, fontSize: '11px', ...(options.style as object | undefined) },
  });
  if (element.tagName.toLowerCase() !== 'svg') {
    throw new Error(
      'renderPlot: Plot returned an HTML figure; draw titles and legends as marks inside the SVG',
    );
  }
  return serialize(element);
}

/** One panel of a composed figure: an SVG string from {@link renderPlot}. */
export interface Panel {
  svg: string;
}

/** A figure made of stacked panels under a title (and an optional subtitle). */
export interface FigureSpec {
  title: string;
  subtitle?: string;
  panels: Panel[];
  /** Panels per row; default 1 (stacked vertically). */
  columns?: number;
}

/**
 * Composes panels into one SVG with a title, through the DOM (no string
 * templating of geometry): each panel becomes a nested <svg> at its grid slot.
 */
export function composeFigure(spec: FigureSpec): string {
  if (spec.panels.length === 0) throw new RangeError('composeFigure: at least one panel');
  const columns = spec.columns ?? 1;
  const doc = svgDocument();
  const parsed = spec.panels.map((p) => parseSvg(p.svg));
  const widths = parsed.map((s) => Number(s.getAttribute('width')));
  const heights = parsed.map((s) => Number(s.getAttribute('height')));
  const cellW = Math.max(...widths);
  const cellH = Math.max(...heights);
  const header = spec.subtitle ? 48 : 32;
  const rows = Math.ceil(parsed.length / columns);
  const width = cellW * Math.min(columns, parsed.length);
  const height = header + cellH * rows;

  const root = doc.createElementNS(SVG_NS, 'svg');
  for (const [k, v] of Object.entries({
    xmlns: SVG_NS,
    width: String(width),
    height: String(height),
    viewBox: `0 0 ${width} ${height}`,
    'font-family': FIGURE_FONT,
  })) {
    root.setAttribute(k, v);
  }
  const background = doc.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', 'white');
  root.appendChild(background);
  root.appendChild(textNode(doc, spec.title, 14, 20, 'bold'));
  if (spec.subtitle) root.appendChild(textNode(doc, spec.subtitle, 14, 38, 'normal', 11));
  parsed.forEach((panel, i) => {
    panel.setAttribute('x', String((i % columns) * cellW));
    panel.setAttribute('y', String(header + Math.floor(i / columns) * cellH));
    root.appendChild(panel);
  });
  return serialize(root);
}

/** Rasterises an SVG string to PNG bytes at `scale`× (default 2) on a white background. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: true,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}

/**
 * Normalises an SVG for golden comparisons (as Observable Plot's own snapshot
 * tests do): numbers rounded to `digits` decimals, Plot's generated class ids
 * made stable, whitespace between tags dropped.
 */
export function normalizeSvg(svg: string, digits = 1): string {
  return svg
    .replace(/plot-[0-9a-f]{6}/g, 'plot')
    .replace(/-?\d+\.\d+(e[-+]?\d+)?/g, (s) => {
      const r = Number(Number(s).toFixed(digits));
      return String(Object.is(r, -0) ? 0 : r);
    })
    .replace(/>\s+</g, '><')
    .trim();
}

function parseSvg(svg: string): Element {
  const holder = svgDocument().createElement('div');
  holder.innerHTML = svg;
  const el = holder.querySelector('svg');
  if (!el) throw new Error('composeFigure: a panel is not an SVG');
  return el;
}

function textNode(
  doc: Document,
  text: string,
  x: number,
  y: number,
  weight: string,
  size = 14,
): Element {
  const t = doc.createElementNS(SVG_NS, 'text');
  t.setAttribute('x', String(x));
  t.setAttribute('y', String(y));
  t.setAttribute('font-size', String(size));
  t.setAttribute('font-weight', weight);
  t.setAttribute('fill', '#111');
  t.textContent = text;
  return t;
}

function serialize(el: Element): string {
  if (!el.getAttribute('xmlns')) el.setAttribute('xmlns', SVG_NS);
  return el.outerHTML;
}
