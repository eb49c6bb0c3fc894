/**
 * tegum's WebAssembly kernels: the SIMD twins of src/core/js/*. Pointers are byte offsets
 * into this module's memory; the TypeScript wrapper (src/core/wasm-kernels.ts) lays data
 * out above `heapBase()` and copies it in and out.
 */

import { gemmRows, mirrorUpper, syrkUpper } from './gemm';

export { toyTrainStep, toyScratchBytes } from './toy';
export {
  toyNeuronStep,
  toyNeuronScratchBytes,
  toyNeuronLayout,
  toyNeuronPrepare,
  toyNeuronSamplesPart,
  toyNeuronFinish,
  toyNeuronInstanceBytes,
  toyNeuronInstancesPart,
} from './toy-neuron';
export { toyStepArgsBytes, toyStepArgsOffset } from './toy-step-args';
export { toyData, toyDataBytes } from './toy-sample-stream';
export { toySampleBatch } from './toy-sample-batch';
export { powerPackingGradient, powerUpper } from './power-packing';
export { toySampleCsr } from './toy-sample-csr';

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

/** One thread's share of `gram`'s triangle: 4-row blocks [iFrom, iTo). */
export function gramPart(G: usize, V: usize, d: i32, n: i32, ld: i32, iFrom: i32, iTo: i32): void {
  syrkUpper(G, V, d, n, ld, iFrom, iTo);
}

/** One thread's share of `gram`'s mirror: 32-row tiles [iFrom, iTo). */
export function mirrorPart(G: usize, n: i32, ld: i32, iFrom: i32, iTo: i32): void {
  mirrorUpper(G, n, ld, iFrom, iTo);
}

/** One thread's share of `gramTimes`: 8-column tiles [jFrom, jTo). */
export function gramTimesPart(
  out: usize,
  V: usize,
  A: usize,
  d: i32,
  n: i32,
  ld: i32,
  jFrom: i32,
  jTo: i32,
): void {
  gemmRows(out, V, A, d, n, ld, jFrom, jTo);
}

export {
  toyTeamScratchBytes,
  toyTeamLayout,
  toyTeamWp,
  toyTeamG,
  toyTeamS,
  toyTeamGW,
  toyPrepare,
  toySamplesPart,
  toyReducePart,
  toyFinish,
} from './toy-threaded';
