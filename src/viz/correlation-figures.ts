/**
 * The correlation figure (Elhage et al. 2022, "Superposition and correlated features"):
 * one panel per setup, W's columns as arrows in the hidden plane, coloured by the
 * feature set they belong to and labelled with their index, so orthogonal correlated
 * pairs, antipodal anticorrelated pairs and collapsed sets can be read off. Pure: data
 * in, SVG string out.
 */
import * as Plot from '@observablehq/plot';
import { composeFigure, renderPlot } from './render.js';

/** One panel: a trained m = 2 model and the sets its data had. */
export interface CorrelationPanel {
  title: string;
  /** [2, nFeatures] row-major. */
  W: ArrayLike<number>;
  nFeatures: number;
  correlated: readonly (readonly number[])[];
  anticorrelated: readonly (readonly number[])[];
}

/** The sets' colours (Observable's category10, first entries); free features grey. */
const SET_COLORS = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7'];

/** The experiment's heading (the default); `toy run`'s feature-sets figure gives its own. */
const BEST_OF_SEEDS = {
  title: 'Correlated features go orthogonal, anticorrelated ones antipodal',
  subtitle:
    'W’s columns, best of seeds; colour = feature set; solid: correlated, dashed: anticorrelated.',
};

/** Arrows of W's columns per panel; colour = feature set, solid correlated, dashed anticorrelated. */
export function correlationArrowsFigure(
  panels: CorrelationPanel[],
  heading: { title: string; subtitle: string } = BEST_OF_SEEDS,
): string {
  const drawn = panels.map((p) => {
    const n = p.nFeatures;
    const sets = [
      ...p.correlated.map((f) => ({ features: f, dash: 'none' })),
      ...p.anticorrelated.map((f) => ({ features: f, dash: '4,2' })),
    ];
    const rows = Array.from({ length: n }, (_, i) => {
      const k = sets.findIndex((s) => s.features.includes(i));
      return {
        i,
        x: Number(p.W[i]),
        y: Number(p.W[n + i]),
        color: k === -1 ? '#999' : SET_COLORS[k % SET_COLORS.length],
        dash: k === -1 ? 'none' : sets[k].dash,
      };
    });
    // Features whose arrows end together (a collapsed set) share one label: '1,2'.
    const labels: { x: number; y: number; text: string; color: string }[] = [];
    for (const r of rows) {
      const at = labels.find((l) => Math.hypot(l.x - r.x, l.y - r.y) < 0.05);
      if (at) at.text += `,${r.i}`;
      else labels.push({ x: r.x, y: r.y, text: String(r.i), color: r.color });
    }
    return {
      svg: renderPlot({
        width: 190,
        height: 210,
        marginTop: 24,
        marginBottom: 10,
        marginLeft: 10,
        marginRight: 10,
        x: { domain: [-1.4, 1.4], axis: null },
        y: { domain: [-1.4, 1.4], axis: null },
        marks: [
          Plot.frame({ stroke: '#ddd' }),
          Plot.ruleX([0], { stroke: '#eee' }),
          Plot.ruleY([0], { stroke: '#eee' }),
          ...['none', '4,2'].map((dash) =>
            Plot.arrow(
              rows.filter((d) => d.dash === dash),
              {
                x1: 0,
                y1: 0,
                x2: 'x',
                y2: 'y',
                stroke: (d: (typeof rows)[number]) => d.color,
                strokeDasharray: dash,
                strokeWidth: 2,
                headLength: 6,
              },
            ),
          ),
          Plot.text(labels, {
            x: (d: (typeof labels)[number]) => d.x * 1.14,
            y: (d: (typeof labels)[number]) => d.y * 1.14,
            text: 'text',
            fill: 'color',
            fontSize: 10,
          }),
          Plot.text([p.title], { frameAnchor: 'top', dy: -18, fontSize: 11 }),
        ],
      }),
    };
  });
  return composeFigure({
    ...heading,
    panels: drawn,
    columns: drawn.length,
  });
}
