/**
 * The native backend: tegum's BLAS twins (native/src/tegum-native.c, an N-API addon over
 * the system's CBLAS, built by `npm ci` where libopenblas-dev is installed). Gram through
 * ssyrk (the upper triangle, half a gemm's flops) and a mirror; V·A through ssymm; the power
 * objective's fused step (ssyrk, a vectorised pass over the upper triangle, ssymm) in
 * native/src/power-packing.c. The toy step in C (native/src/toy-step.c: dense instances
 * through sgemm, sparse ones in the Gram form), on batches the one WebAssembly data stream
 * draws (wasm-toy-sampler.ts), so every backend trains on the same draws; toySampleBatch is
 * that stream written out densely.
 * Node only: the addon is loaded through `createRequire`, from specifiers in variables so
 * browser bundles leave it out.
 */

import type { Kernels } from './backend.js';
import type { ToyState } from './toy-state.js';
import { hasNeurons } from './toy-models.js';

/** The addon's exports (native/src/tegum-native.c). */
export interface NativeAddon {
  gram(G: Float32Array, V: Float32Array, d: number, n: number): void;
  gramTimes(out: Float32Array, V: Float32Array, A: Float32Array, d: number, n: number): void;
  // prettier-ignore
  powerPackingGradient(out: Float32Array, V: Float32Array, G: Float32Array, d: number, n: number,
    alpha: number, smoothing: number): number;
  /** C [m, n] = A [m, k] · B [k, n], row-major (the benchmark's peak). */
  sgemm(C: Float32Array, A: Float32Array, B: Float32Array, m: number, n: number, k: number): void;
  /** OpenBLAS's thread count, process-wide. */
  setThreads(t: number): void;
  getThreads(): number;
  /** OpenBLAS's build description (version, kernel, threading). */
  config(): string;
  /** Work space for toyStep (grown as shapes need, freed with the object). */
  toyStepScratch(): ToyStepScratch;
  /**
   * One training step of instance shape[0] (native/src/toy-step.c) on the batch rowStart
   * [B + 1], idx, val (its samples' nonzeros): loss[inst] and one Adam/AdamW update.
   * @param shape [inst, n, m, B, relu ? 1 : 0, threads for the sample pass]
   * @param adam [lr, beta1, beta2, eps, weightDecay, decoupled ? 1 : 0, step]
   */
  // prettier-ignore
  toyStep(scratch: ToyStepScratch, W: Float32Array, b: Float32Array, mW: Float32Array,
    vW: Float32Array, mb: Float32Array, vb: Float32Array, importance: Float32Array,
    loss: Float32Array, rowStart: Int32Array, idx: Int32Array, val: Float32Array,
    shape: Int32Array, adam: Float64Array): void;
  /** Work space for toyNeuronStep (grown as shapes need, freed with the object). */
  toyNeuronScratch(): ToyStepScratch;
  /**
   * One training step of instance shape[0] of a neuron model (native/src/toy-neuron-step.c)
   * on the batch rowStart, idx, val: loss[inst] and one Adam/AdamW update of W, b (and W2,
   * [nI, n, m], empty where tied).
   * @param shape [inst, n, m, B, tied ? 1 : 0, threads for the per-sample form]
   * @param adam [lr, beta1, beta2, eps, weightDecay, decoupled ? 1 : 0, step]
   */
  // prettier-ignore
  toyNeuronStep(scratch: ToyStepScratch, W: Float32Array, b: Float32Array, mW: Float32Array,
    vW: Float32Array, mb: Float32Array, vb: Float32Array, W2: Float32Array, mW2: Float32Array,
    vW2: Float32Array, importance: Float32Array, loss: Float32Array, rowStart: Int32Array,
    idx: Int32Array, val: Float32Array, shape: Int32Array, adam: Float64Array): void;
}

/** The addon's toy step work space (an opaque external). */
export type ToyStepScratch = { readonly __brand: 'ToyStepScratch' };

const ADDON_PATH = '../../native/build/Release/tegum_native.node';
let addon: Promise<NativeAddon> | undefined;

/**
 * The addon, loaded once per thread (src/core and dist/core both sit two levels below the
 * repository root, where native/build lies).
 * @throws RangeError where it was not built (no libopenblas-dev, no compiler), cannot
 *   load, or TEGUM_NATIVE=off: the request cannot be met here
 */
