/**
 * The toy models' figures (Elhage et al. 2022) drawn with Observable Plot: the
 * intro's feature arrows, the ‖W_i‖ bars coloured by superposition and the WᵀW
 * images, dimensions per feature and feature dimensionality against 1/(1 − S),
 * the tegum factors against S, and the sparse-limit expansion against the measured
 * loss. Pure: data in, SVG string out. Legends are text marks inside the SVG.
 */
import * as Plot from '@observablehq/plot';
import type { SparseLimitTerms } from '../toy/sparse-limit.js';
import type { ToyInstanceSummary } from '../toy/summarize-instance.js';
import type { TegumAnalysis } from '../toy/tegum-analysis.js';
import { composeFigure, renderPlot } from './render.js';

/** One trained instance's weights for the figures that draw W itself. */
export interface ToyWeights {
  /** [nHidden, nFeatures] row-major. */
  W: ArrayLike<number>;
  nHidden: number;
  nFeatures: number;
  sparsity: number;
}

/** The fractions the paper marks on its dimensionality plots. */
export const DIMENSIONALITY_LINES: { value: number; label: string; dy?: number }[] = [
  { value: 1, label: '1' },
  { value: 3 / 4, label: '3/4 tetrahedron' },
  { value: 2 / 3, label: '2/3 triangle' },
  { value: 1 / 2, label: '1/2 antipodal' },
  { value: 2 / 5, label: '2/5 pentagon', dy: -5 },
  { value: 3 / 8, label: '3/8 square antiprism', dy: 5 },
];

const fmtS = (s: number) => `S = ${s < 0.995 ? s.toFixed(2) : s.toFixed(3)}`;

function note(text: string, anchor: 'top-left' | 'top-right' | 'bottom-left' = 'top-left') {
  return Plot.text([text], {
    frameAnchor: anchor,
    dx: anchor === 'top-right' ? -4 : 4,
    dy: anchor === 'bottom-left' ? -4 : 4,
    fontSize: 10,
    fill: '#333',
  });
}

/**
 * The intro figure: each instance's feature vectors as arrows in the plane,
 * coloured by importance (viridis: dark = least important, yellow = most).
 *
 * @param importance [nFeatures]
 */
export function introArrowsFigure(models: ToyWeights[], importance: ArrayLike<number>): string {
  const panels = models.map((m) => {
    if (m.nHidden !== 2) throw new RangeError('introArrowsFigure needs nHidden = 2');
    const rows = Array.from({ length: m.nFeatures }, (_, i) => ({
      x: m.W[i],
      y: m.W[m.nFeatures + i],
      importance: importance[i],
    }));
    return {
      svg: renderPlot({
        width: 150,
        height: 170,
        marginTop: 20,
        marginBottom: 10,
        marginLeft: 10,
        marginRight: 10,
        x: { domain: [-1.5, 1.5], axis: null },
        y: { domain: [-1.5, 1.5], axis: null },
        color: {
          type: 'linear',
          scheme: 'viridis',
          domain: [Math.min(...rows.map((r) => r.importance)), 1],
        },
        marks: [
          Plot.frame({ stroke: '#ddd' }),
          Plot.arrow(rows, {
            x1: 0,
            y1: 0,
            x2: 'x',
            y2: 'y',
            stroke: 'importance',
            strokeWidth: 2,
            headLength: 6,
          }),
          Plot.text([fmtS(m.sparsity)], { frameAnchor: 'top', dy: -14, fontSize: 11 }),
        ],
      }),
    };
  });
  return composeFigure({
    title: 'Features as arrows in the hidden plane, across sparsity',
    subtitle: 'Each panel: W’s columns W_i ∈ R²; colour = importance (dark: least, yellow: most).',
    panels,
    columns: Math.min(panels.length, 10),
  });
}

/**
 * ‖W_i‖ per feature, one panel per instance, bars coloured by superposition
 * Σ_{j≠i}(Ŵ_i · W_j)² (dark: none; yellow: ≥ 1).
 */
export function normBarsFigure(instances: ToyInstanceSummary[]): string {
  const panels = instances.map((r) => ({
    svg: renderPlot({
      width: 130,
      height: 260,
      marginTop: 20,
      marginLeft: 10,
      marginRight: 8,
      marginBottom: 28,
      x: { domain: [0, 1.3], label: '‖W_i‖', ticks: [0, 1] },
      y: { type: 'band', axis: null, domain: r.norms.map((_, i) => i) },
      color: { type: 'linear', scheme: 'viridis', domain: [0, 1], clamp: true },
      marks: [
        Plot.barX(
          r.norms.map((norm, i) => ({ i, norm, s: r.superposition[i] })),
          { y: 'i', x: 'norm', fill: 's' },
        ),
        Plot.text([fmtS(r.sparsity)], { frameAnchor: 'top', dy: -14, fontSize: 10 }),
      ],
    }),
  }));
  return composeFigure({
    title: '‖W_i‖ by feature',
    subtitle: 'Colour: superposition, dark 0 → yellow ≥ 1.',
    panels,
    columns: Math.min(panels.length, 10),
  });
}

