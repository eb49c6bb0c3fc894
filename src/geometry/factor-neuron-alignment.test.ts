import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.js';
import { F64_ROUNDING, MONTE_CARLO_SIGMAS } from '../test-support/tolerances.js';
import { factorNeuronAlignment } from './factor-neuron-alignment.js';
import { randomSubspaceAlignment } from './random-subspace-alignment.js';
import { tegumFactors } from './tegum-factors.js';

/** W [nHidden, nFeatures] from columns (feature j = column j). */
function fromColumns(columns: number[][]): Float64Array {
  const m = columns[0].length;
  const n = columns.length;
  const W = new Float64Array(m * n);
  columns.forEach((c, j) => c.forEach((x, k) => (W[k * n + j] = x)));
  return W;
}

describe('factorNeuronAlignment', () => {
  it('gives 1 and the two neurons for a triangle sitting on neurons 1 and 3 of 4', () => {
    // Three features at 120° in the plane of neurons 1 and 3; feature 3 alone on neuron 0.
    const tri = [0, 1, 2].map((t) => [
      0,
      Math.cos((2 * Math.PI * t) / 3),
      0,
      Math.sin((2 * Math.PI * t) / 3),
    ]);
    const W = fromColumns([...tri, [2, 0, 0, 0]]);
    const { factors } = tegumFactors(W, 4, 4);
    expect(factors.map((f) => [f.features, f.dim])).toEqual([
      [[0, 1, 2], 2],
      [[3], 1],
    ]);
    const a = factorNeuronAlignment(W, 4, 4, factors[0].features, factors[0].dim);
    expect(Math.abs(a.alignment - 1)).toBeLessThan(F64_ROUNDING);
    expect(a.neurons).toEqual([1, 3]);
    [0, 1, 0, 1].forEach((e, k) => expect(Math.abs(a.energy[k] - e)).toBeLessThan(F64_ROUNDING));
    const dedicated = factorNeuronAlignment(W, 4, 4, [3], 1);
    expect(dedicated.alignment).toBe(1);
    expect(dedicated.neurons).toEqual([0]);
  });

  it('gives 1/2 for an antipodal pair along (1, 1)/√2, rotated 45° between neurons 0 and 1', () => {
    // U = (1, 1, 0)/√2: e = (1/2, 1/2, 0), the best neuron holds 1/2 of r = 1.
    const s = Math.SQRT1_2;
    const W = fromColumns([
      [s, s, 0],
      [-s, -s, 0],
    ]);
    const a = factorNeuronAlignment(W, 3, 2, [0, 1], 1);
    expect(Math.abs(a.alignment - 0.5)).toBeLessThan(F64_ROUNDING);
    expect(a.neurons).toEqual([0]);
    expect(a.energy.reduce((x, y) => x + y)).toBeCloseTo(1, 12);
  });

  it('gives (1 + cos²θ)/2 for a plane tilted by θ out of neurons 0 and 1, on the frame operator’s side', () => {
    // Span{e0, cos θ e1 + sin θ e2} in R³: e = (1, cos²θ, sin²θ); best two = 1 + cos²θ (θ < 45°).
    const theta = Math.PI / 6;
    const W = fromColumns([
      [1, 0, 0],
      [0, Math.cos(theta), Math.sin(theta)],
      [-1, 0, 0],
      [0, -Math.cos(theta), -Math.sin(theta)],
      [Math.SQRT1_2, Math.SQRT1_2 * Math.cos(theta), Math.SQRT1_2 * Math.sin(theta)],
    ]);
    // Five columns in three neurons: the [nHidden, nHidden] frame operator's side.
    const a = factorNeuronAlignment(W, 3, 5, [0, 1, 2, 3, 4], 2);
    expect(Math.abs(a.alignment - (1 + Math.cos(theta) ** 2) / 2)).toBeLessThan(F64_ROUNDING);
    expect(a.neurons).toEqual([0, 1]);
  });

  it('matches a random subspace’s expectation 1/2 + 1/π for one direction in two neurons, and 1 when r = nHidden', () => {
    // r = 1, nHidden = 2: U = (cos θ, sin θ), θ uniform; alignment max(cos²θ, sin²θ),
    // whose mean is 1/2 + E|cos 2θ|/2 = 1/2 + 1/π.
    const est = randomSubspaceAlignment(1, 2, new Rng(2022), 4000);
    expect(Math.abs(est.mean - (0.5 + 1 / Math.PI))).toBeLessThan(
      MONTE_CARLO_SIGMAS * est.standardError,
    );
    expect(est.standardError).toBeLessThan(0.01);
    const full = randomSubspaceAlignment(3, 3, new Rng(1), 10);
    expect(Math.abs(full.mean - 1)).toBeLessThan(F64_ROUNDING);
    // Between the floor r/m and 1, and far from both for r = 2 in m = 6.
    const mid = randomSubspaceAlignment(2, 6, new Rng(3), 500);
    expect(mid.mean).toBeGreaterThan(2 / 6 + 0.1);
    expect(mid.mean).toBeLessThan(0.9);
  });

  it('names a bad feature list, dim or a dim above the columns’ rank', () => {
    const W = fromColumns([
      [1, 0],
      [-1, 0],
    ]);
    expect(() => factorNeuronAlignment(W, 2, 2, [], 1)).toThrow(/features must be a non-empty/);
    expect(() => factorNeuronAlignment(W, 2, 2, [0, 0], 1)).toThrow(/repeat an index/);
    expect(() => factorNeuronAlignment(W, 2, 2, [0, 1], 3)).toThrow(/dim/);
    expect(() => factorNeuronAlignment(W, 2, 2, [0, 1], 2)).toThrow(
      /dim 2 exceeds the rank of the factor's columns/,
    );
    expect(() =>
      factorNeuronAlignment(
        fromColumns([
          [0, 0],
          [1, 0],
        ]),
        2,
        2,
        [0],
        1,
      ),
    ).toThrow(/column 0 of W is zero/);
  });
});
