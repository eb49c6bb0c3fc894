/**
 * The one backend switch (DESIGN.md §6; tfjs's op/kernel split): every op checks its
 * arguments and calls the active backend's kernel of the same name and signature —
 * 'js' (plain TypeScript references, src/core/js/) or 'wasm' (AssemblyScript SIMD twins,
 * assembly/, loaded by src/core/wasm-kernels.ts).
 */

import { gram } from './js/gram.js';
import { gramTimes } from './js/gram-times.js';
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
}

/** The TypeScript reference kernels. */
export const jsKernels: Kernels = { name: 'js', gram, gramTimes, toyTrainStep };

let active: Kernels = jsKernels;
let wasmDefault: Promise<Kernels> | undefined;

/**
 * Chooses the backend every op runs on ('js' is the default). 'wasm' compiles and
 * instantiates the WebAssembly module once (from `source` if given, else the built file).
 */
export async function setBackend(name: BackendName, source?: BufferSource): Promise<void> {
  if (name === 'js') {
    active = jsKernels;
  } else if (name === 'wasm') {
    const { loadWasmKernels } = await import('./wasm-kernels.js');
    if (source !== undefined) active = await loadWasmKernels(source);
    else active = await (wasmDefault ??= loadWasmKernels());
  } else {
    throw new RangeError(`backend must be 'js' or 'wasm', got ${String(name)}`);
  }
}

/** The active backend's name. */
export function getBackend(): BackendName {
  return active.name;
}

/** The active backend's kernels (for the ops). */
export function activeKernels(): Kernels {
  return active;
}
