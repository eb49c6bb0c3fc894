import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.js';
import { randomOrthogonal } from '../test-support/geometries.js';
import { F64_ROUNDING } from '../test-support/tolerances.js';
import { jacobiEigenvalues, symmetricEigenvalues } from './symmetric-eigenvalues.js';
import { tridiagonalEigenvalues } from './tridiagonal-eigenvalues.js';

/** Q diag(λ) Qᵀ for a random rotation Q. */
function withSpectrum(lambda: number[], seed: number): Float64Array {
  const n = lambda.length;
  const Q = randomOrthogonal(n, new Rng(seed));
  const A = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let c = a; c < n; c++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[a * n + k] * lambda[k] * Q[c * n + k];
      A[a * n + c] = A[c * n + a] = s;
    }
  return A;
}

describe('tridiagonalEigenvalues', () => {
  it('finds 3 and 1 for [[2, 1], [1, 2]], and a 1 × 1 matrix’s entry', () => {
    const out = tridiagonalEigenvalues(new Float64Array(2), Float64Array.from([2, 1, 1, 2]), 2);
    expect(Math.abs(out[0] - 3)).toBeLessThan(F64_ROUNDING);
    expect(Math.abs(out[1] - 1)).toBeLessThan(F64_ROUNDING);
    expect(tridiagonalEigenvalues(new Float64Array(1), Float64Array.from([-4]), 1)[0]).toBe(-4);
  });

  it('recovers a spectrum with repeats, zeros, negatives and a 1e-9 value (n = 90)', () => {
    const lambda = Array.from({ length: 90 }, (_, k) =>
      k < 30 ? 2 : k < 50 ? 0 : k < 60 ? -1.5 : k === 60 ? 1e-9 : 1 + k / 100,
    );
    const A = withSpectrum(lambda, 3);
    const out = tridiagonalEigenvalues(new Float64Array(90), A, 90);
    const want = [...lambda].sort((x, y) => y - x);
    // Backward stable: errors of a few ulps of ‖A‖ = 2.
    out.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThan(F64_ROUNDING));
  });

  it('agrees with cyclic Jacobi on random symmetric matrices of every small size', () => {
    const rng = new Rng(11);
    for (let n = 1; n <= 40; n++) {
      const A = new Float64Array(n * n);
      for (let a = 0; a < n; a++)
        for (let c = a; c < n; c++) A[a * n + c] = A[c * n + a] = rng.normal();
      const fast = tridiagonalEigenvalues(new Float64Array(n), A, n);
      const slow = jacobiEigenvalues(new Float64Array(n), A, n);
      const scale = Math.max(...slow.map(Math.abs));
      fast.forEach((v, k) => expect(Math.abs(v - slow[k]) / scale).toBeLessThan(F64_ROUNDING));
    }
  });

  it('is what symmetricEigenvalues runs above Jacobi’s sides, leaving A untouched', () => {
    const lambda = Array.from({ length: 200 }, (_, k) => (k % 7 === 0 ? 0 : 1 / (1 + k)));
    const A = withSpectrum(lambda, 8);
    const copy = A.slice();
    const out = symmetricEigenvalues(new Float64Array(200), A, 200);
    expect(A).toEqual(copy);
    const want = [...lambda].sort((x, y) => y - x);
    out.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThan(F64_ROUNDING));
  });
});
