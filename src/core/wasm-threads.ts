/**
 * The threaded WebAssembly backend (Node, or browsers with cross-origin isolation): one
 * shared WebAssembly.Memory, the main thread plus T − 1 helper threads each holding an
 * instance of the shared-memory build. A kernel call writes its arguments to each helper's
 * control words, bumps the sequence word (Atomics.notify), runs the main thread's share,
 * and waits (Atomics.wait) until every helper has echoed the sequence number.
 * Control words: [0] sequence, [1] done, [2] op, [3..11] arguments.
 */

import { companionUrl } from './companion-url.js';
import { OP, runPart, type PartExports, type ThreadTeam } from './wasm-parts.js';

function helperUrl(): URL {
  return companionUrl('./wasm-thread-worker.js', import.meta.url);
}

/** Starts T − 1 helpers on `memory` for the exports `x` of the main thread's instance. */
export async function startTeam(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  x: PartExports,
  T: number,
): Promise<ThreadTeam> {
  const { Worker } = await import('node:worker_threads');
  const helpers = Array.from({ length: T - 1 }, (_, k) => {
    const control = new SharedArrayBuffer(12 * 4);
    const worker = new Worker(helperUrl(), {
      workerData: { module, memory, control, index: k + 1 },
    });
    worker.unref(); // a helper blocked in Atomics.wait must not keep the process alive
    return { worker, c: new Int32Array(control), seq: 0 };
  });
  const mine = new Int32Array(9);
  return {
    size: T,
    run(op, args, bounds) {
      helpers.forEach((h, k) => {
        h.c[2] = op;
        h.c.set([...args, bounds[k + 1], bounds[k + 2]], 3);
        h.seq += 1;
        Atomics.store(h.c, 0, h.seq);
        Atomics.notify(h.c, 0);
      });
      mine.set([...args, bounds[0], bounds[1]]);
      runPart(x, op, mine, 0);
      for (const h of helpers) {
        for (let d = Atomics.load(h.c, 1); d !== h.seq; d = Atomics.load(h.c, 1)) {
          Atomics.wait(h.c, 1, d, 1000);
        }
      }
    },
    async close() {
      for (const h of helpers) {
        h.c[2] = OP.exit;
        Atomics.store(h.c, 0, ++h.seq);
        Atomics.notify(h.c, 0);
      }
      await Promise.all(helpers.map((h) => h.worker.terminate()));
    },
  };
}
