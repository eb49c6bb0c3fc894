/**
 * The 3-features-in-2-dimensions phase diagram (Elhage et al. 2022, "Superposition
 * as a Phase Change"): trained models (best seed per point) beside the least-loss
 * of the paper's four candidates, over the extra feature's relative importance ×
 * density.
 */
import { phaseDiagramFigure, type PhaseCell } from './phase-figures.js';

/** The solutions' labels and colours, in legend order. */
export const THREE_IN_TWO_LEGEND = [
  { name: 'drop-extra', label: 'extra dropped (W ⊥ [0,0,1])', color: '#4269d0' },
  { name: 'extra-dedicated', label: 'extra dedicated (W ⊥ [1,0,0])', color: '#efb118' },
  { name: 'extra-antipodal', label: 'extra antipodal (W ⊥ [0,1,1])', color: '#ff725c' },
  { name: 'others-antipodal', label: '1, 2 antipodal (W ⊥ [1,1,0])', color: '#3ca951' },
  { name: 'other', label: 'other', color: '#9c9c9c' },
] as const;

/** One best-of-seeds point: its trained and computed solutions. */
export interface ThreeInTwoPoint {
  relativeImportance: number;
  density: number;
  solution: string;
  analyticSolution: string;
}

/** Both diagrams from the best-of-seeds points. */
export function threeInTwoFigure(
  best: readonly ThreeInTwoPoint[],
  seeds: number,
  steps: number,
): string {
  const cells = (key: 'solution' | 'analyticSolution'): PhaseCell[] =>
    best.map((r) => ({ x: r.relativeImportance, y: r.density, solution: r[key] }));
  return phaseDiagramFigure({
    title: 'The phase change: 3 features in 2 dimensions, trained beside computed',
    subtitle: `Trained: best of ${seeds} seed(s), ${steps} steps. Computed: the least expected loss of 4 candidates.`,
    x: {
      label: 'relative importance r of the extra feature 3',
      values: best.map((r) => r.relativeImportance),
    },
    y: { label: 'density p = 1 − S', values: best.map((r) => r.density) },
    solutions: THREE_IN_TWO_LEGEND,
    trainedLabel: 'trained',
    computedLabel: 'computed (quadrature)',
    trained: cells('solution'),
    computed: cells('analyticSolution'),
  });
}
