/**
 * One instance's batch of the toy data in compressed sparse rows, for the native step
 * (native/src/toy-step.c): the stream the training steps draw (toy-sample-stream.ts),
 * advancing the instance's generator exactly as the fused step (toy.ts) does for it, so
 * every backend trains on the same draws. The twin of toy-sample-batch.ts in sparse form.
 */

import { streamBegin, streamRow, ToyData } from './toy-sample-stream';

/**
 * Writes instance inst's next batch of B samples (n features) from `data` (a ToyData):
 * rowStart [B + 1] (i32), and at nzIdx, nzVal (i32, f32; room for B·n entries) each
 * sample's nonzeros in stream order. Returns their count, rowStart[B].
 */
// prettier-ignore
export function toySampleCsr(rowStart: usize, nzIdx: usize, nzVal: usize, data: usize, inst: i32,
  B: i32, n: i32): i32 {
  streamBegin(changetype<ToyData>(data), inst, B, n);
  let nnz = 0;
  store<i32>(rowStart, 0);
  for (let s = 0; s < B; s++) {
    const at = (<usize>nnz) << 2;
    nnz += streamRow(nzIdx + at, nzVal + at, s, n);
    store<i32>(rowStart + ((<usize>(s + 1)) << 2), nnz);
  }
  return nnz;
}
