/**
 * The sweeps of Elhage et al. 2022's notebook, as plain arrays: feature
 * probabilities base^−linspace(0, 1, count) (e.g. 20^−linspace(0, 1, 10): from
 * dense, p = 1, to p = 1/20) and importance decays r^i.
 */

/** base^−t for t = linspace(0, 1, count): [count], from 1 down to 1/base. */
export function powerLinspace(base: number, count: number): number[] {
  if (!(base > 0) || !Number.isFinite(base)) {
    throw new RangeError(`base must be a finite number > 0, got ${base}`);
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`count must be a positive integer, got ${count}`);
  }
  if (count === 1) return [1];
  return Array.from({ length: count }, (_, i) => base ** -(i / (count - 1)));
}

/** ratio^i for i = 0 … nFeatures − 1: [nFeatures]. */
export function importanceDecay(nFeatures: number, ratio: number): number[] {
  if (!Number.isInteger(nFeatures) || nFeatures < 1) {
    throw new RangeError(`nFeatures must be a positive integer, got ${nFeatures}`);
  }
  if (!(ratio > 0) || !Number.isFinite(ratio)) {
    throw new RangeError(`ratio must be a finite number > 0, got ${ratio}`);
  }
  return Array.from({ length: nFeatures }, (_, i) => ratio ** i);
}
