/**
 * Eigenvalues of a real symmetric matrix in O(n³) with a small constant, for the large
 * frame operators of the packing experiments (side up to d = 1024, where cyclic Jacobi
 * takes minutes): Householder reduction to tridiagonal form (Golub & Van Loan, "Matrix
 * Computations" 4th ed., §8.3.1, Algorithm 8.3.1), then the implicit QL iteration with
 * Wilkinson's shift on the tridiagonal matrix (the QR step of §8.3.3 applied from the
 * bottom; Wilkinson & Reinsch, "Handbook for Automatic Computation II", contribution
 * II/4, tql1). Both are backward stable: each eigenvalue is exact for a matrix within
 * a few ulps of ‖A‖ of the input, which is what a numerical rank needs.
 *
 * The reduction keeps the whole symmetric matrix and updates it by rows
 * (A ← A − u qᵀ − q uᵀ), so every inner loop walks contiguous memory.
 */

/**
 * Reduces the symmetric a [n, n] (overwritten) to tridiagonal form: diagonal into `diag`,
 * sub-diagonal into `off` (off[i] couples i and i + 1; off[n − 1] = 0).
 */
function householderTridiagonal(a: Float64Array, n: number, diag: Float64Array, off: Float64Array) {
  const q = new Float64Array(n);
  for (let i = n - 1; i > 0; i--) {
    const l = i - 1; // the Householder vector u lives in row i, columns 0..l
    const ri = i * n;
    let scale = 0;
    for (let k = 0; k <= l; k++) scale += Math.abs(a[ri + k]);
    if (l === 0 || scale === 0) {
      off[l] = a[ri + l];
      continue;
    }
    let h = 0;
    for (let k = 0; k <= l; k++) {
      a[ri + k] /= scale;
      h += a[ri + k] * a[ri + k];
    }
    const f = a[ri + l];
    const g = f >= 0 ? -Math.sqrt(h) : Math.sqrt(h);
    off[l] = scale * g;
    h -= f * g; // h = uᵀu / 2
    a[ri + l] = f - g; // u = x − g e_l (scaled)
    // p = A u / h (A: the leading (l+1) block), K = uᵀp / 2h, q = p − K u.
    let K = 0;
    for (let j = 0; j <= l; j++) {
      const rj = j * n;
      let s = 0;
      for (let k = 0; k <= l; k++) s += a[rj + k] * a[ri + k];
      q[j] = s / h;
      K += q[j] * a[ri + j];
    }
    K /= h + h;
    for (let j = 0; j <= l; j++) q[j] -= K * a[ri + j];
    // A ← A − u qᵀ − q uᵀ on the leading block, row by row (it stays symmetric).
    for (let j = 0; j <= l; j++) {
      const rj = j * n;
      const uj = a[ri + j];
      const qj = q[j];
      for (let k = 0; k <= l; k++) a[rj + k] -= uj * q[k] + qj * a[ri + k];
    }
  }
  for (let i = 0; i < n; i++) diag[i] = a[i * n + i];
  off[n - 1] = 0;
}

/** Overwrites `diag` with the eigenvalues of the tridiagonal (diag, off); `off` is destroyed. */
function implicitQL(diag: Float64Array, off: Float64Array, n: number): void {
  for (let l = 0; l < n; l++) {
    for (let iteration = 0; ; iteration++) {
      // The first negligible coupling at or below l closes the block [l, m].
      let m = l;
      for (; m < n - 1; m++) {
        const size = Math.abs(diag[m]) + Math.abs(diag[m + 1]);
        if (Math.abs(off[m]) <= Number.EPSILON * size) break;
      }
      if (m === l) break;
      if (iteration === 60) throw new Error('implicitQL: no convergence in 60 iterations');
      // Wilkinson's shift: the eigenvalue of the top 2 × 2 block nearer diag[l].
      let g = (diag[l + 1] - diag[l]) / (2 * off[l]);
      let r = Math.hypot(g, 1);
      g = diag[m] - diag[l] + off[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        // A plane rotation in (i, i + 1) chases the bulge up from m to l.
        const f = s * off[i];
        const b = c * off[i];
        r = Math.hypot(f, g);
        off[i + 1] = r;
        if (r === 0) {
          // Underflow: the block splits here; recover and restart the search.
          diag[i + 1] -= p;
          off[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = diag[i + 1] - p;
        r = (diag[i] - g) * s + 2 * c * b;
        p = s * r;
        diag[i + 1] = g + p;
        g = c * r - b;
      }
      if (r === 0 && i >= l) continue;
      diag[l] -= p;
      off[l] = g;
      off[m] = 0;
    }
  }
}

/**
 * Writes the eigenvalues of the symmetric matrix A [n, n] (row-major; copied, not
 * modified), sorted descending, into out [n]; returns out.
 */
export function tridiagonalEigenvalues(
  out: Float64Array,
  A: Float64Array,
  n: number,
): Float64Array {
  const a = Float64Array.from(A);
  const off = new Float64Array(n);
  householderTridiagonal(a, n, out, off);
  implicitQL(out, off, n);
  out.sort((x, y) => y - x);
  return out;
}
