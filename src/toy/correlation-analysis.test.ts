import { describe, expect, it } from 'vitest';
import { featureGeometry } from '../geometry/feature-geometry.js';
import { F64_DIGITS, geometryTolerances } from '../test-support/tolerances.js';
import { setGeometries } from './correlation-analysis.js';

const h = Math.SQRT1_2;

/** Columns [n][2] as W [2, n] row-major. */
function fromColumns(cols: [number, number][]): Float64Array {
  const n = cols.length;
  const W = new Float64Array(2 * n);
  cols.forEach(([x, y], i) => {
    W[i] = x;
    W[n + i] = y;
  });
  return W;
}

function measure(cols: [number, number][], sets: Parameters<typeof setGeometries>[3]) {
  const W = fromColumns(cols);
  const { tegum } = featureGeometry(W, 2, cols.length);
  return setGeometries(W, 2, cols.length, sets, tegum.factors);
}

describe('setGeometries', () => {
  it('finds correlated pairs orthogonal and spread across factors (the paper’s local orthogonal bases)', () => {
    // 0 ⊥ 1, 2 = −0, 3 = −1: factors {0, 2}, {1, 3}.
    const [a, b] = measure(
      [
        [1, 0],
        [0, 1],
        [-1, 0],
        [0, -1],
      ],
      {
        correlated: [
          [0, 1],
          [2, 3],
        ],
      },
    );
    for (const s of [a, b]) {
      expect(s.orthogonal).toBe(true);
      expect(s.antipodal).toBe(false);
      expect(s.cosines[0].cos).toBeCloseTo(0, F64_DIGITS);
      expect(s.directions).toBe(2);
      expect(s.oneFactor).toBe(false);
      expect(s.spreadAcrossFactors).toBe(true);
      expect(s.collapsed).toBe(false);
    }
  });

  it('finds anticorrelated pairs antipodal, each its own factor', () => {
    const sets = measure(
      [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ],
      {
        anticorrelated: [
          [0, 1],
          [2, 3],
        ],
      },
    );
    for (const s of sets) {
      expect(s.kind).toBe('anticorrelated');
      expect(s.antipodal).toBe(true);
      expect(s.cosines[0].cos).toBeCloseTo(-1, F64_DIGITS);
      expect(s.oneFactor).toBe(true);
      expect(s.spreadAcrossFactors).toBe(false);
    }
  });

  it('finds a set of three collapsed onto its principal component: one alone, two on their sum', () => {
    // Set {0, 1, 2}: 0 along x, 1 and 2 both along y with norm 1/√2 (the model reads
    // x_0 and (x_1 + x_2)/√2): its read subspace, spanned by (1, 0, 0) and (0, h, h),
    // holds 1/√3 entirely. Set {3, 4, 5}: three directions 120° apart.
    const [collapsed, spread] = measure(
      [
        [1, 0],
        [0, h],
        [0, h],
        [1, 0],
        [-0.5, Math.sqrt(3) / 2],
        [-0.5, -Math.sqrt(3) / 2],
      ],
      {
        correlated: [
          [0, 1, 2],
          [3, 4, 5],
        ],
      },
    );
    expect(collapsed.directions).toBe(2);
    expect(collapsed.pcCaptured).toBeCloseTo(1, F64_DIGITS);
    expect(collapsed.collapsed).toBe(true);
    expect(collapsed.orthogonal).toBe(false);
    // Rows (1, −1/2, −1/2) and (0, √3/2, −√3/2) are both ⊥ (1, 1, 1): nothing of it is read.
    expect(spread.directions).toBe(3);
    expect(Math.abs(spread.pcCaptured)).toBeLessThan(geometryTolerances.exactF64);
    expect(spread.collapsed).toBe(false);
  });

  it('reads 2/3 of the principal component from the plane of two coordinate features', () => {
    // W restricted to {0, 1, 2} has rows e_0 and e_1: ‖P 1/√3‖² = 1/3 + 1/3.
    const [s] = measure(
      [
        [1, 0],
        [0, 1],
        [0, 0],
      ],
      { correlated: [[0, 1, 2]] },
    );
    expect(s.pcCaptured).toBeCloseTo(2 / 3, F64_DIGITS);
    expect(s.norms).toEqual([1, 1, 0]);
    expect(s.orthogonal).toBe(false); // feature 2 is not represented
  });
});
