/**
 * xoshiro128** (Blackman & Vigna 2018), bit for bit the generator of src/core/rng.ts.
 * The four state words are held in globals while a batch is drawn, then stored back.
 */

let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

/** Loads the four words at `at` into the working state. */
export function rngLoad(at: usize): void {
  s0 = load<u32>(at);
  s1 = load<u32>(at, 4);
  s2 = load<u32>(at, 8);
  s3 = load<u32>(at, 12);
}

/** Stores the working state back to `at`. */
export function rngStore(at: usize): void {
  store<u32>(at, s0);
  store<u32>(at, s1, 4);
  store<u32>(at, s2, 8);
  store<u32>(at, s3, 12);
}

/** The next uint32. */
export function rngNext(): u32 {
  const result = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return result;
}
