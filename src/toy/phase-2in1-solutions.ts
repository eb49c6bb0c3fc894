/**
 * The phase change of Elhage et al. 2022 (section "Superposition as a Phase
 * Change"), in its smallest case, as the paper sets it up: 2 features in 1 hidden
 * dimension, ReLU output, x_i = 0 with probability S else U[0, 1], independently.
 * "The first feature has an importance of 1.0. On one axis, we vary the importance
 * of the 2nd 'extra' feature from 0.1 to 10. On the other axis, we vary the
 * sparsity of all features": both features share the density p = 1 − S, from 1 to
 * 0.01 (log); feature 2's importance r, relative to feature 1's, from 0.1 to 10
 * (log). The paper trains ten models per point and averages them, dropping the
 * worst; tegum keeps the best seed by loss. Its three phases, named
 * here by what W holds: `feature1` (the extra feature not learned), `feature2`
 * (the extra feature takes the one dimension) and `antipodal` (both, as an
 * antipodal pair: superposition).
 *
 * The analytic diagram compares the exact expected loss (phase-2in1-loss.ts, by
 * quadrature) of the three candidates, each at its best:
 * - feature i alone: w_i² = 1, b_i = 0 reconstructs x_i exactly; the other
 *   feature's output is the constant ReLU(b_j), best at b_j = E[x_j] = p/2, so
 *   the loss is I_j Var(x_j) = I_j (p/3 − p²/4) — closed form, no search.
 * - the antipodal pair w = (a1, −a2), a1, a2 > 0: no closed form; the best
 *   scales and biases by Nelder–Mead over (ln a1, ln a2, b1, b2) from a few
 *   starts. (The paper's candidates are W = [1, 0], [0, 1] and [1, −1]; it notes
 *   that the optimal configuration changes "in magnitude and superposition", so
 *   the scales are optimised here too. The unit pair with zero biases has loss
 *   (1 + r) p²/6, which puts its boundary at p = 4r/(2 + 5r) for r ≤ 1; the best
 *   pair does better.)
 * The analytic solution is the least-loss candidate's W, classified by the same
 * rule as a trained W (so a "pair" whose best has one weight below the norm
 * threshold counts as that single feature).
 */
import { nelderMead } from '../core/nelder-mead.js';
import { twoInOneLoss, type TwoInOneModel } from './phase-2in1-loss.js';

/** What a 2-in-1 W holds. */
export type TwoInOneSolution = 'feature1' | 'feature2' | 'antipodal' | 'other';

/** The solutions, in the figures' order. */
export const TWO_IN_ONE_SOLUTIONS: readonly TwoInOneSolution[] = [
  'feature1',
  'feature2',
  'antipodal',
  'other',
];

/** ‖W_i‖ from which feature i counts as represented (the tegum analysis's default). */
export const TWO_IN_ONE_NORM_THRESHOLD = 0.5;

/**
 * Classifies W = (w1, w2) ([nHidden = 1, nFeatures = 2]): a feature is
 * represented when |w_i| ≥ `normThreshold`; one represented feature is
 * `feature1` or `feature2`, two of opposite signs `antipodal`, anything else
 * (two of the same sign, or none) `other`.
 */
export function classifyTwoInOne(
  w: ArrayLike<number>,
  normThreshold = TWO_IN_ONE_NORM_THRESHOLD,
): TwoInOneSolution {
  if (w.length !== 2) throw new RangeError(`a 2-in-1 W has 2 entries, got ${w.length}`);
  const [w1, w2] = [w[0], w[1]];
  if (!Number.isFinite(w1) || !Number.isFinite(w2)) {
    throw new RangeError(`W must be finite, got (${w1}, ${w2})`);
  }
  const has1 = Math.abs(w1) >= normThreshold;
  const has2 = Math.abs(w2) >= normThreshold;
  if (has1 && !has2) return 'feature1';
  if (has2 && !has1) return 'feature2';
  if (has1 && has2 && w1 * w2 < 0) return 'antipodal';
  return 'other';
}

/** One candidate at its best. */
export interface TwoInOneCandidate extends TwoInOneModel {
  candidate: 'feature1' | 'feature2' | 'antipodal';
  loss: number;
}

/** The analytic answer at one point of the diagram. */
export interface TwoInOneAnalytic {
  relativeImportance: number;
  density: number;
  /** The least-loss candidate's W, classified. */
  solution: TwoInOneSolution;
  loss: number;
  candidates: TwoInOneCandidate[];
}

/** Var(x) = p/3 − p²/4 for x = 0 w.p. 1 − p else U[0, 1]. */
export function featureVariance(p: number): number {
  return p / 3 - (p * p) / 4;
}

// Starts of the pair's search in (ln a1, ln a2, b1, b2): the paper's unit pair,
// and pairs leaning to either feature with a bias on the weaker one.
const PAIR_STARTS: readonly (readonly number[])[] = [
  [0, 0, 0, 0],
  [0, -1, 0, 0.3],
  [-1, 0, 0.3, 0],
];

/** The best antipodal pair w = (a1, −a2) with its best biases, at (r, p). */
export function bestAntipodalPair(r: number, p: number): TwoInOneCandidate {
  const model = (x: readonly number[]): TwoInOneModel => ({
    w: [Math.exp(x[0]), -Math.exp(x[1])],
    b: [x[2], x[3]],
  });
  const f = (x: readonly number[]) => twoInOneLoss(model(x), r, p);
  let best = { x: PAIR_STARTS[0] as readonly number[], f: Infinity };
  for (const start of PAIR_STARTS) {
    const found = nelderMead(f, start, { step: 0.3, fTol: 1e-14, xTol: 1e-7 });
    if (found.f < best.f) best = found;
  }
  return { candidate: 'antipodal', ...model(best.x), loss: best.f };
}

/** The three candidates at their best, and the analytic solution, at (r, p). */
export function analyticTwoInOne(
  relativeImportance: number,
  density: number,
  normThreshold = TWO_IN_ONE_NORM_THRESHOLD,
): TwoInOneAnalytic {
  const r = relativeImportance;
  const p = density;
  const half = p / 2;
  const candidates: TwoInOneCandidate[] = [
    { candidate: 'feature1', w: [1, 0], b: [0, half], loss: r * featureVariance(p) },
    { candidate: 'feature2', w: [0, 1], b: [half, 0], loss: featureVariance(p) },
    bestAntipodalPair(r, p),
  ];
  let best = candidates[0];
  for (const c of candidates) if (c.loss < best.loss) best = c;
  return {
    relativeImportance: r,
    density: p,
    solution: classifyTwoInOne(best.w, normThreshold),
    loss: best.loss,
    candidates,
  };
}
