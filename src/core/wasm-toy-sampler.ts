/**
 * The toy data stream for the native backend: the WebAssembly stream (assembly/
 * toy-sample-stream.ts, the one every backend draws) writing each instance's batch in
 * compressed sparse rows (assembly/toy-sample-csr.ts), so the native step
 * (native/src/toy-step.c) trains on the same draws, bit for bit, as the js and wasm twins.
 * One module instance of its own (single-threaded memory); the batch is handed to the addon
 * as views of that memory, without a copy.
 */

import {
  allocToyData,
  defaultSource,
  env,
  kernelsFile,
  putToyData,
  type Exports,
  type ToyDataAt,
} from './wasm-kernels.js';
import { relaxedSimdSupported } from './relaxed-simd.js';
import type { ToyState } from './toy-state.js';

/** One instance's batch: sample s's nonzeros are idx, val [rowStart[s], rowStart[s + 1]). */
export interface ToyCsrBatch {
  /** [B + 1] */
  readonly rowStart: Int32Array;
  /** Features, [B·n] of room ([rowStart[B]] used). */
  readonly idx: Int32Array;
  /** Their values, [B·n] of room. */
  readonly val: Float32Array;
}

/** Draws toy batches from a state's generators, one instance at a time. */
export interface WasmToySampler {
  /** Lays out the state's sampling tables and generators and room for one instance's batch. */
  open(s: ToyState): void;
  /**
   * Instance inst's next batch of the opened state, advancing its generator as a training
   * step does; views valid until the next call.
   */
  sample(inst: number): ToyCsrBatch;
  /** Copies the advanced generators back into the state's rngState. */
  close(s: ToyState): void;
}

/** Instantiates the kernels' single-threaded build for sampling. */
export async function loadWasmToySampler(): Promise<WasmToySampler> {
  await relaxedSimdSupported(); // sets V8's flag where the relaxed build needs it
  const bytes = await defaultSource(await kernelsFile(false));
  const { instance } = await WebAssembly.instantiate(bytes, { env });
  const x = instance.exports as unknown as Exports & { memory: WebAssembly.Memory };
  const memory = x.memory;
  const base = x.heapBase();
  let open: { at: ToyDataAt; batch: ToyCsrBatch } | undefined;
  let shape = { B: 0, n: 0, rowStart: 0, idx: 0, val: 0 };
  // The last state laid out (held weakly), in which buffer, and its views: a state trained
  // step after step keeps them, and only its tables and generators are copied in again.
  let laidOut:
    | { state: WeakRef<ToyState>; buffer: ArrayBufferLike; at: ToyDataAt; batch: ToyCsrBatch }
    | undefined;
  return {
    open(s) {
      if (laidOut?.state.deref() !== s || laidOut.buffer !== memory.buffer) {
        let top = base;
        const alloc = (bytes: number): number => {
          const p = (top + 15) & ~15;
          top = p + bytes;
          return p;
        };
        const { batchSize: B, nFeatures: n } = s;
        const at = allocToyData(alloc, x, s);
        shape = {
          B,
          n,
          rowStart: alloc((B + 1) * 4),
          idx: alloc(B * n * 4),
          val: alloc(B * n * 4),
        };
        const need = top - memory.buffer.byteLength;
        if (need > 0) memory.grow(Math.ceil(need / 65536));
        const buffer = memory.buffer;
        const batch = {
          rowStart: new Int32Array(buffer, shape.rowStart, B + 1),
          idx: new Int32Array(buffer, shape.idx, B * n),
          val: new Float32Array(buffer, shape.val, B * n),
        };
        laidOut = { state: new WeakRef(s), buffer, at, batch };
      }
      putToyData(x, memory.buffer, s, laidOut.at);
      open = laidOut;
    },
    sample(inst) {
      if (open === undefined) throw new Error('sample before open');
      x.toySampleCsr(shape.rowStart, shape.idx, shape.val, open.at.data, inst, shape.B, shape.n);
      return open.batch;
    },
    close(s) {
      if (open === undefined) throw new Error('close before open');
      s.rngState.set(new Uint32Array(memory.buffer, open.at.rng, s.rngState.length));
      open = undefined;
    },
  };
}
