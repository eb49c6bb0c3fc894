import { describe, expect, it } from 'vitest';
import { CLOSED_FORM_RTOL, F64_EXACT, relativeError } from '../test-support/tolerances.js';
import { gaussLegendre, integratePieces } from './gauss-legendre.js';

describe('Gauss–Legendre quadrature', () => {
  it('has the tabulated 3-point rule (±√(3/5), weights 5/9, 8/9)', () => {
    const { nodes, weights } = gaussLegendre(3);
    expect(relativeError(nodes[2], Math.sqrt(3 / 5))).toBeLessThan(CLOSED_FORM_RTOL);
    expect(Math.abs(nodes[1])).toBeLessThan(F64_EXACT);
    expect(relativeError(weights[0], 5 / 9)).toBeLessThan(CLOSED_FORM_RTOL);
    expect(relativeError(weights[1], 8 / 9)).toBeLessThan(CLOSED_FORM_RTOL);
  });

  it('integrates polynomials of degree 2n − 1 exactly, and weights sum to 2', () => {
    for (const n of [1, 2, 5, 8, 16]) {
      const { weights } = gaussLegendre(n);
      expect(
        relativeError(
          weights.reduce((a, b) => a + b, 0),
          2,
        ),
      ).toBeLessThan(CLOSED_FORM_RTOL);
      const deg = 2 * n - 1;
      // ∫_0^2 x^deg dx = 2^(deg+1) / (deg + 1)
      const got = integratePieces((x) => x ** deg, 0, 2, [], n);
      expect(relativeError(got, 2 ** (deg + 1) / (deg + 1))).toBeLessThan(CLOSED_FORM_RTOL);
    }
  });

  it('integrates a kinked function exactly when split at its kink, and not otherwise', () => {
    // ∫_0^1 max(0, x − 1/3)² dx = (2/3)³ / 3
    const f = (x: number) => Math.max(0, x - 1 / 3) ** 2;
    const exact = (2 / 3) ** 3 / 3;
    expect(relativeError(integratePieces(f, 0, 1, [1 / 3, 5, -1]), exact)).toBeLessThan(
      CLOSED_FORM_RTOL,
    );
    expect(relativeError(integratePieces(f, 0, 1, []), exact)).toBeGreaterThan(1e-6);
  });

  it('refuses a rule it cannot build', () => {
    expect(() => gaussLegendre(0)).toThrow(/n must be an integer in \[1, 64\]/);
  });
});
