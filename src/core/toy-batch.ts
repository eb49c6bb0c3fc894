/**
 * One dense batch of the toy models' data (Elhage et al. 2022 §2): x_bf ~ U[0, 1) with
 * probability p, else 0, features independent. The fused step's geometric stream for such
 * an instance (toy-sample-stream.ts; `toySampleBatch` draws any state's stream): the
 * B·n positions are walked in row-major order, the gap to the next nonzero is geometric,
 * ⌊ln u / ln(1 − p)⌋ with u ∈ (0, 1], then the value is drawn. For inspection, tests and
 * the web explorer; the training step never materialises the dense batch.
 */

import { uniform24, uniformOpen32, xoshiroNext } from './xoshiro-buffer.js';

/**
 * Fills x with one batch drawn from the generator at `rngState[4·instance ..]`, advancing it.
 * @param x out, [batchSize, nFeatures]
 * @param rngState [*, 4] xoshiro128** words
 * @param instance which generator
 * @param featureProbability p ∈ [0, 1]
 */
export function sampleToyBatch(
  x: Float32Array,
  rngState: Uint32Array,
  instance: number,
  featureProbability: number,
  batchSize: number,
  nFeatures: number,
): void {
  const p = featureProbability;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`featureProbability must be in [0, 1], got ${p}`);
  const total = batchSize * nFeatures;
  if (x.length !== total) {
    throw new RangeError(`x must have batchSize · nFeatures = ${total} entries, got ${x.length}`);
  }
  x.fill(0);
  if (p === 0) return;
  const invLogQ = 1 / Math.log1p(-Math.fround(p));
  const o = 4 * instance;
  let pos = -1;
  for (;;) {
    pos += 1 + Math.floor(Math.log(uniformOpen32(xoshiroNext(rngState, o))) * invLogQ);
    if (pos >= total) return;
    x[pos] = uniform24(xoshiroNext(rngState, o));
  }
}
