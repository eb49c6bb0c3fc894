/**
 * Eigenvalues of a small real symmetric matrix by the cyclic Jacobi method
 * (Golub & Van Loan, "Matrix Computations" 4th ed., §8.5.2; rotation formulas
 * as in Numerical Recipes 3rd ed. §11.1). Jacobi is slow for large matrices but
 * accurate to high relative precision and a few dozen lines, which suits the
 * factor ranks of the toy models (matrices of side ≤ nHidden). Above
 * {@link JACOBI_MAX_SIDE} the Householder + implicit QL solver takes over
 * (tridiagonal-eigenvalues.ts): a packing factor's frame operator has side up to d = 1024.
 */
import { jacobiDiagonalize } from './symmetric-eigenvectors.js';
import { tridiagonalEigenvalues } from './tridiagonal-eigenvalues.js';

/** The largest side solved by Jacobi (its n³ sweeps cost ~1 s at 256, minutes at 1024). */
export const JACOBI_MAX_SIDE = 64;

/**
 * Writes the eigenvalues of the symmetric matrix A, sorted descending, into out.
 * A is copied; it is not modified.
 *
 * @param out [n] float64, written.
 * @param A [n, n] row-major, symmetric.
 * @returns out
 */
export function symmetricEigenvalues(out: Float64Array, A: Float64Array, n: number): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (A.length !== n * n) throw new RangeError(`A must have length n² = ${n * n}, got ${A.length}`);
  if (out.length !== n) throw new RangeError(`out must have length n = ${n}, got ${out.length}`);
  if (n > JACOBI_MAX_SIDE) return tridiagonalEigenvalues(out, A, n);
  return jacobiEigenvalues(out, A, n);
}

/** Cyclic Jacobi: the eigenvalues of A [n, n], sorted descending, into out. */
export function jacobiEigenvalues(out: Float64Array, A: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(A);
  jacobiDiagonalize(a, n, null);
  for (let i = 0; i < n; i++) out[i] = a[i * n + i];
  out.sort((x, y) => y - x);
  return out;
}
