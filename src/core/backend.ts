/**
 * The one backend switch (DESIGN.md §6; tfjs's op/kernel split): every op checks its
 * arguments and calls the active backend's kernel of the same name and signature —
 * 'js' (plain TypeScript references, src/core/js/) or 'wasm' (AssemblyScript SIMD twins,
 * assembly/, loaded by src/core/wasm-kernels.ts).
 */

import { gram } from './js/gram.js';
import { gramTimes } from './js/gram-times.js';
import { toySampleBatch } from './js/toy-sample-batch.js';
import { toyTrainStep } from './js/toy-train-step.js';
import type { ToyState } from './toy-state.js';

/** The names `setBackend` accepts. */
export type BackendName = 'js' | 'wasm';

/** One backend's kernels: arguments already checked by the ops. */
export interface Kernels {
  readonly name: BackendName;
  gram(G: Float32Array, V: Float32Array, d: number, n: number): void;
  gramTimes(out: Float32Array, V: Float32Array, A: Float32Array, d: number, n: number): void;
  toyTrainStep(state: ToyState, lr: number, loss: Float32Array): void;
  toySampleBatch(x: Float32Array, state: ToyState, instance: number): void;
}

/** The TypeScript reference kernels. */
export const jsKernels: Kernels = { name: 'js', gram, gramTimes, toyTrainStep, toySampleBatch };

let active: Kernels = jsKernels;
const wasmLoaded = new Map<number, Promise<Kernels>>();

/** Options of the 'wasm' backend. */
export interface WasmOptions {
  /** The compiled module's bytes (default: the build next to the library, in Node). */
  source?: BufferSource;
  /** Threads for gram and gramTimes (Node worker_threads on a shared memory); default 1. */
  threads?: number;
}

/**
 * Chooses the backend every op runs on ('js' is the default). 'wasm' compiles and
 * instantiates the WebAssembly module (once per distinct thread count, unless `source`
 * is given).
 */
export async function setBackend(name: BackendName, options: WasmOptions = {}): Promise<void> {
  if (name === 'js') {
    active = jsKernels;
  } else if (name === 'wasm') {
    const { loadWasmKernels } = await import('./wasm-kernels.js');
    const threads = options.threads ?? 1;
    if (options.source !== undefined) active = await loadWasmKernels(options.source, threads);
    else {
      let loading = wasmLoaded.get(threads);
      if (loading === undefined)
        wasmLoaded.set(threads, (loading = loadWasmKernels(undefined, threads)));
      active = await loading;
    }
  } else {
    throw new RangeError(`backend must be 'js' or 'wasm', got ${String(name)}`);
  }
}

/**
 * Chooses `wanted` (default 'wasm'); if the WebAssembly kernels cannot be loaded, falls
 * back to 'js' (same numbers to float32 tolerance, slower). Returns the backend in use.
 * @throws when 'js' itself was asked for and fails (it cannot).
 */
export async function useBackend(wanted: BackendName = 'wasm'): Promise<BackendName> {
  if (wanted !== 'wasm' && wanted !== 'js') {
    throw new RangeError(`useBackend: wanted must be 'wasm' or 'js', got ${String(wanted)}`);
  }
  try {
    await setBackend(wanted);
  } catch (err) {
    if (wanted === 'js') throw err;
    await setBackend('js');
  }
  return getBackend();
}

/** The active backend's name. */
export function getBackend(): BackendName {
  return active.name;
}

/** The active backend's kernels (for the ops). */
export function activeKernels(): Kernels {
  return active;
}
