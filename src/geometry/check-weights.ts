/**
 * Argument checks shared by the geometry functions: W is one instance's weight
 * matrix [nHidden, nFeatures], row-major, feature i in column i (Elhage et al.
 * 2022's layout, h = W x).
 */

/** Weights as float32 (training storage) or float64 (analysis, constructed geometries). */
export type Weights = Float32Array | Float64Array;

/**
 * Throws a RangeError naming the problem unless W is a Float32Array or
 * Float64Array of length nHidden · nFeatures with positive integer dimensions
 * and finite entries.
 */
export function checkWeights(W: Weights, nHidden: number, nFeatures: number): void {
  if (!(W instanceof Float32Array || W instanceof Float64Array)) {
    throw new RangeError('W must be a Float32Array or Float64Array [nHidden, nFeatures]');
  }
  if (!Number.isInteger(nHidden) || nHidden < 1) {
    throw new RangeError(`nHidden must be a positive integer, got ${nHidden}`);
  }
  if (!Number.isInteger(nFeatures) || nFeatures < 1) {
    throw new RangeError(`nFeatures must be a positive integer, got ${nFeatures}`);
  }
  if (W.length !== nHidden * nFeatures) {
    throw new RangeError(
      `W has length ${W.length}, expected nHidden · nFeatures = ${nHidden} · ${nFeatures} = ${nHidden * nFeatures}`,
    );
  }
  for (let k = 0; k < W.length; k++) {
    if (!Number.isFinite(W[k])) {
      const h = Math.floor(k / nFeatures);
      throw new RangeError(`W[${h}, ${k - h * nFeatures}] is ${W[k]}; weights must be finite`);
    }
  }
}

/** Throws a RangeError unless out is a Float64Array of the given length. */
export function checkOut(out: Float64Array, length: number, name = 'out'): void {
  if (!(out instanceof Float64Array) || out.length !== length) {
    throw new RangeError(`${name} must be a Float64Array of length ${length}`);
  }
}
