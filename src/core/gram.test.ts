import { beforeAll, describe, expect, it } from 'vitest';
import { getBackend, setBackend } from './backend.js';
import { gram } from './gram.js';
import { gramTimes } from './gram-times.js';
import { FLOAT32_OF_MAX } from '../test-support/tolerances.js';
import { randomFloat32, relativeErrorOfMax } from '../test-support/random-arrays.js';
import { kernelBackends } from '../test-support/backends.js';

// Awkward sizes: empty, 1, and not multiples of 4 or 8.
const SIZES: [number, number][] = [
  [0, 0],
  [3, 0],
  [0, 5],
  [1, 1],
  [1, 7],
  [5, 3],
  [7, 13],
  [13, 37],
  [33, 70],
];

function naiveGram(V: Float32Array, d: number, n: number): Float64Array {
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let r = 0; r < d; r++) G[i * n + j] += V[r * n + i] * V[r * n + j];
  return G;
}

function naiveTimes(V: Float32Array, A: Float32Array, d: number, n: number): Float64Array {
  const out = new Float64Array(d * n);
  for (let r = 0; r < d; r++)
    for (let j = 0; j < n; j++)
      for (let i = 0; i < n; i++) out[r * n + j] += V[r * n + i] * A[i * n + j];
  return out;
}

const BACKENDS = await kernelBackends();

describe.each(BACKENDS)('on the %s backend', (_label, backend, options) => {
  beforeAll(async () => {
    await setBackend(backend, options);
    expect(getBackend()).toBe(backend);
  });

  it('splits a large Gram and V·A across threads without a seam', () => {
    const d = 67;
    const n = 301; // n²d above the threaded threshold, n not a multiple of 4 or 8
    const V = randomFloat32(d * n, 99);
    const G = new Float32Array(n * n);
    gram(G, V, d, n);
    expect(relativeErrorOfMax(G, naiveGram(V, d, n))).toBeLessThan(FLOAT32_OF_MAX);
    const out = new Float32Array(d * n);
    gramTimes(out, V, G, d, n);
    expect(relativeErrorOfMax(out, naiveTimes(V, G, d, n))).toBeLessThan(FLOAT32_OF_MAX);
  });

  describe('gram', () => {
    it.each(SIZES)('computes VᵀV for d=%i, n=%i to float32 accuracy', (d, n) => {
      const V = randomFloat32(d * n, 11 + d * 100 + n);
      const G = new Float32Array(n * n).fill(Number.NaN);
      gram(G, V, d, n);
      expect(relativeErrorOfMax(G, naiveGram(V, d, n))).toBeLessThan(FLOAT32_OF_MAX);
    });

    it('returns an exactly symmetric matrix', () => {
      const d = 9;
      const n = 21;
      const G = new Float32Array(n * n);
      gram(G, randomFloat32(d * n, 3), d, n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) expect(G[i * n + j]).toBe(G[j * n + i]);
    });

    it('rejects buffers of the wrong length and non-integer dimensions', () => {
      expect(() => gram(new Float32Array(3), new Float32Array(4), 2, 2)).toThrow(
        /G must have length 4/,
      );
      expect(() => gram(new Float32Array(4), new Float32Array(3), 2, 2)).toThrow(
        /V must have length 4/,
      );
      expect(() => gram(new Float32Array(4), new Float32Array(4), 2.5, 2)).toThrow(/d must be/);
    });
  });

  describe('gramTimes', () => {
    it.each(SIZES)('computes V·A for a symmetric A at d=%i, n=%i to float32 accuracy', (d, n) => {
      const V = randomFloat32(d * n, 5 + d * 100 + n);
      const R = randomFloat32(n * n, 7 + n);
      const A = new Float32Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) A[i * n + j] = R[i * n + j] + R[j * n + i];
      const out = new Float32Array(d * n).fill(Number.NaN);
      gramTimes(out, V, A, d, n);
      expect(relativeErrorOfMax(out, naiveTimes(V, A, d, n))).toBeLessThan(FLOAT32_OF_MAX);
    });

    it('rejects an A of the wrong size', () => {
      expect(() =>
        gramTimes(new Float32Array(6), new Float32Array(6), new Float32Array(8), 2, 3),
      ).toThrow(/A must have length 9/);
    });
  });
});
