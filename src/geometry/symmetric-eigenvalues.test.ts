import { F64_DIGITS, F64_ROUNDING } from '../test-support/tolerances.js';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.js';
import { randomOrthogonal } from '../test-support/geometries.js';
import { symmetricEigenvalues } from './symmetric-eigenvalues.js';

describe('symmetricEigenvalues', () => {
  it('finds 3 and 1 for [[2, 1], [1, 2]]', () => {
    const out = symmetricEigenvalues(new Float64Array(2), Float64Array.from([2, 1, 1, 2]), 2);
    expect(out[0]).toBeCloseTo(3, F64_DIGITS);
    expect(out[1]).toBeCloseTo(1, F64_DIGITS);
  });

  it('recovers the spectrum of Q diag(λ) Qᵀ for a random rotation Q, sorted descending', () => {
    const n = 7;
    const lambda = [5, -2, 0, 0.001, 3, 3, 1e-9];
    const Q = randomOrthogonal(n, new Rng(5));
    const A = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += Q[a * n + k] * lambda[k] * Q[c * n + k];
        A[a * n + c] = s;
      }
    }
    const out = symmetricEigenvalues(new Float64Array(n), A, n);
    const want = [...lambda].sort((x, y) => y - x);
    out.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThan(F64_ROUNDING));
  });

  it('rejects a matrix whose length is not n²', () => {
    expect(() => symmetricEigenvalues(new Float64Array(2), new Float64Array(3), 2)).toThrow(
      /n² = 4/,
    );
  });
});
