/**
 * xoshiro128** (Blackman & Vigna 2018) stepping a state that lives in a shared
 * buffer: word offset `o` of `s` holds the four uint32 words. This is the same
 * generator as `Rng.nextUint32`, but with its state in a caller-owned array so a
 * kernel can advance many per-instance generators (and a WebAssembly twin can do
 * the same in its own memory, bit for bit).
 */

/**
 * Advances the generator whose four words are `s[o..o+3]` and returns the next uint32.
 * @param s state words, [*, 4] flattened
 * @param o offset of the first word
 */
export function xoshiroNext(s: Uint32Array, o: number): number {
  const s0 = s[o];
  const s1 = s[o + 1];
  const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
  const t = (s1 << 9) >>> 0;
  const s2 = s[o + 2] ^ s0;
  const s3 = s[o + 3] ^ s1;
  s[o + 1] = s1 ^ s2;
  s[o] = s0 ^ s3;
  s[o + 2] = s2 ^ t;
  s[o + 3] = rotl(s3 >>> 0, 11);
  return result;
}

/** A float32-exact uniform in [0, 1) from the top 24 bits of a uint32. */
export function uniform24(u: number): number {
  return (u >>> 8) * 5.9604644775390625e-8; // 2^-24
}

/** A uniform in (0, 1] from all 32 bits, for the geometric skip (never log(0)). */
export function uniformOpen32(u: number): number {
  return (u + 1) * 2.3283064365386963e-10; // 2^-32
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
