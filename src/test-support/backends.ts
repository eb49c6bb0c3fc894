/**
 * The backends the kernel test suite runs on: js, wasm (one and two threads) and, when
 * its addon loads, native (one and two OpenBLAS threads). Where the native backend is
 * required — TEGUM_REQUIRE_NATIVE=1, which .ci/run sets after installing libopenblas-dev
 * — it is listed even when it fails to load, so its tests fail instead of vanishing.
 * Excluded from the build.
 */
import { readFileSync } from 'node:fs';
import type { BackendName, WasmOptions } from '../core/backend.js';
import { companionUrl } from '../core/companion-url.js';
import { loadNativeAddon } from '../core/native-kernels.js';
import { relaxedSimdSupported } from '../core/relaxed-simd.js';

/** [label, backend, options for setBackend] for `describe.each`. */
export type BackendCase = [string, BackendName, WasmOptions];

/** Whether the native backend must load here (CI, with libopenblas-dev installed). */
export const NATIVE_REQUIRED = process.env.TEGUM_REQUIRE_NATIVE === '1';

/** Whether the native addon loads in this process. */
export async function nativeLoads(): Promise<boolean> {
  try {
    await loadNativeAddon();
    return true;
  } catch {
    return false;
  }
}

/**
 * Every backend under test, with 1 and 2 threads where threads apply; WebAssembly in its
 * default build (relaxed SIMD where this engine has it) and, where that is relaxed, in
 * the plain-SIMD fallback too.
 */
export async function kernelBackends(): Promise<BackendCase[]> {
  const relaxed = await relaxedSimdSupported();
  const flavor = relaxed ? 'relaxed SIMD' : 'plain SIMD';
  const cases: BackendCase[] = [
    ['js', 'js', {}],
    [`wasm, ${flavor}`, 'wasm', { threads: 1 }],
    [`wasm, ${flavor}, 2 threads`, 'wasm', { threads: 2 }],
  ];
  if (relaxed) {
    const plain = readFileSync(companionUrl('../core/tegum-kernels.wasm', import.meta.url));
    cases.push(['wasm, plain SIMD', 'wasm', { threads: 1, source: plain }]);
  }
  if (NATIVE_REQUIRED || (await nativeLoads())) {
    cases.push(
      ['native', 'native', { threads: 1 }],
      ['native, 2 threads', 'native', { threads: 2 }],
    );
  }
  return cases;
}
