/**
 * The exact expected loss of Elhage et al. 2022's ReLU-output toy model with
 * 2 features in 1 hidden dimension (section "The Phase Change"), for any weights
 * w = (w1, w2) ([nHidden = 1, nFeatures = 2]) and biases b = (b1, b2):
 *
 *   L(w, b) = Σ_i I_i E[(x_i − ReLU(w_i (w1 x1 + w2 x2) + b_i))²],
 *
 * x_i independent, 0 with probability 1 − p (p the density 1 − S), else U[0, 1].
 * Each term is E[(u − ReLU(A u + B v + c))²] over the data, with A = w_i²,
 * B = w_i w_j, c = b_i: the mixture splits it into the (0, 0) point, two
 * one-active lines and the both-active square; every piece is a piecewise
 * polynomial with kinks where A u + B v + c = 0, and Gauss–Legendre on each
 * polynomial piece integrates it exactly (to rounding). Not trained, not sampled.
 */
import { integratePieces } from '../core/gauss-legendre.js';

/** Points per polynomial piece: the pieces are at most cubic; 3 points are exact to degree 5. */
const ORDER = 3;

/** E[(u − ReLU(A u + B v + c))²] for u, v independent, each 0 w.p. 1 − p else U[0, 1]. */
export function reluTermExpectation(A: number, B: number, c: number, p: number): number {
  const g = (u: number, v: number) => {
    const r = A * u + B * v + c;
    const d = u - (r > 0 ? r : 0);
    return d * d;
  };
  // The kink in u at fixed v, and the v where it crosses u = 0 and u = 1.
  const kinkU = (v: number) => (A !== 0 ? [-(B * v + c) / A] : []);
  const kinksV = B !== 0 ? [-c / B, -(A + c) / B] : [];
  const q = 1 - p;
  const none = g(0, 0);
  const onlyU = integratePieces((u) => g(u, 0), 0, 1, kinkU(0), ORDER);
  const onlyV = integratePieces((v) => g(0, v), 0, 1, B !== 0 ? [-c / B] : [], ORDER);
  const both = integratePieces(
    (v) => integratePieces((u) => g(u, v), 0, 1, kinkU(v), ORDER),
    0,
    1,
    kinksV,
    ORDER,
  );
  return q * q * none + p * q * (onlyU + onlyV) + p * p * both;
}

/** The 2-in-1 model's weights and biases. */
export interface TwoInOneModel {
  /** [2] W as [nHidden = 1, nFeatures = 2]. */
  w: readonly [number, number];
  /** [2] */
  b: readonly [number, number];
}

/**
 * The expected loss of the 2-in-1 model at density p with importances (1, r):
 * feature 1 has importance 1, feature 2 (the one whose relative importance
 * varies) importance r.
 */
export function twoInOneLoss(model: TwoInOneModel, r: number, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`density must lie in [0, 1], got ${p}`);
  if (!(r > 0) || !Number.isFinite(r)) {
    throw new RangeError(`relative importance must be a finite number > 0, got ${r}`);
  }
  const [w1, w2] = model.w;
  const [b1, b2] = model.b;
  return (
    reluTermExpectation(w1 * w1, w1 * w2, b1, p) + r * reluTermExpectation(w2 * w2, w1 * w2, b2, p)
  );
}
