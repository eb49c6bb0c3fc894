import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.js';
import { MONTE_CARLO_SIGMAS, phaseTolerances, relativeError } from '../test-support/tolerances.js';
import { twoInOneLoss, type TwoInOneModel } from './phase-2in1-loss.js';

const RTOL = phaseTolerances.quadratureRelative;

/** The loss of one sample, by the model's definition (x' = ReLU(wᵢ (w·x) + bᵢ)). */
function sampleLoss(m: TwoInOneModel, r: number, x1: number, x2: number): number {
  const h = m.w[0] * x1 + m.w[1] * x2;
  const y1 = Math.max(0, m.w[0] * h + m.b[0]);
  const y2 = Math.max(0, m.w[1] * h + m.b[1]);
  return (x1 - y1) ** 2 + r * (x2 - y2) ** 2;
}

describe('the exact expected loss of 2 features in 1 dimension', () => {
  it.each([
    [0.1, 1],
    [1, 0.3],
    [3, 0.05],
  ])('matches hand-computed values at r = %f, p = %f', (r, p) => {
    // The unit antipodal pair, no biases: an error only when both are active, E[min(u, v)²] = 1/6.
    expect(
      relativeError(twoInOneLoss({ w: [1, -1], b: [0, 0] }, r, p), ((1 + r) * p * p) / 6),
    ).toBeLessThan(RTOL);
    // Feature 1 alone, feature 2's output the constant p/2: r Var(x2) = r (p/3 − p²/4).
    expect(
      relativeError(twoInOneLoss({ w: [1, 0], b: [0, p / 2] }, r, p), r * (p / 3 - (p * p) / 4)),
    ).toBeLessThan(RTOL);
    // Nothing represented, no biases: (1 + r) E[x²] = (1 + r) p/3.
    expect(
      relativeError(twoInOneLoss({ w: [0, 0], b: [0, 0] }, r, p), ((1 + r) * p) / 3),
    ).toBeLessThan(RTOL);
    // Feature 1 behind a bias of −1/2: p (∫₀^½ u² du + ½ · ¼) = p/6, plus r E[x2²].
    expect(
      relativeError(twoInOneLoss({ w: [1, 0], b: [-0.5, 0] }, r, p), p / 6 + (r * p) / 3),
    ).toBeLessThan(RTOL);
  });

  it('agrees with a seeded Monte Carlo estimate within its standard error', () => {
    const model: TwoInOneModel = { w: [0.9, -1.1], b: [0.05, -0.02] };
    const r = 2;
    const p = 0.4;
    const rng = new Rng(7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x1 = rng.uniform() < p ? rng.uniform() : 0;
      const x2 = rng.uniform() < p ? rng.uniform() : 0;
      const l = sampleLoss(model, r, x1, x2);
      sum += l;
      sumSq += l * l;
    }
    const mean = sum / n;
    const standardError = Math.sqrt((sumSq / n - mean * mean) / n);
    const exact = twoInOneLoss(model, r, p);
    expect(Math.abs(exact - mean)).toBeLessThan(MONTE_CARLO_SIGMAS * standardError);
    // The estimate is informative: the error bar is far smaller than the loss.
    expect(standardError).toBeLessThan(0.01 * exact);
  });

  it('refuses a density outside [0, 1] and a non-positive importance', () => {
    const m: TwoInOneModel = { w: [1, -1], b: [0, 0] };
    expect(() => twoInOneLoss(m, 1, 1.5)).toThrow(/density must lie in \[0, 1\]/);
    expect(() => twoInOneLoss(m, 0, 0.5)).toThrow(
      /relative importance must be a finite number > 0/,
    );
  });
});
