/**
 * The phase change of 3 features in 2 dimensions (Elhage et al. 2022, "Superposition
 * as a Phase Change"): features 1 and 2 of importance 1, the "extra" feature 3 of
 * importance r relative to them ("we vary its importance relative to the other
 * two and change sparsity"), all of density p = 1 − S; r from 0.1 to 10 (log) × p
 * from 1 to 0.01 (log), the 2-in-1 diagram's ranges (phase-2in1-solutions.ts; the
 * paper states none of its own here).
 *
 * The paper's four candidates, named by the direction W ignores:
 * - `drop-extra`       W ⊥ [0, 0, 1]: features 1, 2 dedicated, the extra dropped;
 * - `extra-dedicated`  W ⊥ [1, 0, 0] (or [0, 1, 0]): the extra and one other
 *   dedicated, the third dropped;
 * - `extra-antipodal`  W ⊥ [0, 1, 1] (or [1, 0, 1]): the extra in an antipodal pair
 *   with one other, the third dedicated;
 * - `others-antipodal` W ⊥ [1, 1, 0]: features 1, 2 an antipodal pair, the extra
 *   dedicated.
 * (The paper leaves out joint superposition W ⊥ [1, 1, 1]; a trained W of any
 * other shape reads `other`.) Each candidate puts its features in orthogonal
 * dimensions, so its expected loss is a sum of independent 1-dimensional terms: 0
 * for a dedicated feature, I Var(x) for a dropped one (its best bias E[x] = p/2),
 * and the 2-in-1 antipodal pair at its best scales and biases (by quadrature and
 * Nelder–Mead) for a pair. The analytic solution is the least-loss candidate's W,
 * classified as a trained W is (a pair whose best has one weight below the norm
 * threshold reads as the single-feature solution it is).
 */
import { tegumFactors } from '../geometry/tegum-factors.js';
import { bestAntipodalPair, featureVariance } from './phase-2in1-solutions.js';

/** What a 3-in-2 W holds. */
export type ThreeInTwoSolution =
  'drop-extra' | 'extra-dedicated' | 'extra-antipodal' | 'others-antipodal' | 'other';

/** The solutions, in the figures' order. */
export const THREE_IN_TWO_SOLUTIONS: readonly ThreeInTwoSolution[] = [
  'drop-extra',
  'extra-dedicated',
  'extra-antipodal',
  'others-antipodal',
  'other',
];

/** The analytic answer at one point. */
export interface ThreeInTwoAnalytic {
  relativeImportance: number;
  density: number;
  /** The least-loss candidate's W, classified as a trained W is. */
  solution: ThreeInTwoSolution;
  /** The least candidate's expected loss, summed over the 3 features. */
  loss: number;
  /** Every candidate's expected loss (summed over the features) and W ([2, 3] row-major). */
  candidates: { candidate: Exclude<ThreeInTwoSolution, 'other'>; loss: number; W: number[] }[];
}

/** W ([2, 3] row-major) from the columns of features 1, 2 and 3. */
function columns(c1: readonly number[], c2: readonly number[], c3: readonly number[]): number[] {
  return [c1[0], c2[0], c3[0], c1[1], c2[1], c3[1]];
}

/** The four candidates at their best, and the analytic solution, at (r, p). */
export function analyticThreeInTwo(
  relativeImportance: number,
  density: number,
): ThreeInTwoAnalytic {
  const r = relativeImportance;
  const p = density;
  const v = featureVariance(p);
  // The pair (feature 2, extra) with importances (1, r): the 2-in-1 pair at relative importance r.
  const extraPair = bestAntipodalPair(r, p);
  // The pair (feature 1, feature 2) with importances (1, 1).
  const othersPair = bestAntipodalPair(1, p);
  const candidates: ThreeInTwoAnalytic['candidates'] = [
    { candidate: 'drop-extra', loss: r * v, W: columns([1, 0], [0, 1], [0, 0]) },
    { candidate: 'extra-dedicated', loss: v, W: columns([0, 0], [0, 1], [1, 0]) },
    {
      candidate: 'extra-antipodal',
      loss: extraPair.loss,
      W: columns([1, 0], [0, extraPair.w[0]], [0, extraPair.w[1]]),
    },
    {
      candidate: 'others-antipodal',
      loss: othersPair.loss,
      W: columns([othersPair.w[0], 0], [othersPair.w[1], 0], [0, 1]),
    },
  ];
  let best = candidates[0];
  for (const c of candidates) if (c.loss < best.loss) best = c;
  return {
    relativeImportance: r,
    density: p,
    solution: classifyThreeInTwo(best.W),
    loss: best.loss,
    candidates,
  };
}

/** ‖W_i‖ from which a feature counts as represented (the tegum analysis's default). */
export const THREE_IN_TWO_NORM_THRESHOLD = 0.5;

/**
 * Classifies W ([nHidden = 2, nFeatures = 3], row-major; feature 3 the extra one)
 * by its tegum factors (|cos| ≤ 0.1 between factors): two dedicated features and a
 * dropped one, or a dedicated feature beside an antipodal pair (one dimension,
 * cos < 0); anything else is `other`.
 */
export function classifyThreeInTwo(
  W: ArrayLike<number>,
  normThreshold = THREE_IN_TWO_NORM_THRESHOLD,
): ThreeInTwoSolution {
  if (W.length !== 6) throw new RangeError(`a 3-in-2 W has 6 entries, got ${W.length}`);
  for (let i = 0; i < 6; i++) {
    if (!Number.isFinite(W[i])) throw new RangeError(`W must be finite, got ${W[i]} at ${i}`);
  }
  const { factors } = tegumFactors(Float32Array.from(W), 2, 3, { normThreshold });
  const sets = factors.map((f) => [...f.features].sort((a, b) => a - b));
  const dedicated = sets.filter((s, i) => s.length === 1 && factors[i].dim === 1).map((s) => s[0]);
  const pairs = sets.filter((s, i) => s.length === 2 && factors[i].dim === 1);
  const antipodal = (s: number[]) => W[s[0]] * W[s[1]] + W[3 + s[0]] * W[3 + s[1]] < 0;
  if (factors.length === 2 && dedicated.length === 2) {
    return dedicated.includes(2) ? 'extra-dedicated' : 'drop-extra';
  }
  if (factors.length === 2 && dedicated.length === 1 && pairs.length === 1 && antipodal(pairs[0])) {
    return pairs[0].includes(2) ? 'extra-antipodal' : 'others-antipodal';
  }
  return 'other';
}