/** WᵀW of each given instance as a red–blue image (blue +1, red −1). */
export function wtwFigure(models: ToyWeights[]): string {
  const panels = models.map((m) => {
    const n = m.nFeatures;
    const rows: { i: number; j: number; v: number }[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let v = 0;
        for (let h = 0; h < m.nHidden; h++) v += m.W[h * n + i] * m.W[h * n + j];
        rows.push({ i, j, v });
      }
    }
    return {
      svg: renderPlot({
        width: 220,
        height: 236,
        marginTop: 20,
        marginLeft: 8,
        marginRight: 8,
        marginBottom: 8,
        x: { type: 'band', axis: null, padding: 0 },
        y: { type: 'band', axis: null, padding: 0 },
        color: { type: 'linear', scheme: 'RdBu', domain: [-1, 1], clamp: true },
        marks: [
          Plot.cell(rows, { x: 'j', y: 'i', fill: 'v', inset: 0 }),
          Plot.text([fmtS(m.sparsity)], { frameAnchor: 'top', dy: -14, fontSize: 10 }),
        ],
      }),
    };
  });
  return composeFigure({
    title: 'WᵀW across sparsity',
    subtitle: 'Blue = +1, white = 0, red = −1; features in index order.',
    panels,
    columns: Math.min(panels.length, 5),
  });
}

function dimensionalityRules() {
  return [
    Plot.ruleY(DIMENSIONALITY_LINES, { y: 'value', stroke: '#bbb', strokeDasharray: '3,3' }),
    ...DIMENSIONALITY_LINES.map((line) =>
      Plot.text([line], {
        y: 'value',
        text: 'label',
        frameAnchor: 'right',
        textAnchor: 'start',
        dx: 4,
        dy: line.dy ?? 0,
        fontSize: 9,
        fill: '#666',
      }),
    ),
  ];
}

/** m / ‖W‖_F² against 1/(1 − S) (log x), with the paper's reference fractions. */
export function dimsPerFeatureFigure(instances: ToyInstanceSummary[], nHidden: number): string {
  const rows = instances.map((r) => ({ x: 1 / r.featureProbability, y: r.dimsPerFeature }));
  return composeFigure({
    title: 'Dimensions per feature m / ‖W‖_F² against 1/(1 − S)',
    subtitle: `m = ${nHidden}; 1 = every represented feature owns a dimension, 1/2 = antipodal pairs.`,
    panels: [
      {
        svg: renderPlot({
          width: 640,
          height: 320,
          marginRight: 130,
          grid: true,
          x: { type: 'log', label: '1 / (1 − S)' },
          y: { domain: [0, 1.1], label: 'm / ‖W‖_F²' },
          marks: [
            ...dimensionalityRules(),
            Plot.line(rows, { x: 'x', y: 'y', stroke: '#4269d0', strokeWidth: 1.8 }),
            Plot.dot(rows, { x: 'x', y: 'y', fill: '#4269d0', r: 3 }),
          ],
        }),
      },
    ],
  });
}

/**
 * Feature dimensionality D_i of every represented feature (‖W_i‖ > normThreshold)
 * against 1/(1 − S), over the dims-per-feature line.
 */
export function featureDimensionalityFigure(
  instances: ToyInstanceSummary[],
  normThreshold = 0.5,
): string {
  const dots = instances.flatMap((r) =>
    r.featureDimensionality
      .map((d, i) => ({ x: 1 / r.featureProbability, y: d, norm: r.norms[i] }))
      .filter((p) => p.norm > normThreshold),
  );
  const line = instances.map((r) => ({ x: 1 / r.featureProbability, y: r.dimsPerFeature }));
  return composeFigure({
    title: 'Feature dimensionality D_i against 1/(1 − S)',
    subtitle: `D_i = ‖W_i‖² / Σ_j (Ŵ_i·W_j)² for features with ‖W_i‖ > ${normThreshold}; line: m/‖W‖_F².`,
    panels: [
      {
        svg: renderPlot({
          width: 640,
          height: 320,
          marginRight: 130,
          grid: true,
          x: { type: 'log', label: '1 / (1 − S)' },
          y: { domain: [0, 1.1], label: 'D_i' },
          marks: [
            ...dimensionalityRules(),
            Plot.dot(dots, { x: 'x', y: 'y', fill: '#222', fillOpacity: 0.25, r: 2 }),
            Plot.line(line, { x: 'x', y: 'y', stroke: '#4269d0', strokeWidth: 1.5 }),
          ],
        }),
      },
    ],
  });
}

