/** Seeded random test inputs and a float64 comparison helper. */

import { Rng } from '../core/rng.js';

/** A Float32Array of `length` standard normals from `seed`. */
export function randomFloat32(length: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(length);
  for (let k = 0; k < length; k++) out[k] = rng.normal();
  return out;
}

/** The largest |actual − expected| divided by the largest |expected| (0 for empty arrays). */
export function relativeErrorOfMax(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) {
    throw new RangeError(`length ${actual.length} differs from ${expected.length}`);
  }
  let err = 0;
  let scale = 0;
  for (let k = 0; k < expected.length; k++) {
    err = Math.max(err, Math.abs(actual[k] - expected[k]));
    scale = Math.max(scale, Math.abs(expected[k]));
  }
  return scale === 0 ? err : err / scale;
}
