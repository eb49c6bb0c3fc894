import { beforeAll, describe, expect, it } from 'vitest';
import { getBackend, setBackend } from './backend.js';
import { powerInterference } from './power-interference.js';
import { powerPackingGradient } from './power-packing-gradient.js';
import { FUSED_POWER_OF_MAX, FLOAT32_RELATIVE } from '../test-support/tolerances.js';
import { randomFloat32, relativeErrorOfMax } from '../test-support/random-arrays.js';
import { kernelBackends } from '../test-support/backends.js';

/** Unit columns, as the optimizer passes them (|G_ij| ≤ 1). */
function unitColumns(d: number, n: number, seed: number): Float32Array {
  const V = randomFloat32(d * n, seed);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let r = 0; r < d; r++) s += V[r * n + j] ** 2;
    for (let r = 0; r < d; r++) V[r * n + j] /= Math.sqrt(s);
  }
  return V;
}

/** The three steps in float64, written out: G = VᵀV, ℓ and ℓ' entry by entry, V·A. */
function naive(V: Float32Array, d: number, n: number, alpha: number, smoothing: number) {
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let r = 0; r < d; r++) G[i * n + j] += V[r * n + i] * V[r * n + j];
  const A = new Float64Array(n * n);
  const loss = powerInterference(G, n, alpha, smoothing, A);
  const out = new Float64Array(d * n);
  for (let r = 0; r < d; r++)
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) out[r * n + j] += V[r * n + i] * A[i * n + j];
  return { loss, out };
}

const ALPHAS = [0.5, 1, 1.5, 2, 3];
// Awkward sizes (not multiples of 4 or 8, a tail in every row) and one above the wasm
// backend's threaded threshold (n²d > 2^22).
const SIZES: [number, number][] = [
  [1, 2],
  [3, 7],
  [7, 13],
  [16, 37],
  [67, 301],
];

describe('powerInterference', () => {
  it('sums |c|^α over ordered pairs and writes α|c|^α/c beside it (hand-computed, n = 2)', () => {
    const G = new Float64Array([1, -0.5, -0.5, 1]);
    const dLdG = new Float64Array(4);
    // Two ordered pairs of |−0.5|^1.5 = 0.35355…; ℓ' = 1.5·0.35355/(−0.5) = −1.06066.
    expect(powerInterference(G, 2, 1.5, 1e-2, dLdG)).toBeCloseTo(2 * 0.5 ** 1.5, 14);
    expect([...dLdG].map((x) => +x.toFixed(5))).toEqual([0, -1.06066, -1.06066, 0]);
  });

  it('smooths α ≤ 1 as (c² + δ²)^(α/2) − δ^α (hand-computed, α = 1, δ = 0.1)', () => {
    const G = new Float64Array([1, 0, 0, 1]);
    // ℓ_δ(0) = 0 and ℓ_δ'(0) = 0: an orthogonal pair costs nothing and is not pushed.
    expect(powerInterference(G, 2, 1, 0.1)).toBe(0);
    G[1] = G[2] = 0.3;
    const dLdG = new Float64Array(4);
    const r = Math.sqrt(0.09 + 0.01);
    expect(powerInterference(G, 2, 1, 0.1, dLdG)).toBeCloseTo(2 * (r - 0.1), 14);
    expect(dLdG[1]).toBeCloseTo(0.3 / r, 14);
  });
});

describe.each(await kernelBackends())('powerPackingGradient on the %s backend', (_l, b, o) => {
  beforeAll(async () => {
    await setBackend(b, o);
    expect(getBackend()).toBe(b);
  });

  for (const alpha of ALPHAS) {
    it.each(SIZES)(
      `matches the float64 steps written out at α = ${alpha} for d=%i, n=%i`,
      (d, n) => {
        const V = unitColumns(d, n, 7 + d * 1000 + n);
        const out = new Float32Array(d * n);
        const G = new Float32Array(n * n).fill(NaN); // scratch: stale contents must not leak
        const loss = powerPackingGradient(out, V, G, d, n, alpha, 1e-2);
        const ref = naive(V, d, n, alpha, 1e-2);
        expect(Math.abs(loss - ref.loss) / ref.loss).toBeLessThan(FLOAT32_RELATIVE);
        expect(relativeErrorOfMax(out, ref.out)).toBeLessThan(FUSED_POWER_OF_MAX);
      },
    );
  }

  it('gives the same loss and product on a second call with the scratch reused', () => {
    const [d, n] = [16, 37];
    const V = unitColumns(d, n, 3);
    const G = new Float32Array(n * n);
    const first = new Float32Array(d * n);
    const second = new Float32Array(d * n);
    const l1 = powerPackingGradient(first, V, G, d, n, 1.5, 1e-2);
    const l2 = powerPackingGradient(second, V, G, d, n, 1.5, 1e-2);
    expect(l2).toBe(l1);
    expect(second).toEqual(first);
  });

  it('refuses α ≤ 0, a smoothing outside (0, 0.1) and a wrong-sized buffer, naming each', () => {
    const V = unitColumns(3, 4, 1);
    const out = new Float32Array(12);
    const G = new Float32Array(16);
    expect(() => powerPackingGradient(out, V, G, 3, 4, 0, 1e-2)).toThrow(/alpha/);
    expect(() => powerPackingGradient(out, V, G, 3, 4, 1, 0.5)).toThrow(/smoothing/);
    expect(() => powerPackingGradient(out, V, new Float32Array(15), 3, 4, 1, 1e-2)).toThrow(
      /G must have length 16/,
    );
  });
});
