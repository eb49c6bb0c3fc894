/**
 * Tegum factors (docs/ARCHITECTURE.md §4; the seed post; Elhage et al. 2022, §"Feature
 * Dimensionality" on tegum products). Among represented features
 * (‖W_i‖ > normThreshold), join i and j when |Ŵ_i · Ŵ_j| > cosineTolerance; the
 * connected components are the factors — mutually orthogonal groups of
 * features — and k is their number. A factor's dimension is the numerical rank
 * of its (unit) columns. Labels name the factors the paper draws:
 * 1/1 dedicated, 2/1 antipodal pair, 3/2 triangle, 4/3 tetrahedron,
 * 5/2 pentagon, 8/3 square antiprism; otherwise "f in r dims".
 */

import { checkInteger } from '../core/check-args.js';
import { checkWeights, type Weights } from './check-weights.js';
import { columnGram } from './column-gram.js';
import { numericalRank } from './numerical-rank.js';

/** Thresholds of the factor analysis. */
export interface TegumOptions {
  /** A feature is represented when ‖W_i‖ exceeds this. Default 0.5. */
  normThreshold?: number;
  /** Features i, j share a factor when |cos θ_ij| exceeds this. Default 0.1. */
  cosineTolerance?: number;
  /** Singular values at or below rankTolerance · σ_max do not count toward a factor's dimension. Default 0.1. */
  rankTolerance?: number;
}

/** One tegum factor: a group of represented features orthogonal to all others. */
export interface TegumFactor {
  /** Feature indices, ascending. */
  features: number[];
  /** features.length. */
  size: number;
  /** Numerical rank of the factor's unit columns. */
  dim: number;
  /** A name for (size, dim): "triangle", "pentagon", …, or "f in r dims". */
  label: string;
}

/** The tegum-factor decomposition of one weight matrix. */
export interface TegumDecomposition {
  /** Number of factors. */
  k: number;
  /** Factors ordered by their least feature index. */
  factors: TegumFactor[];
  /** Indices of the represented features, ascending. */
  represented: number[];
}

const NAMED: Record<string, string> = {
  '1/1': 'dedicated',
  '2/1': 'antipodal pair',
  '3/2': 'triangle',
  '4/3': 'tetrahedron',
  '5/2': 'pentagon',
  '8/3': 'square antiprism',
};

/** The label of a factor of `size` features in `dim` dimensions. */
export function tegumLabel(size: number, dim: number): string {
  checkInteger('tegumLabel', 'size', size, 0);
  checkInteger('tegumLabel', 'dim', dim, 0);
  return NAMED[`${size}/${dim}`] ?? `${size} in ${dim} dims`;
}

/** The defaults of {@link TegumOptions}. */
export const TEGUM_DEFAULTS: Readonly<Required<TegumOptions>> = Object.freeze({
  normThreshold: 0.5,
  cosineTolerance: 0.1,
  rankTolerance: 0.1,
});

/**
 * Finds the tegum factors of W.
 *
 * @param W [nHidden, nFeatures] row-major, feature i in column i.
 * @param options thresholds; see {@link TegumOptions} for defaults.
 */
export function tegumFactors(
  W: Weights,
  nHidden: number,
  nFeatures: number,
  options: TegumOptions = {},
): TegumDecomposition {
  checkWeights(W, nHidden, nFeatures);
  const { normThreshold, cosineTolerance, rankTolerance } = { ...TEGUM_DEFAULTS, ...options };
  if (!(normThreshold >= 0) || !Number.isFinite(normThreshold)) {
    throw new RangeError(`normThreshold must be a finite number ≥ 0, got ${normThreshold}`);
  }
  if (!(cosineTolerance >= 0 && cosineTolerance < 1)) {
    throw new RangeError(`cosineTolerance must lie in [0, 1), got ${cosineTolerance}`);
  }
  if (!(rankTolerance > 0 && rankTolerance < 1)) {
    throw new RangeError(`rankTolerance must lie in (0, 1), got ${rankTolerance}`);
  }

  const norms = new Float64Array(nFeatures);
  for (let h = 0; h < nHidden; h++) {
    for (let i = 0; i < nFeatures; i++) norms[i] += W[h * nFeatures + i] ** 2;
  }
  const represented: number[] = [];
  for (let i = 0; i < nFeatures; i++) {
    norms[i] = Math.sqrt(norms[i]);
    // A zero column has no direction, whatever the threshold.
    if (norms[i] > normThreshold && norms[i] > 0) represented.push(i);
  }

  // Union–find over represented features, by index into `represented`.
  const r = represented.length;
  const parent = Array.from({ length: r }, (_, a) => a);
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]];
    return a;
  };
  const dots = columnGram(W, nHidden, nFeatures, represented); // [r, r]
  for (let a = 0; a < r; a++) {
    const i = represented[a];
    for (let c = a + 1; c < r; c++) {
      const j = represented[c];
      if (Math.abs(dots[a * r + c]) > cosineTolerance * norms[i] * norms[j]) {
        const ra = find(a);
        const rc = find(c);
        if (ra !== rc) parent[Math.max(ra, rc)] = Math.min(ra, rc);
      }
    }
  }

  const groups = new Map<number, number[]>();
  for (let a = 0; a < r; a++) {
    const root = find(a);
    const g = groups.get(root);
    if (g) g.push(represented[a]);
    else groups.set(root, [represented[a]]);
  }
  const factors: TegumFactor[] = [...groups.values()]
    .sort((x, y) => x[0] - y[0])
    .map((features) => {
      const dim = numericalRank(W, nHidden, nFeatures, features, rankTolerance);
      return { features, size: features.length, dim, label: tegumLabel(features.length, dim) };
    });
  return { k: factors.length, factors, represented };
}
