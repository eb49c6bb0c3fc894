import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.js';
import { FLOAT32_OF_MAX } from '../test-support/tolerances.js';
import { relativeErrorOfMax } from '../test-support/random-arrays.js';
import { columnFrame, columnGram } from './column-gram.js';
import { tegumFactors } from './tegum-factors.js';

const [nHidden, nFeatures] = [24, 70];
const rng = new Rng(4);
const W = new Float64Array(nHidden * nFeatures).map(() => rng.normal());
const columns = [3, 0, 69, 17, 42, 8, 55];
const scale = columns.map((_, t) => 0.5 + t / 10);

describe('columnGram and columnFrame', () => {
  it('give the float64 sums written out, and the float32 kernel agrees with them', () => {
    const G = columnGram(W, nHidden, nFeatures, columns, scale, false);
    const f = columns.length;
    let s = 0;
    for (let h = 0; h < nHidden; h++) s += W[h * nFeatures + 69] * W[h * nFeatures + 17];
    expect(G[2 * f + 3]).toBeCloseTo(s * scale[2] * scale[3], 12);
    const fromKernel = columnGram(W, nHidden, nFeatures, columns, scale, true);
    expect(fromKernel).toBeInstanceOf(Float32Array);
    expect(relativeErrorOfMax(fromKernel, G)).toBeLessThan(FLOAT32_OF_MAX);
    const F = columnFrame(W, nHidden, nFeatures, columns, scale, false);
    expect(
      relativeErrorOfMax(columnFrame(W, nHidden, nFeatures, columns, scale, true), F),
    ).toBeLessThan(FLOAT32_OF_MAX);
    // The frame operator's trace is the squared Frobenius norm of the scaled columns.
    let trace = 0;
    for (let h = 0; h < nHidden; h++) trace += F[h * nHidden + h];
    let frob = 0;
    for (let t = 0; t < f; t++) frob += G[t * f + t];
    expect(trace).toBeCloseTo(frob, 10);
  });

  it('agree on a block packing, with the cross-block zeros exact in both, and tegumFactors finds its blocks', () => {
    // 600 vectors in 64 dims as 8 orthogonal blocks of 75 vectors in 8 dims each; the two
    // paths compared directly (the size-based choice picks float64 here).
    const [d, n, k] = [64, 600, 8];
    const V = new Float32Array(d * n);
    const r = new Rng(9);
    for (let j = 0; j < n; j++) {
      const block = j % k;
      for (let h = 0; h < d / k; h++) V[(block * (d / k) + h) * n + j] = r.normal();
    }
    const t = tegumFactors(V, d, n);
    expect(t.k).toBe(k);
    expect(t.factors.map((x) => [x.size, x.dim])).toEqual(Array(k).fill([n / k, d / k]));
    const cols = Array.from({ length: n }, (_, j) => j);
    const exact = columnGram(V, d, n, cols, undefined, false);
    const fast = columnGram(V, d, n, cols, undefined, true);
    // Entries across blocks are exact zeros in both: disjoint supports.
    for (let j = 1; j < k; j++) expect([exact[j], fast[j]]).toEqual([0, 0]);
    expect(relativeErrorOfMax(fast, exact)).toBeLessThan(FLOAT32_OF_MAX);
  });
});
