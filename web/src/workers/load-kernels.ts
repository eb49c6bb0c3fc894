/**
 * Loads the compute core's WebAssembly-SIMD kernels (built from assembly/ by
 * `npm run build`; the relaxed-SIMD build where the browser has it) into this worker, once; every op then runs on them. If the browser
 * cannot compile them, the worker keeps the TypeScript reference kernels and says so
 * on the console — the numbers are the same to float32 tolerance, only slower.
 */
import { getBackend, setBackend, type BackendName } from '../../../src/index.js';
import { relaxedSimdSupported } from '../../../src/core/relaxed-simd.js';
import plainUrl from '../../../dist/core/tegum-kernels.wasm?url';
import relaxedUrl from '../../../dist/core/tegum-kernels-relaxed.wasm?url';

let ready: Promise<BackendName> | undefined;

/** Resolves to the backend in use ('wasm', or 'js' after a failed load). */
export function loadKernels(): Promise<BackendName> {
  ready ??= (async () => {
    try {
      // Fused multiply-adds where the browser validates relaxed SIMD (Chromium), else plain SIMD.
      const url = (await relaxedSimdSupported()) ? relaxedUrl : plainUrl;
      const bytes = await (await fetch(url)).arrayBuffer();
      await setBackend('wasm', { source: bytes });
    } catch (e) {
      console.warn('tegum: WebAssembly kernels unavailable, using TypeScript ones:', e);
    }
    return getBackend();
  })();
  return ready;
}
