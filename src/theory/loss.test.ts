import { describe, expect, it } from 'vitest';
import {
  CLOSED_FORM_RTOL,
  F64_ROUNDING,
  FD_FLOAT64_RELATIVE,
  centralDifference,
  relativeError,
} from '../test-support/tolerances.js';
import { boundNames } from './bounds/registry.js';
import { domainOf } from './domain.js';
import { dLossDk, lossAt, normalizedLossAt } from './loss.js';
import { theoryModel } from './theory-model.js';

describe('lossAt', () => {
  it("is the post's n² ℓ(ε) / (2k) and the pair count n (n/k − 1) ℓ(ε) / 2", () => {
    // welch, n = 12, d = 6, k = 2: m = 6, D = 3 → ε = 1/√5; α = 2 → ℓ = 1/5.
    const post = theoryModel({ n: 12, d: 6, alpha: 2, bound: 'welch', loss: 'post' });
    const pairs = theoryModel({ n: 12, d: 6, alpha: 2, bound: 'welch', loss: 'pairs' });
    expect(relativeError(lossAt(post, 2), (144 * 0.2) / 4)).toBeLessThan(CLOSED_FORM_RTOL);
    expect(relativeError(lossAt(pairs, 2), (12 * 5 * 0.2) / 2)).toBeLessThan(CLOSED_FORM_RTOL);
  });

  it('normalizes to 1 at k = 1', () => {
    for (const bound of boundNames()) {
      const m = theoryModel({ n: 1e5, d: 1e4, alpha: 1.2, bound });
      expect(normalizedLossAt(m, 1)).toBe(1);
    }
  });

  it('ties across k at α = 2 for Welch-saturating frames with the exact pair count', () => {
    // L(k) = n (n/k − 1)/2 · (m − D)/(D (m − 1)) = n (n − d) / (2d) for every k.
    const m = theoryModel({ n: 300, d: 60, alpha: 2, bound: 'welch', loss: 'pairs' });
    for (const k of [1, 2, 3, 5, 7.5, 30]) {
      expect(relativeError(lossAt(m, k), (300 * 240) / 120)).toBeLessThan(F64_ROUNDING);
    }
  });
});

describe('dLossDk', () => {
  it('matches central finite differences for every bound and both loss forms', () => {
    for (const bound of boundNames()) {
      for (const loss of ['post', 'pairs']) {
        for (const alpha of [0.5, 1, 2, 3.5]) {
          const m = theoryModel({ n: 1e5, d: 1e4, alpha, bound, loss });
          const { kEdge } = domainOf(m);
          for (const frac of [0.1, 0.4, 0.8]) {
            const k = 1 + frac * (kEdge - 1);
            const fd = centralDifference((x) => lossAt(m, x), k, 1e-6 * k);
            // Scale by L/k, the derivative's natural size: at α = 2 some losses are flat in k.
            const scale = lossAt(m, k) / k;
            expect(Math.abs(dLossDk(m, k) - fd) / scale).toBeLessThan(FD_FLOAT64_RELATIVE);
          }
        }
      }
    }
  });
});
