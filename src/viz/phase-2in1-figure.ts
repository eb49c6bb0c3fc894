/**
 * The 2-features-in-1-dimension phase diagram (Elhage et al. 2022, "The Phase
 * Change"): trained models (best seed per point) beside the least-loss candidate
 * computed by quadrature, over relative importance × density, with the paper's
 * unit antipodal pair's boundary p = 4r/(2 + 5r) (r ≤ 1), 4/(5 + 2r) (r ≥ 1)
 * dashed for reference.
 */
import type { TwoInOneRow } from '../toy/phase-2in1-grid.js';
import { phaseDiagramFigure } from './phase-figures.js';

/** The solutions' labels and colours, in legend order. */
export const TWO_IN_ONE_LEGEND = [
  { name: 'feature1', label: 'feature 1 only', color: '#4269d0' },
  { name: 'feature2', label: 'feature 2 only', color: '#efb118' },
  { name: 'antipodal', label: 'antipodal pair', color: '#ff725c' },
  { name: 'other', label: 'other', color: '#9c9c9c' },
] as const;

/** The unit pair (w = (1, −1), b = 0) beats the better single feature below this density. */
export function unitPairBoundary(r: number): number {
  return r <= 1 ? (4 * r) / (2 + 5 * r) : 4 / (5 + 2 * r);
}

/** Both diagrams from the best-of-seeds rows. */
export function twoInOneFigure(best: readonly TwoInOneRow[], seeds: number, steps: number): string {
  const rs = [...new Set(best.map((r) => r.relativeImportance))];
  const ps = [...new Set(best.map((r) => r.density))];
  const lo = Math.min(...rs);
  const hi = Math.max(...rs);
  return phaseDiagramFigure({
    title: 'The phase change: 2 features in 1 dimension, trained beside computed',
    subtitle: `Trained: best of ${seeds} seed(s), ${steps} steps. Computed: the least expected loss of 3 candidates.`,
    x: { label: 'relative importance r of feature 2', values: rs },
    y: { label: 'density p = 1 − S', values: ps },
    solutions: TWO_IN_ONE_LEGEND,
    trainedLabel: 'trained',
    computedLabel: 'computed (quadrature)',
    trained: best.map((r) => ({ x: r.relativeImportance, y: r.density, solution: r.solution })),
    computed: best.map((r) => ({
      x: r.relativeImportance,
      y: r.density,
      solution: r.analyticSolution,
    })),
    reference: {
      label: 'unit pair (b = 0) ties',
      points: Array.from({ length: 41 }, (_, i) => {
        const r = lo * (hi / lo) ** (i / 40);
        return { x: r, y: unitPairBoundary(r) };
      }),
    },
  });
}
