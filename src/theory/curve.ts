/**
 * The loss-vs-k curve of the post's figure: ε, L, L/L(1) and dL/dk at log-spaced
 * real k in [1, kMax].
 */
import { domainOf } from './domain.js';
import { dLossDk, epsilonAt, lossAt } from './loss.js';
import type { TheoryModel } from './theory-model.js';

/** One point of the curve. */
export interface CurvePoint {
  k: number;
  epsilon: number;
  loss: number;
  normalizedLoss: number;
  dLossDk: number;
}

/**
 * The curve at `points` log-spaced k from 1 to kMax (one point when kMax = 1).
 * @throws RangeError when points is not an integer ≥ 2, or the domain is empty.
 */
export function lossCurve(model: TheoryModel, points = 200): CurvePoint[] {
  if (!Number.isInteger(points) || points < 2) {
    throw new RangeError(`points must be an integer ≥ 2, got ${points}`);
  }
  const { kMax } = domainOf(model);
  const L1 = lossAt(model, 1);
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
      normalizedLoss: loss / L1,
      dLossDk: dLossDk(model, k),
    });
  }
  return out;
}
