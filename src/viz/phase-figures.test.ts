import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { F64_EXACT_DIGITS } from '../test-support/tolerances.js';
import { goldenSvg } from '../test-support/golden.js';
import type { TwoInOneRow } from '../toy/phase-2in1-grid.js';
import type { TwoInOneSolution } from '../toy/phase-2in1-solutions.js';
import { phaseAgreement } from './phase-figures.js';
import { twoInOneFigure, unitPairBoundary } from './phase-2in1-figure.js';
import { threeInTwoFigure } from './phase-3in2-figure.js';

const golden = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url));

// A constructed 3 × 3 diagram: the computed one from the unit pair's boundary, the
// trained one equal to it except one cell.
const rs = [0.1, 1, 10];
const ps = [1, 0.1, 0.01];
const rows: TwoInOneRow[] = rs.flatMap((r) =>
  ps.map((p) => {
    const analytic: TwoInOneSolution =
      p < unitPairBoundary(r) ? 'antipodal' : r < 1 ? 'feature1' : 'feature2';
    const trained: TwoInOneSolution = r === 10 && p === 0.1 ? 'feature2' : analytic;
    return {
      relativeImportance: r,
      density: p,
      seed: 0,
      loss: 0.01,
      exactLoss: 0.01,
      w: [1, -1],
      b: [0, 0],
      solution: trained,
      analyticSolution: analytic,
      analyticLoss: 0.01,
    };
  }),
);

describe('the phase diagrams', () => {
  it('counts the cells where trained and computed agree', () => {
    const cell = (x: number, y: number, solution: string) => ({ x, y, solution });
    expect(
      phaseAgreement(
        [cell(1, 1, 'a'), cell(1, 2, 'b'), cell(2, 1, 'a')],
        [cell(1, 1, 'a'), cell(1, 2, 'a'), cell(2, 1, 'a'), cell(2, 2, 'a')],
      ),
    ).toEqual({ agree: 2, total: 4, rate: 0.5 });
  });

  it('puts the unit pair’s boundary at p = 4/7 for equal importances', () => {
    expect(unitPairBoundary(1)).toBeCloseTo(4 / 7, F64_EXACT_DIGITS);
    expect(unitPairBoundary(0.1)).toBeCloseTo(0.4 / 2.5, F64_EXACT_DIGITS);
    expect(unitPairBoundary(10)).toBeCloseTo(4 / 25, F64_EXACT_DIGITS);
  });

  it('draws the 2-in-1 diagram, trained beside computed, as in its golden SVG', () => {
    const svg = twoInOneFigure(rows, 3, 10_000);
    expect(svg).toContain('Agreement: 8 of 9 cells (89%).');
    expect(svg).toContain('antipodal pair');
    expect(svg).toContain('× trained ≠ computed');
    expect(svg.match(/<svg/g)).toHaveLength(4);
    const [actual, expected] = goldenSvg(golden('phase-2in1.svg'), svg);
    expect(actual).toBe(expected);
  });
});

describe('the 3-in-2 phase diagram figure', () => {
  it('draws the trained and computed diagrams with the four candidates, as in its golden SVG', () => {
    const names = ['drop-extra', 'extra-dedicated', 'extra-antipodal', 'others-antipodal'];
    const points = [0.1, 10].flatMap((r, i) =>
      [1, 0.01].map((p, j) => ({
        relativeImportance: r,
        density: p,
        solution: names[2 * i + j],
        analyticSolution: r === 10 && p === 0.01 ? 'extra-antipodal' : names[2 * i + j],
      })),
    );
    const svg = threeInTwoFigure(points, 3, 10_000);
    expect(svg).toContain('Agreement: 3 of 4 cells (75%).');
    expect(svg).toContain('1, 2 antipodal (W ⊥ [1,1,0])');
    const [actual, expected] = goldenSvg(golden('phase-3in2.svg'), svg);
    expect(actual).toBe(expected);
  });
});
