/**
 * A naive sampler of the toy data, written from the definitions (Elhage et al. 2022 §2, §7) and
 * sharing no code with the kernels: per sample, each correlated set is active with probability p
 * (then every member draws a value), each anticorrelated set with probability min(1, |set|·p) (then
 * one member, uniformly, draws a value), each remaining feature with its own p. Its own generator
 * and draw order, so only the laws can agree. Excluded from the build.
 */

import { Rng } from '../core/rng.js';

/** `samples` dense rows [samples, n] drawn from the definitions. */
export function naiveToySamples(
  samples: number,
  featureProbability: ArrayLike<number>, // [n]
  correlated: readonly (readonly number[])[],
  anticorrelated: readonly (readonly number[])[],
  seed: number,
): Float64Array {
  const n = featureProbability.length;
  const rng = new Rng(seed);
  const inSet = new Set([...correlated.flat(), ...anticorrelated.flat()]);
  const x = new Float64Array(samples * n);
  for (let s = 0; s < samples; s++) {
    const row = s * n;
    for (const set of correlated) {
      if (rng.uniform() < featureProbability[set[0]]) {
        for (const f of set) x[row + f] = rng.uniform();
      }
    }
    for (const set of anticorrelated) {
      if (rng.uniform() < Math.min(1, set.length * featureProbability[set[0]])) {
        x[row + set[rng.integer(set.length)]] = rng.uniform();
      }
    }
    for (let f = 0; f < n; f++) {
      if (!inSet.has(f) && rng.uniform() < featureProbability[f]) x[row + f] = rng.uniform();
    }
  }
  return x;
}

/** [n, n] rates: entry (i, j) the fraction of rows where features i and j are both nonzero. */
export function coActivation(x: ArrayLike<number>, samples: number, n: number): Float64Array {
  const rate = new Float64Array(n * n);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < n; i++) {
      if (x[s * n + i] === 0) continue;
      for (let j = 0; j < n; j++) if (x[s * n + j] !== 0) rate[i * n + j] += 1 / samples;
    }
  }
  return rate;
}
