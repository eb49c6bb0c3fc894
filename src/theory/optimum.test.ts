import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { F64_DIGITS, SOLVER_ATOL, SQRT_EPS_LOCATION } from '../test-support/tolerances.js';
import { domainOf } from './domain.js';
import { lossCurve } from './curve.js';
import { dLossDk, logLossAt, lossAt } from './loss.js';
import { EXHAUSTIVE_K_LIMIT, goldenSection, optimum } from './optimum.js';
import { theoryModel } from './theory-model.js';

const post = (alpha: number) => theoryModel({ n: 1e5, d: 1e4, alpha });

describe('optimum', () => {
  it("finds the post's interior minima for α ≤ 2 (n = 1e5, d = 1e4, jl-cubic)", () => {
    for (const alpha of [0.5, 1, 1.5, 2]) {
      const o = optimum(post(alpha));
      expect(o.interior).toBe(true);
      expect(o.kStar).toBeGreaterThan(1);
      expect(o.kStar).toBeLessThan(o.kMax);
    }
  });

  it('puts the α = 0.5 minimum "just barely" inside the domain, and moves minima left as α rises', () => {
    const ks = [0.5, 1, 1.5, 2].map((a) => optimum(post(a)).kStar);
    const { kMax } = domainOf(post(0.5));
    expect(kMax - ks[0]).toBeLessThanOrEqual(2);
    for (let i = 1; i < ks.length; i++) expect(ks[i]).toBeLessThan(ks[i - 1]);
  });

  it('has k* = 1 above the transition', () => {
    expect(optimum(post(2.5)).kStar).toBe(1);
    expect(optimum(post(4)).lossRatio).toBe(1);
  });

  it('picks the integer of least loss, found by brute force', () => {
    const m = post(1.7);
    const o = optimum(m);
    for (let k = 1; k <= o.kMax; k++) expect(lossAt(m, k)).toBeGreaterThanOrEqual(o.loss);
    expect(o.lossRatio).toBeCloseTo(o.loss / lossAt(m, 1), F64_DIGITS);
  });

  it('places the continuous minimizer where dL/dk = 0 for an interior optimum', () => {
    const m = post(1.5);
    const o = optimum(m);
    expect(Math.abs(o.kStarContinuous - o.kStar)).toBeLessThan(1);
    const scale = Math.abs(dLossDk(m, 1));
    expect(Math.abs(dLossDk(m, o.kStarContinuous)) / scale).toBeLessThan(SQRT_EPS_LOCATION);
  });

  it('says the domain is empty rather than returning NaN', () => {
    expect(() => optimum(theoryModel({ n: 1e6, d: 10, alpha: 1 }))).toThrow(/domain is empty/);
  });

  it('never lets k* rise as α rises (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 3.5, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.constantFrom(2, 5, 10),
        (alpha, step, ratio) => {
          const d = 2000;
          const a = optimum(theoryModel({ n: ratio * d, d, alpha }));
          const b = optimum(theoryModel({ n: ratio * d, d, alpha: alpha + step }));
          expect(b.kStar).toBeLessThanOrEqual(a.kStar);
        },
      ),
      { seed: 4, numRuns: 50 },
    );
  });
});

describe('goldenSection', () => {
  it('minimizes a parabola and keeps a boundary minimum', () => {
    expect(Math.abs(goldenSection((x) => (x - 2.3) ** 2, 0, 5) - 2.3)).toBeLessThan(
      SQRT_EPS_LOCATION,
    );
    expect(goldenSection((x) => x, 1, 4)).toBeCloseTo(1, SOLVER_ATOL > 0 ? 8 : 0);
  });
});

describe('optimum at the extremes', () => {
  it('finds the same k* by its bracketed search as a scan of every integer, past the exhaustive limit', () => {
    for (const alpha of [0.6, 1, 1.5]) {
      const m = theoryModel({ n: 1e8, d: 3e7, alpha });
      const o = optimum(m);
      expect(o.kMax).toBeGreaterThan(EXHAUSTIVE_K_LIMIT);
      let best = 1;
      for (let k = 2; k <= o.kMax; k++) if (logLossAt(m, k) < logLossAt(m, best)) best = k;
      expect(o.kStar).toBe(best);
    }
  });

  it('answers for n = 1e13 without scanning billions of k', () => {
    const started = performance.now();
    const o = optimum(theoryModel({ n: 1e13, d: 1e12, alpha: 1 }));
    expect(o.kMax).toBeGreaterThan(1e9);
    expect(o.interior).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('keeps lossRatio and the curve finite where ε^α underflows (α = 800, 1000)', () => {
    const m = theoryModel({ n: 1000, d: 500, alpha: 800 });
    const o = optimum(m);
    expect(lossAt(m, 1)).toBe(0);
    expect(o.lossRatio).toBe(1);
    for (const p of lossCurve(theoryModel({ n: 1000, d: 500, alpha: 1000 }), 20)) {
      for (const v of [p.epsilon, p.loss, p.normalizedLoss, p.dLossDk]) {
        expect(Number.isFinite(v)).toBe(true);
      }
    }
  });
});
