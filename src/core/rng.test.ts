import { describe, expect, it } from 'vitest';
import { MONTE_CARLO_SIGMAS, rngMomentTolerances } from '../test-support/tolerances.js';
import { Rng } from './rng.js';

describe('Rng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 8 }, () => a.nextUint32());
    const sb = Array.from({ length: 8 }, () => b.nextUint32());
    const sc = Array.from({ length: 8 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = new Rng(7);
    const N = 200_000;
    let sum = 0;
    let sumSq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < N; i++) {
      const u = rng.uniform();
      sum += u;
      sumSq += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    const mean = sum / N;
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(mean - 0.5)).toBeLessThan(MONTE_CARLO_SIGMAS * Math.sqrt(1 / 12 / N));
    expect(Math.abs(sumSq / N - mean * mean - 1 / 12)).toBeLessThan(
      rngMomentTolerances.uniformVariance,
    );
  });

  it('draws standard normals with mean 0, variance 1 and kurtosis 3', () => {
    const rng = new Rng(11);
    const N = 200_000;
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    for (let i = 0; i < N; i++) {
      const z = rng.normal();
      m1 += z;
      m2 += z * z;
      m4 += z ** 4;
    }
    expect(Math.abs(m1 / N)).toBeLessThan(MONTE_CARLO_SIGMAS / Math.sqrt(N));
    expect(Math.abs(m2 / N - 1)).toBeLessThan(rngMomentTolerances.normalVariance);
    expect(Math.abs(m4 / N - 3)).toBeLessThan(rngMomentTolerances.normalKurtosis);
  });

  it('rejects a non-integer seed', () => {
    expect(() => new Rng(1.5)).toThrow(RangeError);
  });
});
