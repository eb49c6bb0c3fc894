import { F64_DIGITS, F64_ROUNDING, sparseLimitTolerances } from '../test-support/tolerances.js';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.js';
import { sparseLimit } from './sparse-limit.js';

const relu = (z: number) => Math.max(0, z);

/** ℓ_{i} by the midpoint rule on 200,000 points: independent of the closed form. */
function quadratureOneSparse(
  W: Float64Array,
  b: number[],
  I: number[],
  m: number,
  n: number,
  i: number,
  act: (z: number) => number,
): number {
  const N = 200_000;
  let s = 0;
  for (let q = 0; q < N; q++) {
    const x = (q + 0.5) / N;
    for (let f = 0; f < n; f++) {
      let g = 0;
      for (let h = 0; h < m; h++) g += W[h * n + f] * W[h * n + i];
      const target = f === i ? x : 0;
      s += I[f] * (target - act(x * g + b[f])) ** 2;
    }
  }
  return s / N;
}

/** Σ_{i<j} ℓ_{ij} by the 2-D midpoint rule on a 600 × 600 grid: independent of the code. */
function quadratureTwoSparse(
  W: Float64Array,
  b: number[],
  I: number[],
  m: number,
  n: number,
  act: (z: number) => number,
): number {
  const N = 600;
  const G = (f: number, i: number) => {
    let g = 0;
    for (let h = 0; h < m; h++) g += W[h * n + f] * W[h * n + i];
    return g;
  };
  let s = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      for (let u = 0; u < N; u++) {
        const xi = (u + 0.5) / N;
        for (let v = 0; v < N; v++) {
          const xj = (v + 0.5) / N;
          for (let f = 0; f < n; f++) {
            const target = f === i ? xi : f === j ? xj : 0;
            s += I[f] * (target - act(xi * G(f, i) + xj * G(f, j) + b[f])) ** 2;
          }
        }
      }
    }
  }
  return s / (N * N);
}

describe('sparseLimit', () => {
  const m = 2;
  const n = 4;
  const rng = new Rng(21);
  const W = Float64Array.from({ length: m * n }, () => rng.normal());
  const b = [-0.3, 0.2, -1.5, 0.05];
  const I = [1, 0.9, 0.81, 0.729];

  it('integrates the loss on 1-sparse inputs in closed form, as quadrature does', () => {
    for (const [activation, act] of [
      ['relu', relu],
      ['linear', (z: number) => z],
    ] as const) {
      const t = sparseLimit(W, b, I, m, n, 0.99, activation);
      for (let i = 0; i < n; i++) {
        const q = quadratureOneSparse(W, b, I, m, n, i, act);
        expect(Math.abs(t.oneSparse[i] - q)).toBeLessThan(sparseLimitTolerances.oneSparseAbsolute);
      }
    }
  });

  it('integrates the loss on 2-sparse inputs as a 2-D quadrature does', () => {
    for (const [activation, act] of [
      ['relu', relu],
      ['linear', (z: number) => z],
    ] as const) {
      const t = sparseLimit(W, b, I, m, n, 0.99, activation);
      const q = quadratureTwoSparse(W, b, I, m, n, act);
      expect(Math.abs(t.L2 * n - q) / q).toBeLessThan(sparseLimitTolerances.twoSparseRelative);
    }
  });

  it('charges the zero input only for positive biases under ReLU', () => {
    const t = sparseLimit(W, b, I, m, n, 0.99);
    expect(t.L0).toBeCloseTo((0.9 * 0.2 ** 2 + 0.729 * 0.05 ** 2) / n, F64_DIGITS);
  });

  it('weights the terms by the binomial probabilities of 0 and 1 nonzeros', () => {
    const S = 0.9;
    const t = sparseLimit(W, b, I, m, n, S);
    const want = S ** n * t.L0 + (1 - S) * S ** (n - 1) * t.L1;
    expect(Math.abs(t.firstOrder - want)).toBeLessThan(F64_ROUNDING);
    expect(Math.abs(t.postForm - (t.L0 + (1 - S) * t.L1))).toBeLessThan(F64_ROUNDING);
  });

  it('approaches the sampled loss as S → 1, with an error of order (1 − S)²', () => {
    // Sampled loss of this model at p = 1 − S, against the first-order expansion.
    const sampled = (p: number) => {
      const r = new Rng(5);
      const N = 400_000;
      let s = 0;
      const x = new Float64Array(n);
      for (let q = 0; q < N; q++) {
        for (let f = 0; f < n; f++) x[f] = r.uniform() < p ? r.uniform() : 0;
        for (let f = 0; f < n; f++) {
          let z = b[f];
          for (let j = 0; j < n; j++) {
            if (x[j] === 0) continue;
            let g = 0;
            for (let h = 0; h < m; h++) g += W[h * n + f] * W[h * n + j];
            z += g * x[j];
          }
          s += I[f] * (x[f] - relu(z)) ** 2;
        }
      }
      return s / (N * n);
    };
    const error = [0.02, 0.1].map((p) => {
      const t = sparseLimit(W, b, I, m, n, 1 - p);
      return Math.abs(t.firstOrder - sampled(p));
    });
    // Five times p should give about 25 times the error (sampling noise is ~1e-4 here).
    expect(error[1] / error[0]).toBeGreaterThan(12);
    expect(error[1] / error[0]).toBeLessThan(40);
    expect(error[0]).toBeLessThan(0.1 * sparseLimit(W, b, I, m, n, 0.98).firstOrder);
    // With 2-sparse inputs the error drops to order (1 − S)³: at p = 0.1 far below the first order's.
    const t = sparseLimit(W, b, I, m, n, 0.9);
    const second = Math.abs(t.secondOrder - sampled(0.1));
    expect(second).toBeLessThan(0.15 * error[1]);
    const want = t.firstOrder + (0.1 ** 2 * 0.9 ** (n - 2) * t.L2 * n) / n;
    expect(Math.abs(t.secondOrder - want)).toBeLessThan(F64_ROUNDING);
  });

  it('rejects a sparsity outside [0, 1] and mismatched lengths', () => {
    expect(() => sparseLimit(W, b, I, m, n, 1.2)).toThrow(/sparsity must lie in \[0, 1\]/);
    expect(() => sparseLimit(W, [0], I, m, n, 0.5)).toThrow(/b must have nFeatures = 4/);
  });
});
