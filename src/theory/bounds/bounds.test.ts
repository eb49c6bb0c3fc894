import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng.js';
import {
  centralDifference,
  CLOSED_FORM_RTOL,
  F64_ROUNDING,
  FD_FLOAT64_RELATIVE,
  MONTE_CARLO_SIGMAS,
  relativeError,
  SOLVER_ATOL,
  SOLVER_RTOL,
  SQRT_EPS_DIGITS,
  JL_CUBIC_ASYMPTOTE_RTOL,
} from '../../test-support/tolerances.js';
import type { BoundPoint } from './bound.js';
import { jlBound } from './bound-jl.js';
import { JL_CUBIC_R_MAX, jlCubicBound, jlCubicEpsilon, jlCubicR } from './bound-jl-cubic.js';
import { logRandomMoment, randomBound } from './bound-random.js';
import { welchBound, welchEpsilon } from './bound-welch.js';
import { boundByName, boundNames, registerBound } from './registry.js';

const at = (n: number, d: number, k: number, alpha = 1, epsilon0 = 1): BoundPoint => ({
  n,
  d,
  k,
  alpha,
  epsilon0,
});

describe('the jl bound', () => {
  it('is ε₀ √(ln m / D) by hand', () => {
    // n = 100, d = 10, k = 2: m = 50, D = 5 → √(ln 50 / 5)
    expect(
      relativeError(jlBound.epsilon(at(100, 10, 2)), Math.sqrt(Math.log(50) / 5)),
    ).toBeLessThan(CLOSED_FORM_RTOL);
    expect(
      relativeError(jlBound.epsilon(at(100, 10, 2, 1, 0.5)), 0.5 * Math.sqrt(Math.log(50) / 5)),
    ).toBeLessThan(CLOSED_FORM_RTOL);
  });

  it("has the post's log-derivative d ln ε / d ln k = (ln(n/k) − 1) / (2 ln(n/k))", () => {
    const n = 1e5;
    const k = 40;
    const x = Math.log(n / k);
    const dLogEllDk = jlBound.dLogEllDk(at(n, 1e4, k, 1));
    expect(relativeError(k * dLogEllDk, (x - 1) / (2 * x))).toBeLessThan(CLOSED_FORM_RTOL);
  });
});

describe('the jl-cubic bound', () => {
  it('returns the root of ε²/2 − ε³/3 = r in (0, 1]', () => {
    for (const r of [1e-9, 1e-4, 0.01, 0.05, 0.1, 0.15, 0.1666]) {
      const e = jlCubicEpsilon(r);
      expect(e).toBeGreaterThan(0);
      expect(e).toBeLessThanOrEqual(1);
      expect(Math.abs((e * e) / 2 - (e * e * e) / 3 - r)).toBeLessThan(SOLVER_ATOL);
    }
  });

  it('solves to a relative residual of 1e-12 even where r is tiny (the Newton polish)', () => {
    // The closed form alone leaves |f(ε) − r| / r near 1e-4 at r = 1e-14 and 5e-10 at 1e-9.
    for (const r of [1e-14, 1e-12, 1e-9, 1e-6, 1e-4, 0.01, 0.1, 0.1666]) {
      const e = jlCubicEpsilon(r);
      expect(Math.abs((e * e) / 2 - (e * e * e) / 3 - r) / r).toBeLessThan(SOLVER_RTOL);
    }
  });

  it('has the endpoints ε(0) = 0 and ε(1/6) = 1 and ε ≈ √(2r) for small r', () => {
    expect(jlCubicEpsilon(0)).toBe(0);
    expect(jlCubicEpsilon(JL_CUBIC_R_MAX)).toBeCloseTo(1, SQRT_EPS_DIGITS);
    expect(relativeError(jlCubicEpsilon(1e-8), Math.sqrt(2e-8))).toBeLessThan(
      JL_CUBIC_ASYMPTOTE_RTOL,
    );
  });

  it('has no root above r = 1/6', () => {
    expect(jlCubicEpsilon(0.17)).toBeNaN();
    expect(jlCubicEpsilon(-0.01)).toBeNaN();
  });

  it('ends its domain where 4 k ln(n/k) / d reaches 1/6', () => {
    const edge = jlCubicBound.domainEdge(1e5, 1e4);
    expect(edge).not.toBeNull();
    expect(Math.abs(jlCubicR(1e5, 1e4, edge as number) - 1 / 6)).toBeLessThan(F64_ROUNDING);
    // The post: "the range of k is set by the real roots" — about 55 for n = 1e5, d = 1e4.
    expect(Math.floor(edge as number)).toBe(55);
  });

  it('has an empty domain when even k = 1 has no root', () => {
    expect(jlCubicBound.domainEdge(1e6, 10)).toBeNull();
  });

  it('always ends before k = d when n > d (ε reaches 1 first, as the post says)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 100_000 }),
        fc.double({ min: 1.01, max: 50 }),
        (d, ratio) => {
          const n = Math.ceil(ratio * d);
          const edge = jlCubicBound.domainEdge(n, d);
          if (edge !== null) expect(edge).toBeLessThan(d);
        },
      ),
      { seed: 3, numRuns: 100 },
    );
  });
});