export function loadNativeAddon(): Promise<NativeAddon> {
  addon ??= (async () => {
    if (typeof process !== 'undefined' && process.env.TEGUM_NATIVE === 'off') {
      throw new RangeError(
        "native backend not available (TEGUM_NATIVE=off); choose 'auto' or 'wasm'",
      );
    }
    const nodeModule = 'node:module';
    const { createRequire } = (await import(
      /* @vite-ignore */ nodeModule
    )) as typeof import('node:module');
    const path = ADDON_PATH;
    const url = new URL(path, import.meta.url);
    try {
      return createRequire(import.meta.url)(url.pathname) as NativeAddon;
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new RangeError(
        `native backend not available (${why}): install libopenblas-dev and run \`node native/build.mjs\`, or choose 'auto' or 'wasm'`,
      );
    }
  })();
  addon.catch(() => (addon = undefined)); // a later call tries again
  return addon;
}

/**
 * The native kernels with OpenBLAS on `threads` threads (process-wide: every caller in the
 * process shares OpenBLAS's pool, so the worker pool passes cores / workers).
 * @param threads OpenBLAS threads; default 1
 */
export async function loadNativeKernels(threads = 1): Promise<Kernels> {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`threads must be a positive integer, got ${threads}`);
  }
  const x = await loadNativeAddon();
  const { loadWasmToySampler } = await import('./wasm-toy-sampler.js');
  const sampler = await loadWasmToySampler();
  const scratch = x.toyStepScratch();
  const neuronScratch = x.toyNeuronScratch();
  const shape = new Int32Array(6);
  const adam = new Float64Array(7);
  // OpenBLAS's count is process-wide: restore ours before each call (another thread count's
  // kernels may have run since), at the cost of one addon call.
  const ours = (): void => {
    if (x.getThreads() !== threads) x.setThreads(threads);
  };
  return {
    name: 'native',
    gram(G, V, d, n) {
      ours();
      x.gram(G, V, d, n);
    },
    gramTimes(out, V, A, d, n) {
      ours();
      x.gramTimes(out, V, A, d, n);
    },
    powerPackingGradient(out, V, G, d, n, alpha, smoothing) {
      ours();
      return x.powerPackingGradient(out, V, G, d, n, alpha, smoothing);
    },
    toyTrainStep(s: ToyState, lr: number, loss: Float32Array) {
      // `threads` for OpenBLAS's products and for the sparse form's sample pass (split by
      // features, or by samples for the neuron models; OpenBLAS idles meanwhile): never
      // more than `threads` busy at once.
      ours();
      const neuron = hasNeurons(s.model);
      const flag = neuron ? s.model === 'neuron' : s.relu;
      shape.set([0, s.nFeatures, s.nHidden, s.batchSize, flag ? 1 : 0, threads]);
      adam.set([lr, s.beta1, s.beta2, s.eps, s.weightDecay, s.decoupled ? 1 : 0, s.step]);
      sampler.open(s);
      try {
        for (let inst = 0; inst < s.nInstances; inst++) {
          const { rowStart, idx, val } = sampler.sample(inst);
          shape[0] = inst;
          // prettier-ignore
          if (neuron) {
            x.toyNeuronStep(neuronScratch, s.W, s.b, s.mW, s.vW, s.mb, s.vb, s.W2, s.mW2, s.vW2,
              s.importance, loss, rowStart, idx, val, shape, adam);
          } else {
            x.toyStep(scratch, s.W, s.b, s.mW, s.vW, s.mb, s.vb, s.importance, loss, rowStart,
              idx, val, shape, adam);
          }
        }
      } finally {
        sampler.close(s);
      }
    },
    toySampleBatch(out: Float32Array, s: ToyState, inst: number) {
      const n = s.nFeatures;
      sampler.open(s);
      try {
        const { rowStart, idx, val } = sampler.sample(inst);
        out.fill(0, 0, s.batchSize * n);
        for (let r = 0; r < s.batchSize; r++) {
          for (let t = rowStart[r]; t < rowStart[r + 1]; t++) out[r * n + idx[t]] = val[t];
        }
      } finally {
        sampler.close(s);
      }
    },
  };
}
