/**
 * One dense batch of the toy data: the stream the training step draws
 * (src/core/toy-sample-stream.ts), written out densely. Reference TypeScript kernel; the op
 * (src/core/toy-sample-batch.ts) checks arguments, and the WebAssembly twin
 * (assembly/toy-sample-batch.ts) keeps this name and signature.
 */

import { streamBegin, streamRow } from '../toy-sample-stream.js';
import type { ToyState } from '../toy-state.js';

/**
 * Fills x with instance `inst`'s next batch, advancing its generator.
 * @param x out, [batchSize, nFeatures]
 */
export function toySampleBatch(x: Float32Array, state: ToyState, inst: number): void {
  const { nzIndex, nzValue, cursor } = state.scratch;
  const n = state.nFeatures;
  x.fill(0);
  streamBegin(cursor, state, inst);
  for (let s = 0; s < state.batchSize; s++) {
    const nnz = streamRow(nzIndex, nzValue, cursor, state, inst, s);
    for (let t = 0; t < nnz; t++) x[s * n + nzIndex[t]] = nzValue[t];
  }
}
