/**
 * Whether this engine runs relaxed-SIMD WebAssembly (f32x4.relaxed_madd: a fused
 * multiply-add where the CPU has one), decided by validating a tiny probe module.
 * Chromium ships relaxed SIMD; Node 20's V8 has it behind `--experimental-wasm-relaxed-simd`,
 * which this sets (process-wide, before any compile) in the thread that asks — the main
 * thread and each worker ask before compiling. Safari and older engines fail the probe
 * and keep the plain-SIMD build.
 */

/** (func (param v128 v128 v128) (result v128) local.get 0 1 2, f32x4.relaxed_madd). */
const PROBE = new Uint8Array([
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00, // magic, version
  0x01,
  0x08,
  0x01,
  0x60,
  0x03,
  0x7b,
  0x7b,
  0x7b,
  0x01,
  0x7b, // type: (v128 ×3) → v128
  0x03,
  0x02,
  0x01,
  0x00, // one function of type 0
  0x0a,
  0x0d,
  0x01,
  0x0b,
  0x00,
  0x20,
  0x00,
  0x20,
  0x01,
  0x20,
  0x02,
  0xfd,
  0x85,
  0x02,
  0x0b,
]);

let answer: Promise<boolean> | undefined;

/** Sets V8's flag where this is Node, then validates the probe; cached per thread. */
export function relaxedSimdSupported(): Promise<boolean> {
  answer ??= (async () => {
    if (typeof process !== 'undefined' && process.versions?.node !== undefined) {
      if (process.env.TEGUM_RELAXED_SIMD === 'off') return false;
      const v8Module = 'node:v8'; // in a variable: browser bundlers leave it alone
      const v8 = (await import(/* @vite-ignore */ v8Module)) as typeof import('node:v8');
      v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    }
    return WebAssembly.validate(PROBE);
  })();
  return answer;
}
