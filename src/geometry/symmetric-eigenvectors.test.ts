import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.js';
import { randomOrthogonal } from '../test-support/geometries.js';
import { F64_DIGITS, F64_ROUNDING } from '../test-support/tolerances.js';
import { symmetricEigenvectors } from './symmetric-eigenvectors.js';

describe('symmetricEigenvectors', () => {
  it('finds 3 with (1, 1)/√2 and 1 with (1, −1)/√2 for [[2, 1], [1, 2]]', () => {
    const values = new Float64Array(2);
    const V = new Float64Array(4);
    symmetricEigenvectors(values, V, [2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, F64_DIGITS);
    expect(values[1]).toBeCloseTo(1, F64_DIGITS);
    // Column 0 is ±(1, 1)/√2, column 1 is ±(1, −1)/√2: the signs are free.
    expect(Math.abs(V[0])).toBeCloseTo(Math.SQRT1_2, F64_DIGITS);
    expect(V[0] * V[2]).toBeCloseTo(0.5, F64_DIGITS);
    expect(V[1] * V[3]).toBeCloseTo(-0.5, F64_DIGITS);
  });

  it('satisfies A v = λ v with orthonormal v for Q diag(λ) Qᵀ, a random rotation Q', () => {
    const n = 6;
    const lambda = [4, -1, 0, 2.5, 0.001, 7];
    const Q = randomOrthogonal(n, new Rng(11));
    const A = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += Q[a * n + k] * lambda[k] * Q[c * n + k];
        A[a * n + c] = s;
      }
    }
    const values = new Float64Array(n);
    const V = new Float64Array(n * n);
    symmetricEigenvectors(values, V, A, n);
    const want = [...lambda].sort((x, y) => y - x);
    values.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThan(F64_ROUNDING));
    for (let j = 0; j < n; j++) {
      for (let a = 0; a < n; a++) {
        let av = 0;
        for (let c = 0; c < n; c++) av += A[a * n + c] * V[c * n + j];
        expect(Math.abs(av - values[j] * V[a * n + j])).toBeLessThan(F64_ROUNDING);
      }
      for (let l = 0; l < n; l++) {
        let dot = 0;
        for (let a = 0; a < n; a++) dot += V[a * n + j] * V[a * n + l];
        expect(Math.abs(dot - (j === l ? 1 : 0))).toBeLessThan(F64_ROUNDING);
      }
    }
  });

  it('rejects buffers whose lengths do not match n', () => {
    expect(() =>
      symmetricEigenvectors(new Float64Array(2), new Float64Array(4), new Float64Array(3), 2),
    ).toThrow(/A must have length n² = 4, got 3/);
    expect(() =>
      symmetricEigenvectors(new Float64Array(2), new Float64Array(3), new Float64Array(4), 2),
    ).toThrow(/vectors must have length n² = 4, got 3/);
  });
});
