/**
 * The post's figures drawn with Observable Plot: (a) normalized loss and
 * d(L/L(1))/dk against k (log k), one line per α, the minimum of each marked;
 * (b) k* against α with α* marked and the struck closed form beside it; and a
 * grid comparing the bounds. Legends are text marks inside the SVG.
 */
import * as Plot from '@observablehq/plot';
import type { PostFigureData } from '../theory/post-figure-data.js';
import { composeFigure, renderPlot } from './render.js';

const PALETTE = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#a463f2', '#97bbf5'];
const WIDTH = 680;

function alphaLabel(alpha: number): string {
  return `α = ${alpha}`;
}

function colorScale(data: PostFigureData): Plot.ScaleOptions {
  return {
    type: 'ordinal',
    domain: data.curves.map((c) => alphaLabel(c.alpha)),
    range: PALETTE,
  };
}

type LegendAnchor = 'top-right' | 'top-left' | 'right' | 'bottom-right';

/** A legend as text marks at one side of the panel, placed where the curves are not. */
function legend(labels: string[], colors: string[], anchor: LegendAnchor = 'top-right') {
  const n = labels.length;
  const dy = (i: number): number => {
    if (anchor === 'right') return 15 * (i - (n - 1) / 2);
    if (anchor === 'bottom-right') return -8 - 15 * (n - 1 - i);
    return 8 + 15 * i;
  };
  return labels.map((label, i) =>
    Plot.text([`━ ${label}`], {
      frameAnchor: anchor,
      dx: anchor === 'top-left' ? 6 : -6,
      dy: dy(i),
      fill: colors[i],
      fontWeight: 'bold',
      fontSize: 11,
    }),
  );
}

function subtitle(data: PostFigureData): string {
  return `n = ${data.n}, d = ${data.d}, bound ${data.bound}, loss '${data.loss}'; k ranges over [1, kMax = ${data.kMax}]`;
}

function lossPanel(data: PostFigureData, field: 'normalizedLoss' | 'dNormalizedLossDk'): string {
  const rows = data.curves.flatMap((c) =>
    c.points.map((p) => ({ k: p.k, y: p[field], series: alphaLabel(c.alpha) })),
  );
  const minima = data.curves.map((c) => ({
    k: c.optimum.kStar,
    y: field === 'normalizedLoss' ? c.optimum.lossRatio : 0,
    series: alphaLabel(c.alpha),
  }));
  const finite = rows.map((r) => r.y).filter(Number.isFinite);
  const labels = data.curves.map((c) => alphaLabel(c.alpha));
  // dL/dk diverges at the domain's edge (ε → 1); clip the y range to the bulk of the curve.
  const sorted = [...finite].sort((a, b) => a - b);
  const yDomain =
    field === 'dNormalizedLossDk'
      ? [sorted[0], Math.max(0, sorted[Math.floor(0.97 * (sorted.length - 1))])]
      : undefined;
  return renderPlot({
    width: WIDTH,
    height: 300,
    marginLeft: 64,
    marginTop: 24,
    grid: true,
    x: { type: 'log', label: 'k (number of orthogonal subspaces)' },
    y: {
      label: field === 'normalizedLoss' ? 'L(k) / L(1)' : 'd(L/L(1)) / dk',
      domain: yDomain,
      clamp: yDomain !== undefined,
    },
    color: colorScale(data),
    marks: [
      field === 'dNormalizedLossDk' ? Plot.ruleY([0], { stroke: '#888' }) : null,
      Plot.line(rows, {
        x: 'k',
        y: 'y',
        z: 'series',
        stroke: 'series',
        strokeWidth: 1.8,
        clip: true,
      }),
      field === 'normalizedLoss'
        ? Plot.dot(minima, { x: 'k', y: 'y', stroke: 'series', fill: 'white', r: 4 })
        : null,
      ...legend(labels, PALETTE, field === 'normalizedLoss' ? 'right' : 'bottom-right'),
      field === 'normalizedLoss'
        ? Plot.text(['○ integer minimum k*'], { frameAnchor: 'top-left', dx: 6, dy: 8 })
        : null,
    ],
  });
}

