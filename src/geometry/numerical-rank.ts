/**
 * Numerical rank of a set of columns of W: the number of singular values above
 * rankTolerance · σ_max (the usual relative-threshold rank, Golub & Van Loan
 * §2.4.8). Singular values come from the eigenvalues of the smaller of the two
 * Gram matrices (σ² = λ), so the cost is that of a matrix of side
 * min(#columns, nHidden).
 */

import { checkDims, checkFinite, checkInteger } from '../core/check-args.js';
import type { Weights } from './check-weights.js';
import { columnFrame, columnGram } from './column-gram.js';
import { symmetricEigenvalues } from './symmetric-eigenvalues.js';

/**
 * The numerical rank of the columns `columns` of W, each first scaled to unit
 * norm (so the rank is a property of the directions, not of the norms).
 *
 * @param W [nHidden, nFeatures] row-major; the chosen columns must be non-zero.
 * @param columns feature indices, distinct.
 * @param rankTolerance relative singular-value threshold in (0, 1).
 */
export function numericalRank(
  W: Weights,
  nHidden: number,
  nFeatures: number,
  columns: readonly number[],
  rankTolerance: number,
): number {
  checkDims('numericalRank', { nHidden, nFeatures });
  if (!Array.isArray(columns))
    throw new RangeError('numericalRank: columns must be an array of feature indices');
  for (const c of columns) checkInteger('numericalRank', 'columns[]', c, 0, nFeatures - 1);
  checkFinite('numericalRank', 'rankTolerance', rankTolerance, Number.MIN_VALUE, 1);
  if (
    W === null ||
    typeof W !== 'object' ||
    (W as ArrayLike<number>).length !== nHidden * nFeatures
  ) {
    throw new RangeError(
      `numericalRank: W must hold nHidden · nFeatures = ${nHidden * nFeatures} entries`,
    );
  }
  const f = columns.length;
  if (f === 0) return 0;
  const inv = columns.map((i) => {
    let s = 0;
    for (let h = 0; h < nHidden; h++) s += W[h * nFeatures + i] ** 2;
    return 1 / Math.sqrt(s);
  });
  const side = Math.min(f, nHidden);
  // [f, f] Gram of the unit columns, or the [nHidden, nHidden] frame operator: same σ².
  const G =
    f <= nHidden
      ? Float64Array.from(columnGram(W, nHidden, nFeatures, columns, inv))
      : columnFrame(W, nHidden, nFeatures, columns, inv);
  const lambda = symmetricEigenvalues(new Float64Array(side), G, side);
  const cut = rankTolerance * rankTolerance * lambda[0];
  let rank = 0;
  for (let k = 0; k < side; k++) if (lambda[k] > cut) rank++;
  return rank;
}