/** Tegum factors against sparsity: factor dimensions (dot area = count) and k per seed. */
export function tegumFactorsFigure(analysis: TegumAnalysis): string {
  const counts = analysis.points.flatMap((p) =>
    Object.entries(p.dimCounts).map(([dim, count]) => ({
      x: 1 / (1 - p.sparsity),
      dim: Number(dim),
      count,
    })),
  );
  const meanDim = analysis.points.map((p) => ({ x: 1 / (1 - p.sparsity), y: p.meanFactorDim }));
  const ks = analysis.points.flatMap((p) => p.k.map((k) => ({ x: 1 / (1 - p.sparsity), k })));
  const meanK = analysis.points.map((p) => ({ x: 1 / (1 - p.sparsity), y: p.meanK }));
  const x = { type: 'log' as const, label: '1 / (1 − S)' };
  return composeFigure({
    title: 'Tegum factors of trained toy models against sparsity',
    subtitle:
      `Spearman ρ(S, k), ρ(S, dim): ${rho(analysis.rhoK)}, ${rho(analysis.rhoDim)} over all S; ` +
      `${rho(analysis.sparseSide.rhoK)}, ${rho(analysis.sparseSide.rhoDim)} from S = ${analysis.sparseSide.fromSparsity.toFixed(2)} (peak k). The claim ${analysis.verdict}.`,
    panels: [
      {
        svg: renderPlot({
          width: 640,
          height: 260,
          grid: true,
          x,
          y: {
            label: 'factor dimension',
            domain: [0, Math.max(...counts.map((c) => c.dim)) + 0.5],
          },
          r: { range: [2, 12] },
          marks: [
            Plot.dot(counts, { x: 'x', y: 'dim', r: 'count', fill: '#4269d0', fillOpacity: 0.6 }),
            Plot.line(meanDim, { x: 'x', y: 'y', stroke: '#ff725c', strokeWidth: 1.8 }),
            note('dots: factors of each dimension (area = count); line: mean factor dimension'),
          ],
        }),
      },
      {
        svg: renderPlot({
          width: 640,
          height: 220,
          grid: true,
          x,
          y: { label: 'k (factors)', domain: [0, Math.max(...ks.map((c) => c.k)) + 0.5] },
          marks: [
            Plot.dot(ks, { x: 'x', y: 'k', stroke: '#4269d0' }),
            Plot.line(meanK, { x: 'x', y: 'y', stroke: '#ff725c', strokeWidth: 1.8 }),
            note('circles: each seed’s k; line: mean over seeds', 'top-right'),
          ],
        }),
      },
    ],
  });
}

const FIRST = 'first order: S^n L∅/n + (1−S) S^(n−1) Σ L_i/n';
const SECOND = 'second order: first + (1−S)² S^(n−2) Σ_{i<j} L_ij/n';

/** Measured loss against the sparse-limit expansion, both against 1/(1 − S), log–log. */
export function sparseLimitFigure(
  rows: { sparsity: number; loss: number; terms: SparseLimitTerms }[],
): string {
  const data = rows.flatMap((r) => [
    { x: 1 / (1 - r.sparsity), y: r.loss, series: 'measured loss' },
    { x: 1 / (1 - r.sparsity), y: r.terms.firstOrder, series: FIRST },
    { x: 1 / (1 - r.sparsity), y: r.terms.postForm, series: 'L₀ + (1 − S) L₁ (post)' },
    { x: 1 / (1 - r.sparsity), y: r.terms.secondOrder, series: SECOND },
  ]);
  const series = ['measured loss', FIRST, 'L₀ + (1 − S) L₁ (post)', SECOND];
  const colors = ['#222', '#4269d0', '#ff725c', '#3ca951'];
  return composeFigure({
    title: 'The sparse-limit expansion against the measured loss',
    subtitle:
      'L₀: loss on x = 0 (the bias penalty); L₁, L_ij: loss over 1- and 2-sparse inputs, from the trained W, b.',
    panels: [
      {
        svg: renderPlot({
          width: 640,
          height: 320,
          grid: true,
          x: { type: 'log', label: '1 / (1 − S)' },
          y: { type: 'log', label: 'loss per feature' },
          color: { type: 'ordinal', domain: series, range: colors },
          marks: [
            Plot.line(data, { x: 'x', y: 'y', stroke: 'series', strokeWidth: 1.6 }),
            Plot.dot(data, { x: 'x', y: 'y', stroke: 'series', fill: 'white', r: 3 }),
            ...series.map((s, i) =>
              Plot.text([`━ ${s}`], {
                frameAnchor: 'top-right',
                dx: -6,
                dy: 8 + 15 * i,
                fill: colors[i],
                fontWeight: 'bold',
                fontSize: 11,
              }),
            ),
          ],
        }),
      },
    ],
  });
}

/** ρ to two decimals, or 'undefined' (a constant side). */
function rho(value: number | null): string {
  return value === null ? 'undefined' : value.toFixed(2);
}
