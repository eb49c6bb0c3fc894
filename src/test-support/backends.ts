/**
 * The backends the kernel test suite runs on: js, wasm (one and two threads) and, when
 * its addon loads, native (one and two OpenBLAS threads). Where the native backend is
 * required — TEGUM_REQUIRE_NATIVE=1, which .ci/run sets after installing libopenblas-dev
 * — it is listed even when it fails to load, so its tests fail instead of vanishing.
 * Excluded from the build.
 */
import type { BackendName } from '../core/backend.js';
import { loadNativeAddon } from '../core/native-kernels.js';

/** [label, backend, threads] for `describe.each`. */
export type BackendCase = [string, BackendName, number];

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

/** Every backend under test, with 1 and 2 threads where threads apply. */
export async function kernelBackends(): Promise<BackendCase[]> {
  const cases: BackendCase[] = [
    ['js', 'js', 1],
    ['wasm', 'wasm', 1],
    ['wasm with 2 threads', 'wasm', 2],
  ];
  if (NATIVE_REQUIRED || (await nativeLoads())) {
    cases.push(['native', 'native', 1], ['native with 2 threads', 'native', 2]);
  }
  return cases;
}
