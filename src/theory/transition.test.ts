import { describe, expect, it } from 'vitest';
import { CLOSED_FORM_RTOL, relativeError, SQRT_EPS_DIGITS } from '../test-support/tolerances.js';
import { optimum } from './optimum.js';
import { struckClosedForm } from './struck-closed-form.js';
import { lossAt } from './loss.js';
import { theoryModel, withAlpha } from './theory-model.js';
import { transition } from './transition.js';

describe('transition', () => {
  it('puts α* "a little higher" than 2 for the corrected bound (n = 1e5, d = 1e4)', () => {
    const m = theoryModel({ n: 1e5, d: 1e4, alpha: 1 });
    const t = transition(m);
    expect(t.alphaStar).not.toBeNull();
    const a = t.alphaStar as number;
    expect(a).toBeGreaterThan(2);
    expect(a).toBeLessThan(2.2);
    expect(optimum(withAlpha(m, a)).kStar).toBe(1);
    expect(optimum(withAlpha(m, a * (1 - 1e-6))).kStar).toBeGreaterThan(1);
  });

  it('puts α* at exactly 2 where L(k) ties at α = 2 (Welch bound, exact pair count)', () => {
    const t = transition(theoryModel({ n: 1e5, d: 1e4, alpha: 1, bound: 'welch', loss: 'pairs' }));
    expect(t.alphaStar).toBeCloseTo(2, SQRT_EPS_DIGITS);
  });

  it('returns no transition when k* = 1 is never reached below the limit', () => {
    // Random vectors with the post's loss: for α < 2, L falls all the way to k = d.
    const t = transition(theoryModel({ n: 1e5, d: 1e4, alpha: 1, bound: 'random' }));
    expect(t.alphaStar).toBeCloseTo(2, SQRT_EPS_DIGITS);
  });
});

describe('struckClosedForm', () => {
  it('claims k = d for α < 2 because its stationary point lies beyond n', () => {
    const s = struckClosedForm(1e5, 1e4, 0.5);
    expect(s.claimedKStar).toBe(1e4);
    expect(s.kind).toBe('outside');
    expect(relativeError(s.kStationary as number, 1e5 * Math.exp(0.5 / 1.5))).toBeLessThan(
      CLOSED_FORM_RTOL,
    );
  });

  it('puts a maximum of the jl loss, not a minimum, at its α > 2 stationary point', () => {
    const alpha = 3;
    const s = struckClosedForm(1e5, 1e4, alpha);
    expect(s.kind).toBe('maximum');
    const ks = s.kStationary as number;
    expect(relativeError(ks, 1e5 * Math.exp(-3))).toBeLessThan(CLOSED_FORM_RTOL);
    const m = theoryModel({ n: 1e5, d: 1e4, alpha, bound: 'jl' });
    expect(lossAt(m, ks)).toBeGreaterThan(lossAt(m, ks * 0.9));
    expect(lossAt(m, ks)).toBeGreaterThan(lossAt(m, ks * 1.1));
  });

  it('has no stationary point at α = 2', () => {
    expect(struckClosedForm(100, 10, 2).kind).toBe('none');
  });
});
