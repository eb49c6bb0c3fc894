/**
 * tegum's WebAssembly kernels: the SIMD twins of src/core/js/*. Pointers are byte offsets
 * into this module's memory; the TypeScript wrapper (src/core/wasm-kernels.ts) lays data
 * out above `heapBase()` and copies it in and out.
 */

import { gemmRows, mirrorUpper, syrkUpper } from './gemm';

export { toyTrainStep, toyScratchBytes } from './toy';

/** First free byte above static data. */
export function heapBase(): usize {
  return __heap_base;
}

/** G [n, ld] = VᵀV for V [d, ld] (zero padding beyond column n; ld ≥ ceil4(n) + 4). */
export function gram(G: usize, V: usize, d: i32, n: i32, ld: i32): void {
  syrkUpper(G, V, d, n, ld);
  mirrorUpper(G, n, ld);
}

/** out [ceil4(d), ld] = V·A for V [ceil4(d), ld] (zero padding) and a symmetric A [n, ld]. */
export function gramTimes(out: usize, V: usize, A: usize, d: i32, n: i32, ld: i32): void {
  gemmRows(out, V, A, d, n, ld);
}
