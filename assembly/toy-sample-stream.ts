/**
 * The toy models' data stream (Elhage et al. 2022 §2), bit for bit the stream of
 * src/core/toy-gradient.ts, shared by the fused step (toy.ts) and the threaded one
 * (toy-threaded.ts). Each feature is U[0, 1) with probability p, else 0: the B·n positions
 * of an instance's batch are walked in row-major order, the gap to the next nonzero drawn
 * from the geometric law ⌊ln u / ln(1 − p)⌋, u ∈ (0, 1] (Devroye 1986, §X.2), then its
 * value — two draws per nonzero, in that order, on the instance's own generator.
 */

import { rngLoad, rngNext, rngStore } from './xoshiro';

/** The flat position of the instance's next nonzero (≥ B·n when none is left), and its value. */
let cursorPos: f64 = 0;
let cursorVal: f32 = 0;
/** 1 / ln(1 − p) of the current instance, and zeroGapAbove of it. */
let invLogQ: f64 = 0;
let u0: f64 = 0;

/**
 * Starts instance's stream of `total` = B·n positions with feature probability p and
 * q = 1 / ln(1 − p): draws the first gap and value from the generator at `rs`.
 */
export function streamStart(rs: usize, p: f32, q: f64, total: f64): void {
  invLogQ = q;
  u0 = zeroGapAbove(q);
  rngLoad(rs);
  if (p > 0) {
    const u = (<f64>rngNext() + 1) * 2.3283064365386963e-10;
    cursorPos = u > u0 ? 0 : Math.floor(Math.log(u) * q);
  } else cursorPos = total;
  cursorVal = cursorPos < total ? uniform24(rngNext()) : 0;
  rngStore(rs);
}

/**
 * Draws sample s's nonzeros (of n features) into nzIdx, nzVal (CSR, i32 and f32 entries),
 * returning their count, and continues the stream. The xoshiro128** words (at `rs`) live in
 * locals here, the step of xoshiro.ts written out: globals would cost a memory round trip
 * per word per draw.
 */
export function drawRow(rs: usize, nzIdx: usize, nzVal: usize, s: i32, n: i32, total: f64): i32 {
  let s0 = load<u32>(rs),
    s1 = load<u32>(rs, 4),
    s2 = load<u32>(rs, 8),
    s3 = load<u32>(rs, 12);
  const q = invLogQ;
  const u0Local = u0;
  let pos = cursorPos;
  let val = cursorVal;
  const rowStart = <f64>s * <f64>n;
  const rowEnd = rowStart + <f64>n;
  let nnz = 0;
  while (pos < rowEnd) {
    store<i32>(nzIdx + ((<usize>nnz) << 2), <i32>(pos - rowStart));
    store<f32>(nzVal + ((<usize>nnz) << 2), val);
    nnz++;
    let r = rotl<u32>(s1 * 5, 7) * 9;
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl<u32>(s3, 11);
    const u = (<f64>r + 1) * 2.3283064365386963e-10;
    pos += 1 + (u > u0Local ? 0 : Math.floor(Math.log(u) * q));
    if (pos < total) {
      r = rotl<u32>(s1 * 5, 7) * 9;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl<u32>(s3, 11);
      val = uniform24(r);
    }
  }
  store<u32>(rs, s0);
  store<u32>(rs, s1, 4);
  store<u32>(rs, s2, 8);
  store<u32>(rs, s3, 12);
  cursorPos = pos;
  cursorVal = val;
  return nnz;
}

/** x [n] (f32) at the sample's nonzeros set to their values (x is zero elsewhere). */
export function scatterRow(x: usize, nzIdx: usize, nzVal: usize, nnz: i32): void {
  for (let t = 0; t < nnz; t++) {
    const q = (<usize>t) << 2;
    store<f32>(x + ((<usize>load<i32>(nzIdx + q)) << 2), load<f32>(nzVal + q));
  }
}

/**
 * A u0 above which the gap ⌊ln u · invLogQ⌋ is surely 0, so the logarithm can be skipped
 * (a draw in a fraction ≈ p of gaps) with the same result bit for bit: the gap is 0 exactly
 * when ln u · invLogQ < 1, i.e. u > q = e^(1/invLogQ) = 1 − p; the margin 1e-9 keeps
 * ln u · invLogQ ≤ 1 − 1e-9 |invLogQ|, far below 1 beside the float64 rounding (~1e-16) of
 * exp, ln and the product. For p = 1 (invLogQ = −0) u0 = 0: every gap is 0.
 */
function zeroGapAbove(q: f64): f64 {
  return Math.exp(1 / q) * (1 + 1e-9);
}

/** A uniform float in [0, 1) from the top 24 bits of a uint32. */
export function uniform24(u: u32): f32 {
  return <f32>(u >> 8) * <f32>5.9604644775390625e-8;
}
