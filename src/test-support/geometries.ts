/**
 * Constructed feature geometries with exactly known metrics, for tests of the
 * geometry and packing code. Each returns columns (unit vectors unless said) as
 * a float64 matrix [dim, count], row-major, feature j in column j.
 */

import { Rng } from '../core/rng.js';

/** A matrix with its shape. */
export interface Columns {
  W: Float64Array;
  nHidden: number;
  nFeatures: number;
}

function fromVectors(vectors: number[][], dim: number): Columns {
  const n = vectors.length;
  const W = new Float64Array(dim * n);
  vectors.forEach((v, j) => v.forEach((x, h) => (W[h * n + j] = x)));
  return { W, nHidden: dim, nFeatures: n };
}

/** The regular n-gon in R²: D_i = 2/n for n ≥ 3. */
export function regularPolygon(n: number): Columns {
  return fromVectors(
    Array.from({ length: n }, (_, k) => [
      Math.cos((2 * Math.PI * k) / n),
      Math.sin((2 * Math.PI * k) / n),
    ]),
    2,
  );
}

/** ±1 in R¹: D_i = 1/2. */
export function antipodalPair(): Columns {
  return fromVectors([[1], [-1]], 1);
}

/** The regular tetrahedron in R³ (cos = −1/3): D_i = 3/4. */
export function tetrahedron(): Columns {
  const s = 1 / Math.sqrt(3);
  return fromVectors(
    [
      [s, s, s],
      [s, -s, -s],
      [-s, s, -s],
      [-s, -s, s],
    ],
    3,
  );
}

/**
 * The square antiprism in R³: two squares at heights ±1/√3, the upper turned by
 * 45°. That height makes the eight unit vectors a tight frame, so D_i = 3/8.
 */
export function squareAntiprism(): Columns {
  const h = 1 / Math.sqrt(3);
  const r = Math.sqrt(2 / 3);
  const v: number[][] = [];
  for (let k = 0; k < 4; k++) {
    const a = (Math.PI / 2) * k;
    v.push([r * Math.cos(a), r * Math.sin(a), -h]);
    v.push([r * Math.cos(a + Math.PI / 4), r * Math.sin(a + Math.PI / 4), h]);
  }
  return fromVectors(v, 3);
}

/**
 * A harmonic unit-norm tight frame of n vectors in R^m (m even, m < n): vector k
 * has coordinates √(2/m) (cos 2πkj/n, sin 2πkj/n) for j = 1 … m/2. D_i = m/n.
 */
export function harmonicFrame(n: number, m: number): Columns {
  if (m % 2 !== 0 || m >= n) throw new RangeError('harmonicFrame needs m even and m < n');
  const c = Math.sqrt(2 / m);
  return fromVectors(
    Array.from({ length: n }, (_, k) => {
      const v: number[] = [];
      for (let j = 1; j <= m / 2; j++) {
        v.push(c * Math.cos((2 * Math.PI * k * j) / n), c * Math.sin((2 * Math.PI * k * j) / n));
      }
      return v;
    }),
    m,
  );
}

/** The identity: m dedicated features in R^m. */
export function dedicated(m: number): Columns {
  return fromVectors(
    Array.from({ length: m }, (_, j) => Array.from({ length: m }, (_, h) => (h === j ? 1 : 0))),
    m,
  );
}

/**
 * The tegum (direct) sum of blocks: block b occupies its own coordinates, so
 * features of different blocks are orthogonal. `zeros` unrepresented (zero)
 * features are appended.
 */
export function tegumSum(blocks: Columns[], zeros = 0): Columns {
  const m = blocks.reduce((s, b) => s + b.nHidden, 0);
  const n = blocks.reduce((s, b) => s + b.nFeatures, 0) + zeros;
  const W = new Float64Array(m * n);
  let h0 = 0;
  let j0 = 0;
  for (const b of blocks) {
    for (let h = 0; h < b.nHidden; h++) {
      for (let j = 0; j < b.nFeatures; j++) W[(h0 + h) * n + j0 + j] = b.W[h * b.nFeatures + j];
    }
    h0 += b.nHidden;
    j0 += b.nFeatures;
  }
  return { W, nHidden: m, nFeatures: n };
}

/** A random orthogonal matrix [m, m] (Gram–Schmidt on Gaussian columns). */
export function randomOrthogonal(m: number, rng: Rng): Float64Array {
  const Q = new Float64Array(m * m);
  for (let c = 0; c < m; c++) {
    const v = Array.from({ length: m }, () => rng.normal());
    for (let p = 0; p < c; p++) {
      let d = 0;
      for (let h = 0; h < m; h++) d += v[h] * Q[h * m + p];
      for (let h = 0; h < m; h++) v[h] -= d * Q[h * m + p];
    }
    const norm = Math.hypot(...v);
    for (let h = 0; h < m; h++) Q[h * m + c] = v[h] / norm;
  }
  return Q;
}

/** Q W: the same geometry in rotated coordinates (every metric is invariant). */
export function rotate(cols: Columns, rng: Rng): Columns {
  const { W, nHidden: m, nFeatures: n } = cols;
  const Q = randomOrthogonal(m, rng);
  const out = new Float64Array(m * n);
  for (let a = 0; a < m; a++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let h = 0; h < m; h++) s += Q[a * m + h] * W[h * n + j];
      out[a * n + j] = s;
    }
  }
  return { W: out, nHidden: m, nFeatures: n };
}
