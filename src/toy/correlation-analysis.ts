/**
 * Trained toy models measured against the correlation structure of their data (Elhage
 * et al. 2022, "Superposition and correlated features"): per feature set, the
 * cosines of its columns W_i, whether they are orthogonal (correlated features: "local
 * orthogonal bases"), antipodal (anticorrelated features), or collapsed onto the set's
 * principal component, and whether the tegum factors follow the sets.
 *
 * The principal component: a correlated set of k features with activity a ~ Bernoulli(p)
 * and independent values v_i ~ U[0, 1) (x_i = a v_i) has covariance
 *   Var x_i = p/3 − p²/4,  Cov(x_i, x_j) = p/4 − p²/4  (i ≠ j),
 * so its top principal component is the uniform direction 1/√k (eigenvalue
 * Var + (k − 1) Cov) and every direction orthogonal to it has eigenvalue p/12. A model
 * that has collapsed the set onto its principal components reads the set through a
 * subspace (the row space of W restricted to the set's columns) that contains 1/√k.
 */

import type { TegumFactor } from '../geometry/tegum-factors.js';

/** Tolerances of the judgements (the tegum analysis's cosine tolerance, 0.1, by default). */
export interface CorrelationTolerances {
  /** |cos| at most this: orthogonal; cos ≤ −1 + this: antipodal; cos ≥ 1 − this: one direction. */
  cosine: number;
  /** ‖W_i‖ above this: represented. */
  norm: number;
  /** The set's principal component counts as read when this fraction of it lies in the read subspace. */
  captured: number;
}

export const CORRELATION_TOLERANCES: Readonly<CorrelationTolerances> = Object.freeze({
  cosine: 0.1,
  norm: 0.5,
  captured: 0.95,
});

/** One feature set of one instance, measured. */
export interface SetGeometry {
  kind: 'correlated' | 'anticorrelated';
  features: number[];
  /** ‖W_i‖ of each of the set's features, in set order. */
  norms: number[];
  /** cos(W_i, W_j) of each pair of the set's features (NaN where a column is zero). */
  cosines: { i: number; j: number; cos: number }[];
  /** Every feature represented and every pair |cos| ≤ tolerance. */
  orthogonal: boolean;
  /** Every feature represented and every pair cos ≤ −1 + tolerance. */
  antipodal: boolean;
  /** Directions the represented features take: features with cos ≥ 1 − tolerance share one. */
  directions: number;
  /** Fraction of the set's principal component 1/√k in the row space of W's set columns. */
  pcCaptured: number;
  /** Fewer directions than features, and the principal component read (pcCaptured ≥ tolerance). */
  collapsed: boolean;
  /** The set is exactly one tegum factor. */
  oneFactor: boolean;
  /** No tegum factor holds two of the set's features. */
  spreadAcrossFactors: boolean;
}

/**
 * Measures every set of one instance.
 * @param W [nHidden, nFeatures] row-major
 * @param factors the instance's tegum factors (src/geometry/tegum-factors.ts)
 */
export function setGeometries(
  W: ArrayLike<number>,
  nHidden: number,
  nFeatures: number,
  sets: {
    correlated?: readonly (readonly number[])[];
    anticorrelated?: readonly (readonly number[])[];
  },
  factors: readonly Pick<TegumFactor, 'features'>[],
  tolerances: CorrelationTolerances = CORRELATION_TOLERANCES,
): SetGeometry[] {
  const m = nHidden;
  const n = nFeatures;
  const col = (f: number) => Array.from({ length: m }, (_, k) => W[k * n + f]);
  const dot = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k], 0);
  const factorOf = new Map<number, number>();
  factors.forEach((f, k) => f.features.forEach((i) => factorOf.set(i, k)));
  const measure = (kind: SetGeometry['kind'], features: readonly number[]): SetGeometry => {
    const cols = features.map(col);
    const norms = cols.map((c) => Math.sqrt(dot(c, c)));
    const cosines: SetGeometry['cosines'] = [];
    for (let a = 0; a < features.length; a++) {
      for (let b = a + 1; b < features.length; b++) {
        cosines.push({
          i: features[a],
          j: features[b],
          cos: dot(cols[a], cols[b]) / (norms[a] * norms[b]),
        });
      }
    }
    const all = norms.every((x) => x > tolerances.norm);
    const represented = features.filter((_, a) => norms[a] > tolerances.norm);
    // Directions: represented features joined when cos ≥ 1 − tolerance (union-find by scan).
    const group = new Map(represented.map((f) => [f, f]));
    const root = (f: number): number => (group.get(f) === f ? f : root(group.get(f) ?? f));
    for (const c of cosines) {
      if (group.has(c.i) && group.has(c.j) && c.cos >= 1 - tolerances.cosine) {
        group.set(root(c.j), root(c.i));
      }
    }
    const directions = new Set(represented.map(root)).size;
    const pcCaptured = capturedFraction(cols, m, features.length);
    const setFactors = features.map((f) => factorOf.get(f));
    return {
      kind,
      features: [...features],
      norms,
      cosines,
      orthogonal: all && cosines.every((c) => Math.abs(c.cos) <= tolerances.cosine),
      antipodal: all && cosines.every((c) => c.cos <= -1 + tolerances.cosine),
      directions,
      pcCaptured,
      collapsed: directions < features.length && pcCaptured >= tolerances.captured,
      oneFactor:
        setFactors[0] !== undefined &&
        setFactors.every((k) => k === setFactors[0]) &&
        factors[setFactors[0]].features.length === features.length,
      spreadAcrossFactors: setFactors.every(
        (k, a) => k === undefined || setFactors.indexOf(k) === a,
      ),
    };
  };
  return [
    ...(sets.correlated ?? []).map((f) => measure('correlated', f)),
    ...(sets.anticorrelated ?? []).map((f) => measure('anticorrelated', f)),
  ];
}

/**
 * ‖P u‖² for u = 1/√k and P the projection onto the span of W's rows restricted to the
 * set (m vectors in R^k, orthonormalised by Gram–Schmidt, near-zero ones dropped).
 * @param cols the set's columns W_i [k][m]
 */
function capturedFraction(cols: number[][], m: number, k: number): number {
  const basis: number[][] = [];
  for (let r = 0; r < m; r++) {
    const v = cols.map((c) => c[r]);
    for (const q of basis) {
      const d = v.reduce((s, x, a) => s + x * q[a], 0);
      for (let a = 0; a < k; a++) v[a] -= d * q[a];
    }
    const len = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    if (len > 1e-6) basis.push(v.map((x) => x / len));
  }
  return basis.reduce((s, q) => s + q.reduce((t, x) => t + x, 0) ** 2 / k, 0);
}