describe('the welch bound', () => {
  it('meets the known equiangular tight frames', () => {
    expect(relativeError(welchEpsilon(6, 3), 1 / Math.sqrt(5))).toBeLessThan(CLOSED_FORM_RTOL);
    expect(relativeError(welchEpsilon(28, 7), 1 / 3)).toBeLessThan(CLOSED_FORM_RTOL);
    // The regular simplex: m = D + 1 vectors at |cos| = 1/D.
    expect(relativeError(welchEpsilon(5, 4), 1 / 4)).toBeLessThan(CLOSED_FORM_RTOL);
  });

  it('is zero when the vectors fit orthogonally (m ≤ D)', () => {
    expect(welchEpsilon(3, 3)).toBe(0);
    expect(welchEpsilon(2, 5)).toBe(0);
  });
});

describe('the random bound', () => {
  it('is E|c|^α in closed form: 1 at D = 1, 1/D at α = 2, 1/2 for α = 1 in R³', () => {
    expect(Math.abs(logRandomMoment(1, 1.7))).toBeLessThan(F64_ROUNDING);
    expect(relativeError(Math.exp(logRandomMoment(7, 2)), 1 / 7)).toBeLessThan(F64_ROUNDING);
    expect(relativeError(Math.exp(logRandomMoment(3, 1)), 0.5)).toBeLessThan(F64_ROUNDING);
  });

  it('agrees with a seeded Monte Carlo estimate of E|cos θ|^α', () => {
    const rng = new Rng(2024);
    const D = 6;
    const alpha = 1.5;
    const N = 40_000;
    const u = new Float64Array(D);
    const v = new Float64Array(D);
    let sum = 0;
    let sumSq = 0;
    for (let s = 0; s < N; s++) {
      let uu = 0;
      let vv = 0;
      let uv = 0;
      for (let i = 0; i < D; i++) {
        u[i] = rng.normal();
        v[i] = rng.normal();
        uu += u[i] * u[i];
        vv += v[i] * v[i];
        uv += u[i] * v[i];
      }
      const x = Math.abs(uv / Math.sqrt(uu * vv)) ** alpha;
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / N;
    const stderr = Math.sqrt((sumSq / N - mean * mean) / N);
    expect(Math.abs(mean - Math.exp(logRandomMoment(D, alpha)))).toBeLessThan(
      MONTE_CARLO_SIGMAS * stderr,
    );
  });
});

describe('every bound', () => {
  const bounds = [jlBound, jlCubicBound, welchBound, randomBound];

  it('goes to zero interference as the subspace dimension D grows', () => {
    for (const b of bounds) {
      // Fix m = n/k = 50 and grow D = d/k.
      const eps = [1e3, 1e5, 1e7].map((d) => b.epsilon(at(50 * d, d, 1, 1)));
      expect(eps[1]).toBeLessThan(eps[0]);
      expect(eps[2]).toBeLessThan(eps[1]);
      expect(eps[2]).toBeLessThan(0.01);
    }
  });

  it('has an analytic d ln ℓ / dk that matches finite differences', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 20 }),
        fc.double({ min: 0.2, max: 4, noNaN: true }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        (ratio, alpha, frac) => {
          const d = 2000;
          const n = ratio * d;
          for (const b of bounds) {
            const edge = b.domainEdge(n, d);
            if (edge === null || edge < 2) continue;
            const k = 1 + frac * (edge - 1) * 0.98;
            const logEll = (kk: number) => Math.log(b.ell(at(n, d, kk, alpha)));
            const fd = centralDifference(logEll, k, 1e-5 * k);
            const exact = b.dLogEllDk(at(n, d, k, alpha));
            expect(relativeError(exact, fd)).toBeLessThan(FD_FLOAT64_RELATIVE);
          }
        },
      ),
      { seed: 1, numRuns: 60 },
    );
  });

  it('makes interference grow as the subspaces shrink (ε increasing in k)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 14 }), (k, dk) => {
        for (const b of bounds) {
          const e1 = b.epsilon(at(1e5, 1e4, k, 1.3));
          const e2 = b.epsilon(at(1e5, 1e4, k + dk, 1.3));
          if (Number.isNaN(e2)) continue;
          expect(e2).toBeGreaterThan(e1);
        }
      }),
      { seed: 2, numRuns: 60 },
    );
  });
});

describe('the bound registry', () => {
  it('lists the four bounds and finds them by name', () => {
    expect(boundNames()).toEqual(['jl', 'jl-cubic', 'welch', 'random']);
    expect(boundByName('welch')).toBe(welchBound);
  });

  it('rejects an unknown name and a duplicate registration', () => {
    expect(() => boundByName('jl-quartic')).toThrow(
      /unknown bound 'jl-quartic' \(allowed: jl, jl-cubic/,
    );
    expect(() => registerBound(jlBound)).toThrow(/already registered/);
  });
});
