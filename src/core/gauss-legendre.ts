/**
 * Gauss–Legendre quadrature (Abramowitz & Stegun 25.4.29; nodes by Newton's
 * method on P_n from the Chebyshev guesses cos(π (i − 1/4) / (n + 1/2)), as in
 * Numerical Recipes' `gauleg`). An n-point rule on [a, b] is exact for
 * polynomials of degree ≤ 2n − 1; `integratePieces` splits [a, b] at given
 * breakpoints so a piecewise polynomial (a ReLU's kinks) integrates exactly.
 */

/** Nodes and weights of the n-point rule on [−1, 1]. */
export interface GaussRule {
  /** [n] ascending. */
  nodes: Float64Array;
  /** [n] summing to 2. */
  weights: Float64Array;
}

const cache = new Map<number, GaussRule>();

/** The n-point Gauss–Legendre rule on [−1, 1] (cached). @throws RangeError unless 1 ≤ n ≤ 64. */
export function gaussLegendre(n: number): GaussRule {
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new RangeError(`gaussLegendre: n must be an integer in [1, 64], got ${n}`);
  }
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      // P_n(x) by the three-term recurrence, and P_n'(x) from P_{n−1}.
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pPrev = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pPrev)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    const w = 2 / ((1 - x * x) * dp * dp);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}

/**
 * ∫_a^b f, with the n-point rule on each piece between the breakpoints that fall
 * strictly inside (a, b) (others are ignored; order does not matter).
 */
export function integratePieces(
  f: (x: number) => number,
  a: number,
  b: number,
  breakpoints: readonly number[] = [],
  n = 8,
): number {
  const { nodes, weights } = gaussLegendre(n);
  const cuts = [a, ...breakpoints.filter((x) => x > a && x < b).sort((p, q) => p - q), b];
  let total = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const half = (cuts[k + 1] - cuts[k]) / 2;
    const mid = (cuts[k + 1] + cuts[k]) / 2;
    let s = 0;
    for (let i = 0; i < n; i++) s += weights[i] * f(mid + half * nodes[i]);
    total += half * s;
  }
  return total;
}
