import { describe, expect, it } from 'vitest';
import { digamma, logGamma } from './special-functions.js';
import {
  F64_ROUNDING,
  FD_FLOAT64_RELATIVE,
  SPECIAL_FUNCTION_RTOL,
  centralDifference,
  relativeError,
} from '../test-support/tolerances.js';

const EULER_GAMMA = 0.5772156649015329;

describe('logGamma', () => {
  it('matches Γ at integers and half-integers', () => {
    expect(relativeError(logGamma(5), Math.log(24))).toBeLessThan(SPECIAL_FUNCTION_RTOL);
    expect(relativeError(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(
      SPECIAL_FUNCTION_RTOL,
    );
    expect(relativeError(logGamma(1.5), Math.log(Math.sqrt(Math.PI) / 2))).toBeLessThan(
      SPECIAL_FUNCTION_RTOL,
    );
    expect(Math.abs(logGamma(1))).toBeLessThan(F64_ROUNDING);
    expect(Math.abs(logGamma(2))).toBeLessThan(F64_ROUNDING);
  });

  it('matches tabulated values away from integers and at large x', () => {
    // Γ(0.1) = 9.513507698668731836…; ln Γ(100) = 359.1342053695753987…
    expect(relativeError(logGamma(0.1), Math.log(9.513507698668732))).toBeLessThan(F64_ROUNDING);
    expect(relativeError(logGamma(100), 359.1342053695754)).toBeLessThan(SPECIAL_FUNCTION_RTOL);
  });

  it('rejects x ≤ 0 with a RangeError', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1)).toThrow(/x > 0/);
  });
});

describe('digamma', () => {
  it('matches ψ(1) = −γ and ψ(1/2) = −γ − 2 ln 2', () => {
    expect(relativeError(digamma(1), -EULER_GAMMA)).toBeLessThan(F64_ROUNDING);
    expect(relativeError(digamma(0.5), -EULER_GAMMA - 2 * Math.LN2)).toBeLessThan(F64_ROUNDING);
  });

  it('obeys the recurrence ψ(x + 1) = ψ(x) + 1/x', () => {
    for (const x of [0.3, 1.7, 4.2, 12.5, 250]) {
      expect(relativeError(digamma(x + 1), digamma(x) + 1 / x)).toBeLessThan(F64_ROUNDING);
    }
  });

  it('is the derivative of logGamma', () => {
    for (const x of [0.4, 1.3, 7.5, 55]) {
      const fd = centralDifference(logGamma, x, 1e-5 * x);
      expect(relativeError(digamma(x), fd)).toBeLessThan(FD_FLOAT64_RELATIVE);
    }
  });
});
