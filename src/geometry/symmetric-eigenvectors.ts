/**
 * Eigenvalues and eigenvectors of a small real symmetric matrix by the cyclic Jacobi
 * method with the rotations accumulated (Golub & Van Loan, "Matrix Computations" 4th ed.,
 * §8.5.2; rotation formulas as in Numerical Recipes 3rd ed. §11.1). The factor-neuron
 * alignment (./factor-neuron-alignment.ts) needs a factor's subspace, not only its rank;
 * its matrices have side ≤ min(factor size, nHidden), a few to a few dozen in the toy
 * models. Each sweep costs O(n³); expect ~10 sweeps.
 */

/**
 * Writes the eigenvalues of the symmetric matrix A, sorted descending, into `values`, and
 * the matching unit eigenvectors into the columns of `vectors` (column j belongs to
 * values[j]). A is copied; it is not modified.
 *
 * @param values [n] float64, written.
 * @param vectors [n, n] row-major float64, written; column j is the j-th eigenvector.
 * @param A [n, n] row-major, symmetric.
 * @returns values
 * @throws RangeError when a length does not match n.
 */
export function symmetricEigenvectors(
  values: Float64Array,
  vectors: Float64Array,
  A: ArrayLike<number>,
  n: number,
): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (A.length !== n * n) throw new RangeError(`A must have length n² = ${n * n}, got ${A.length}`);
  if (values.length !== n)
    throw new RangeError(`values must have length n = ${n}, got ${values.length}`);
  if (vectors.length !== n * n)
    throw new RangeError(`vectors must have length n² = ${n * n}, got ${vectors.length}`);
  const a = Float64Array.from(A);
  const v = new Float64Array(n * n); // [n, n] accumulated rotations, columns the eigenvectors
  for (let k = 0; k < n; k++) v[k * n + k] = 1;
  jacobiDiagonalize(a, n, v);
  const order = Array.from({ length: n }, (_, j) => j).sort(
    (x, y) => a[y * n + y] - a[x * n + x] || x - y,
  );
  for (let j = 0; j < n; j++) {
    const src = order[j];
    values[j] = a[src * n + src];
    for (let k = 0; k < n; k++) vectors[k * n + j] = v[k * n + src];
  }
  return values;
}

/**
 * Cyclic Jacobi in place: rotates the symmetric a [n, n] until its off-diagonal part
 * vanishes (its diagonal then holds the eigenvalues, unsorted) and, when `v` is given,
 * accumulates the rotations into it (V ← V J: start from the identity for eigenvectors).
 */
export function jacobiDiagonalize(a: Float64Array, n: number, v: Float64Array | null): void {
  let scale = 0;
  for (let k = 0; k < a.length; k++) scale = Math.max(scale, Math.abs(a[k]));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off <= (1e-30 * scale) ** 2 * n * n || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A ← Jᵀ A J (and V ← V J), J the rotation in the (p, q) plane that zeroes a[p, q].
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        if (v === null) continue;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
}
