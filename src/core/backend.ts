/**
 * The one backend switch (docs/ARCHITECTURE.md §5.2; tfjs's op/kernel split): every op checks its
 * arguments and calls the active backend's kernel of the same name and signature —
 * 'js' (plain TypeScript references, src/core/js/), 'wasm' (AssemblyScript SIMD twins,
 * assembly/, loaded by src/core/wasm-kernels.ts) or 'native' (CBLAS through an N-API
 * addon, native/, loaded by src/core/native-kernels.ts; optional). 'auto' asks for the
 * fastest that loads: native, else wasm, else js.
 */

import { gram } from './js/gram.js';
import { gramTimes } from './js/gram-times.js';
import { powerPackingGradient } from './js/power-packing-gradient.js';
import { toySampleBatch } from './js/toy-sample-batch.js';
import { toyTrainStep } from './js/toy-train-step.js';
import type { ToyState } from './toy-state.js';

/** The backends (what `getBackend` reports). */
export type BackendName = 'js' | 'wasm' | 'native';

/** What a caller may ask for: a backend, or 'auto' (native, else wasm, else js). */
export type BackendChoice = BackendName | 'auto';

/** Every choice, in the order `--backend` lists them. */
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'native', 'wasm', 'js'];

/** One backend's kernels: arguments already checked by the ops. */
export interface Kernels {
  readonly name: BackendName;
  gram(G: Float32Array, V: Float32Array, d: number, n: number): void;
  gramTimes(out: Float32Array, V: Float32Array, A: Float32Array, d: number, n: number): void;
  // prettier-ignore
  powerPackingGradient(out: Float32Array, V: Float32Array, G: Float32Array, d: number, n: number,
    alpha: number, smoothing: number): number;
  toyTrainStep(state: ToyState, lr: number, loss: Float32Array): void;
  toySampleBatch(x: Float32Array, state: ToyState, instance: number): void;
}

/** The TypeScript reference kernels. */
export const jsKernels: Kernels = {
  name: 'js',
  gram,
  gramTimes,
  powerPackingGradient,
  toyTrainStep,
  toySampleBatch,
};

let active: Kernels = jsKernels;
const wasmLoaded = new Map<number, Promise<Kernels>>();
const nativeLoaded = new Map<number, Promise<Kernels>>();

/** Options of the 'wasm' and 'native' backends. */
export interface WasmOptions {
  /** The compiled module's bytes (default: the build next to the library, in Node). */
  source?: BufferSource;
  /**
   * Threads for gram and gramTimes (wasm: Node worker_threads on a shared memory; native:
   * OpenBLAS's threads, process-wide); default 1.
   */
  threads?: number;
}

/**
 * Chooses the backend every op runs on ('js' is the default). 'wasm' compiles and
 * instantiates the WebAssembly module (once per distinct thread count, unless `source`
 * is given); 'native' loads the addon (and throws where it was not built); 'auto' takes
 * the first of native, wasm, js that loads.
 */
export async function setBackend(name: BackendChoice, options: WasmOptions = {}): Promise<void> {
  if (name === 'auto') {
    await useBackend('auto', options);
  } else if (name === 'native') {
    const threads = options.threads ?? 1;
    let loading = nativeLoaded.get(threads);
    if (loading === undefined) {
      const { loadNativeKernels } = await import('./native-kernels.js');
      loading = loadNativeKernels(threads);
      nativeLoaded.set(threads, loading);
      loading.catch(() => nativeLoaded.delete(threads));
    }
    active = await loading;
  } else if (name === 'js') {
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
    throw new RangeError(
      `backend must be one of ${BACKEND_CHOICES.map((c) => `'${c}'`).join(', ')}, got ${String(name)}`,
    );
  }
}

/**
 * Chooses `wanted` (default 'auto'), falling back down native → wasm → js where a
 * backend cannot load (same numbers to float32 tolerance, slower). Returns the backend in
 * use. An explicit 'native' does not fall back: asking for it where it was not built is
 * an error the caller should see.
 * @throws when 'native' was asked for and cannot load, or an unknown name
 */
export async function useBackend(
  wanted: BackendChoice = 'auto',
  options: Pick<WasmOptions, 'threads'> = {},
): Promise<BackendName> {
  if (!BACKEND_CHOICES.includes(wanted)) await setBackend(wanted); // throws the one message
  const chain: BackendName[] =
    wanted === 'auto' ? ['native', 'wasm', 'js'] : wanted === 'wasm' ? ['wasm', 'js'] : [wanted];
  for (const [k, name] of chain.entries()) {
    try {
      await setBackend(name, options);
      break;
    } catch (err) {
      if (k === chain.length - 1) throw err;
    }
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
