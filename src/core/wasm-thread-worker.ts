/**
 * A helper thread of the threaded WebAssembly backend: instantiates the shared-memory
 * build of the kernels on the memory the main thread owns, then waits on a control word
 * and runs its share of each kernel (see wasm-threads.ts for the protocol).
 */

import { workerData } from 'node:worker_threads';
import { OP, runPart, type PartExports } from './wasm-parts.js';
import { relaxedSimdSupported } from './relaxed-simd.js';

const { module, memory, control, index } = workerData as {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: SharedArrayBuffer;
  index: number;
};
await relaxedSimdSupported(); // V8's relaxed-SIMD flag in this thread too, before instantiating
const instance = new WebAssembly.Instance(module, {
  env: {
    memory,
    abort: () => {
      throw new Error('tegum-kernels-shared.wasm aborted');
    },
  },
});
const x = instance.exports as unknown as PartExports;
const c = new Int32Array(control);
let seen = 0;
for (;;) {
  Atomics.wait(c, 0, seen);
  seen = Atomics.load(c, 0);
  if (c[2] === OP.exit) break;
  runPart(x, c[2], c.subarray(3, 12), index);
  Atomics.store(c, 1, seen);
  Atomics.notify(c, 1);
}
