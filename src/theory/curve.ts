/**
 * The loss-vs-k curve of the post's figure: ε, L, L/L(1) and dL/dk at log-spaced
 * real k in [1, kMax].
 */
import { checkModel } from './theory-model.js';
import { domainOf } from './domain.js';
import { dLossDk, epsilonAt, lossAt, normalizedLossAt } from './loss.js';
import type { TheoryModel } from './theory-model.js';

/** One point of the curve. */
export interface CurvePoint {
  k: number;
  epsilon: number;
  loss: number;
  normalizedLoss: number;
  dLossDk: number;
}

/** The most points a curve may have: a figure needs hundreds; a million is a mistake. */
export const MAX_CURVE_POINTS = 100_000;

/**
 * The curve at `points` log-spaced k from 1 to kMax (one point when kMax = 1).
 * @throws RangeError when points is not an integer in [2, MAX_CURVE_POINTS], or the domain is empty.
 */
export function lossCurve(model: TheoryModel, points = 200): CurvePoint[] {
  checkModel('lossCurve', model);
  if (!Number.isInteger(points) || points < 2) {
    throw new RangeError(`points must be an integer ≥ 2, got ${points}`);
  }
  if (points > MAX_CURVE_POINTS) {
    throw new RangeError(`points must be at most ${MAX_CURVE_POINTS}, got ${points}`);
  }
  const { kMax } = domainOf(model);
  const count = kMax === 1 ? 1 : points;
  const out: CurvePoint[] = [];
  for (let i = 0; i < count; i++) {
    // Pin the last point to kMax exactly: exp(log) can overshoot the domain.
    const k = i === count - 1 ? kMax : Math.exp((Math.log(kMax) * i) / (count - 1));
    const loss = lossAt(model, k);
    out.push({
      k,
      epsilon: epsilonAt(model, k),
      loss,
      normalizedLoss: normalizedLossAt(model, k),
      dLossDk: dLossDk(model, k),
    });
  }
  return out;
}
