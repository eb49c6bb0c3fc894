/**
 * The entry point of a WorkerPool thread: sets its own kernel backend once (one
 * WebAssembly instance per worker), then for each message imports the named built module
 * (cached by the module loader) and calls the named export with the given arguments.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { setBackend, type BackendName } from './backend.js';

const { backend, blasThreads } = workerData as { backend: BackendName; blasThreads: number };
// One WebAssembly thread per worker; the native backend's OpenBLAS gets cores / workers.
const ready = setBackend(backend, { threads: backend === 'native' ? blasThreads : 1 });

parentPort?.on('message', async (msg: { module: string; name: string; args: unknown[] }) => {
  try {
    await ready;
    const mod = (await import(msg.module)) as Record<string, unknown>;
    const fn = mod[msg.name];
    if (typeof fn !== 'function') {
      throw new TypeError(`${msg.module} has no exported function ${msg.name}`);
    }
    const result: unknown = await (fn as (...a: unknown[]) => unknown)(...msg.args);
    parentPort?.postMessage({ result });
  } catch (err) {
    parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
