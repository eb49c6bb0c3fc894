import { describe, expect, it } from 'vitest';
import {
  absComputedCounts,
  absOneSparseError,
  COMPUTED_ERROR,
  ONE_SPARSE_POINTS,
} from './abs-one-sparse-error.js';

/** W1 = [I; −I] [2n, n] and W2 = [I, I] [n, 2n]: |x| = ReLU(x) + ReLU(−x) per feature. */
function textbook(n: number): { W1: Float64Array; W2: Float64Array } {
  const m = 2 * n;
  const W1 = new Float64Array(m * n);
  const W2 = new Float64Array(n * m);
  for (let f = 0; f < n; f++) {
    W1[f * n + f] = 1;
    W1[(n + f) * n + f] = -1;
    W2[f * m + f] = 1;
    W2[f * m + n + f] = 1;
  }
  return { W1, W2 };
}

/**
 * The midpoint rule on N cells of (0, 1] against the exact E[(c − t)²] / E[t²] =
 * 3(c² − c + 1/3): each of its sums is off by O(1/N²), so 1e-5 at N = 256 per sign.
 */
const MIDPOINT_TOL = 1e-5;

describe('absOneSparseError', () => {
  it('is 0 on both signs for the pair circuit, and invariant to rescaling a neuron', () => {
    const { W1, W2 } = textbook(2);
    const e = absOneSparseError(W1, W2, new Float64Array(2), 4, 2);
    expect([...e.positive, ...e.negative]).toEqual([0, 0, 0, 0]);
    // Neuron 0 ×3 in, ÷3 out: the same function.
    const W1s = W1.slice();
    const W2s = W2.slice();
    W1s[0] *= 3;
    W2s[0] /= 3;
    const s = absOneSparseError(W1s, W2s, new Float64Array(2), 4, 2);
    expect(Math.max(...s.positive, ...s.negative)).toBeLessThan(1e-15);
    expect(absComputedCounts(e)).toEqual({ bothSigns: 2, oneSign: 0 });
  });

  it('is 1 on the sign a missing neuron leaves at 0, and 1/4 for the best constant output', () => {
    const { W1, W2 } = textbook(2);
    // Feature 1 loses its negative neuron (3): ReLU(x) only.
    const half = W2.slice();
    half[1 * 4 + 3] = 0;
    const e = absOneSparseError(W1, half, new Float64Array(2), 4, 2);
    expect(e.positive[1]).toBe(0);
    expect(e.negative[1]).toBe(1);
    expect(absComputedCounts(e)).toEqual({ bothSigns: 1, oneSign: 1 });
    // No weights, b = 1/2 (the mean of |t|): 3(1/4 − 1/2 + 1/3) = 1/4 on each sign.
    const c = absOneSparseError(
      new Float64Array(8),
      new Float64Array(8),
      Float64Array.from([0.5, 0.2]),
      4,
      2,
    );
    expect(c.positive[0]).toBeCloseTo(0.25, -Math.log10(MIDPOINT_TOL));
    expect(c.negative[0]).toBeCloseTo(0.25, -Math.log10(MIDPOINT_TOL));
    // b = 0.2: 3(0.04 − 0.2 + 1/3) = 0.52.
    expect(c.positive[1]).toBeCloseTo(0.52, -Math.log10(MIDPOINT_TOL));
    expect(0.25).toBeGreaterThan(COMPUTED_ERROR);
    expect(absComputedCounts(c)).toEqual({ bothSigns: 0, oneSign: 0 });
  });

  it('matches a hand-computed slope error: y = 2t on t > 0 gives E[t²]/E[t²] = 1', () => {
    const W1 = Float64Array.from([2, -1]); // 2 neurons, 1 feature
    const W2 = Float64Array.from([1, 1]);
    const e = absOneSparseError(W1, W2, new Float64Array(1), 2, 1, ONE_SPARSE_POINTS);
    expect(e.positive[0]).toBeCloseTo(1, 12);
    expect(e.negative[0]).toBe(0);
  });

  it('names a wrong shape and an odd number of points', () => {
    const { W1, W2 } = textbook(2);
    expect(() => absOneSparseError(W1, W2, new Float64Array(3), 4, 2)).toThrow(
      /^W2 \[nFeatures, nHidden\] and b \[nFeatures\]: W has length 3/,
    );
    expect(() => absOneSparseError(W1, W2, new Float64Array(2), 4, 2, 7)).toThrow(
      'points must be an even integer ≥ 2, got 7',
    );
  });
});