/** Figure (a): normalized loss and its derivative against k. */
export function lossVsKFigure(data: PostFigureData): string {
  return composeFigure({
    title: `Loss of k orthogonal subspaces (the post's figure, ${data.bound} bound)`,
    subtitle: subtitle(data),
    panels: [
      { svg: lossPanel(data, 'normalizedLoss') },
      { svg: lossPanel(data, 'dNormalizedLossDk') },
    ],
  });
}

/** Figure (b): k* against α across the transition. */
export function kStarVsAlphaFigure(data: PostFigureData): string {
  const rows = data.kStarVsAlpha.flatMap((r) => [
    { alpha: r.alpha, k: r.kStar, series: 'numerical k*' },
    { alpha: r.alpha, k: r.struckKStar, series: "post's struck closed form" },
  ]);
  const alphaStar = data.transition.alphaStar;
  const colors = ['#4269d0', '#999999'];
  return composeFigure({
    title: `Optimal number of subspaces k* against α (${data.bound} bound)`,
    subtitle: `${subtitle(data)}; α* = ${alphaStar === null ? 'none' : alphaStar.toFixed(4)}`,
    panels: [
      {
        svg: renderPlot({
          width: WIDTH,
          height: 360,
          marginLeft: 64,
          marginTop: 24,
          grid: true,
          x: { label: 'α = d ln ℓ / d ln ε' },
          y: { type: 'log', label: 'k*' },
          color: {
            type: 'ordinal',
            domain: ['numerical k*', "post's struck closed form"],
            range: colors,
          },
          marks: [
            alphaStar === null
              ? null
              : Plot.ruleX([alphaStar], { stroke: '#d62728', strokeDasharray: '4,3' }),
            alphaStar === null
              ? null
              : Plot.text([`α* = ${alphaStar.toFixed(3)}`], {
                  x: alphaStar,
                  frameAnchor: 'bottom',
                  dx: 6,
                  dy: -8,
                  textAnchor: 'start',
                  fill: '#d62728',
                }),
            Plot.line(
              rows.filter((r) => r.series !== 'numerical k*'),
              { x: 'alpha', y: 'k', stroke: 'series', curve: 'step-after', strokeDasharray: '5,4' },
            ),
            Plot.line(
              rows.filter((r) => r.series === 'numerical k*'),
              { x: 'alpha', y: 'k', stroke: 'series', curve: 'step-after', strokeWidth: 2 },
            ),
            ...legend(['numerical k*', "post's struck closed form"], colors),
          ],
        }),
      },
    ],
  });
}

/** The bounds compared: normalized loss against k for each bound, one panel each. */
export function boundsComparedFigure(all: PostFigureData[]): string {
  return composeFigure({
    title: 'The bounds compared: normalized loss L(k)/L(1) against k',
    subtitle: all[0] ? `n = ${all[0].n}, d = ${all[0].d}, loss '${all[0].loss}'; ○ marks k*` : '',
    columns: 2,
    panels: all.map((data) => ({
      svg: renderPlot({
        width: 460,
        height: 280,
        marginLeft: 56,
        marginTop: 28,
        grid: true,
        x: { type: 'log', label: 'k' },
        y: { label: 'L(k) / L(1)' },
        color: colorScale(data),
        marks: [
          Plot.text([`${data.bound} (α* = ${data.transition.alphaStar?.toFixed(3) ?? 'none'})`], {
            frameAnchor: 'top',
            dy: -16,
            fontWeight: 'bold',
            fontSize: 12,
          }),
          Plot.line(
            data.curves.flatMap((c) =>
              c.points.map((p) => ({ k: p.k, y: p.normalizedLoss, series: alphaLabel(c.alpha) })),
            ),
            { x: 'k', y: 'y', z: 'series', stroke: 'series', strokeWidth: 1.6 },
          ),
          Plot.dot(
            data.curves.map((c) => ({
              k: c.optimum.kStar,
              y: c.optimum.lossRatio,
              series: alphaLabel(c.alpha),
            })),
            { x: 'k', y: 'y', stroke: 'series', fill: 'white', r: 3.5 },
          ),
          ...legend(
            data.curves.map((c) => alphaLabel(c.alpha)),
            PALETTE,
            'right',
          ),
        ],
      }),
    })),
  });
}
