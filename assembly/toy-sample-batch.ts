/**
 * One dense batch of the toy data, the twin of src/core/js/toy-sample-batch.ts: the stream
 * the training steps draw (toy-sample-stream.ts), written out densely for inspection and
 * for the sampling tests.
 */

import { scatterRow, streamBegin, streamRow, ToyData } from './toy-sample-stream';

/**
 * Fills x [B, n] (f32) with instance inst's next batch from `data` (a ToyData), advancing
 * its generator; nzIdx, nzVal are scratch of n entries each (i32, f32).
 */
// prettier-ignore
export function toySampleBatch(x: usize, data: usize, inst: i32, B: i32, n: i32, nzIdx: usize,
  nzVal: usize): void {
  const rowBytes = (<usize>n) << 2;
  memory.fill(x, 0, <usize>B * rowBytes);
  streamBegin(changetype<ToyData>(data), inst, B, n);
  for (let s = 0; s < B; s++) {
    scatterRow(x + <usize>s * rowBytes, nzIdx, nzVal, streamRow(nzIdx, nzVal, s, n));
  }
}
