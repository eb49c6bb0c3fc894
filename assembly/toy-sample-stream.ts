/**
 * The toy models' data stream (Elhage et al. 2022 §2), bit for bit the stream of
 * src/core/toy-sample-stream.ts, shared by the fused step (toy.ts), the threaded one
 * (toy-threaded.ts) and the batch kernel (toy-sample-batch.ts). Two forms, chosen per
 * instance (ToyData.unitStream):
 *
 * - the geometric stream, for independent features of one probability p: each feature is
 *   U[0, 1) with probability p, else 0; the B·n positions of the batch are walked in
 *   row-major order, the gap to the next nonzero drawn from the geometric law
 *   ⌊ln u / ln(1 − p)⌋, u ∈ (0, 1] (Devroye 1986, §X.2), then its value — two draws per
 *   nonzero, in that order;
 * - the unit stream, for per-feature probabilities and correlated or anticorrelated sets
 *   (Elhage et al. 2022 §7): per sample, per unit (a free feature, a correlated set or an
 *   anticorrelated set, in the order of their first features) one activity draw u < P_unit;
 *   an active free feature draws its value, an active correlated set one value per member,
 *   an active anticorrelated set one member uniformly, then its value.
 *
 * All draws come from the instance's own generator. Values are U[0, 1); where the data is
 * signed (the absolute-value model, ToyData.signed) each is written as 2v − 1, U[−1, 1).
 */

import { rngLoad, rngNext, rngStore } from './xoshiro';

/** Where an instance's data stream reads its parameters (all arrays caller-owned). */
@unmanaged
export class ToyData {
  /** [nI] f32: each instance's mean feature probability (the geometric stream's p). */
  density: usize;
  /** [nI] f64: 1 / ln(1 − p) for the geometric stream. */
  invLogQ: usize;
  /** [nI, 4] u32: xoshiro128** words. */
  rng: usize;
  /** [nI] i32: 1 where the instance draws the unit stream. */
  unitStream: usize;
  /** [nUnits + 1] i32: where each unit's features start in unitFeature. */
  unitStart: usize;
  /** [nUnits] i32: 0 a free feature, 1 a correlated set, 2 an anticorrelated set. */
  unitKind: usize;
  /** [nFeatures] i32: the units' features. */
  unitFeature: usize;
  /** [nI, nUnits] f32: each unit's activity probability. */
  unitProbability: usize;
  nUnits: i32;
  /** 1 where active values are written as 2v − 1, U[−1, 1) (the absolute-value model's data). */
  signed: i32;
}

/** Bytes a ToyData takes. */
export function toyDataBytes(): usize {
  return (offsetof<ToyData>() + 15) & ~15;
}

/** Writes a ToyData at `at` (see its fields) and returns `at`. */
// prettier-ignore
export function toyData(at: usize, density: usize, invLogQ: usize, rng: usize, unitStream: usize,
  unitStart: usize, unitKind: usize, unitFeature: usize, unitProbability: usize,
  nUnits: i32, signed: i32): usize {
  const D = changetype<ToyData>(at);
  D.density = density;
  D.invLogQ = invLogQ;
  D.rng = rng;
  D.unitStream = unitStream;
  D.unitStart = unitStart;
  D.unitKind = unitKind;
  D.unitFeature = unitFeature;
  D.unitProbability = unitProbability;
  D.nUnits = nUnits;
  D.signed = signed;
  return at;
}

/** The instance whose stream is open: its data, generator, and which form it draws. */
let openData: ToyData = changetype<ToyData>(0);
let openRng: usize = 0;
let openUnits: usize = 0; // its row of unitProbability, or 0 for the geometric stream
let openTotal: f64 = 0;
let openSigned: bool = false;

/** Opens instance inst's stream of B·n positions: the first draws of the geometric form. */
export function streamBegin(D: ToyData, inst: i32, B: i32, n: i32): void {
  openData = D;
  openRng = D.rng + ((<usize>inst) << 4);
  openTotal = <f64>B * <f64>n;
  openSigned = D.signed != 0;
  const units = load<i32>(D.unitStream + ((<usize>inst) << 2)) != 0;
  openUnits = units ? D.unitProbability + ((<usize>inst * <usize>D.nUnits) << 2) : 0;
  if (!units) {
    const p = load<f32>(D.density + ((<usize>inst) << 2));
    streamStart(openRng, p, load<f64>(D.invLogQ + ((<usize>inst) << 3)), openTotal);
  }
}

/** Sample s's nonzeros (of n features) into nzIdx, nzVal from the open stream; their count. */
export function streamRow(nzIdx: usize, nzVal: usize, s: i32, n: i32): i32 {
  const nnz =
    openUnits == 0 ? drawRow(openRng, nzIdx, nzVal, s, n, openTotal) : unitRow(nzIdx, nzVal);
  // 2v − 1 is exact in f32 (v a multiple of 2⁻²⁴ in [0, 1)), as js's float64 arithmetic.
  if (openSigned)
    for (let t = 0; t < nnz; t++) {
      const q = nzVal + ((<usize>t) << 2);
      store<f32>(q, <f32>2 * load<f32>(q) - <f32>1);
    }
  return nnz;
}

/** One sample of the unit stream (see the header) from the open instance. */
function unitRow(nzIdx: usize, nzVal: usize): i32 {
  const D = openData;
  const P = openUnits;
  const start = D.unitStart;
  const kind = D.unitKind;
  const feature = D.unitFeature;
  const nUnits = D.nUnits;
  const rs = openRng;
  // The activity draws (most of them, where features are sparse) step xoshiro128** in
  // locals, as drawRow does; an active unit's few draws go through xoshiro.ts's state.
  let s0 = load<u32>(rs),
    s1 = load<u32>(rs, 4),
    s2 = load<u32>(rs, 8),
    s3 = load<u32>(rs, 12);
  let nnz = 0;
  for (let u = 0; u < nUnits; u++) {
    const q = (<usize>u) << 2;
    const r = rotl<u32>(s1 * 5, 7) * 9;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl<u32>(s3, 11);
    if (!(<f64>r * 2.3283064365386963e-10 < <f64>load<f32>(P + q))) continue;
    store<u32>(rs, s0);
    store<u32>(rs, s1, 4);
    store<u32>(rs, s2, 8);
    store<u32>(rs, s3, 12);
    rngLoad(rs);
    const a = load<i32>(start + q);
    const k = load<i32>(kind + q);
    if (k == 1) {
      const e = load<i32>(start + q, 4);
      for (let f = a; f < e; f++) {
        store<i32>(nzIdx + ((<usize>nnz) << 2), load<i32>(feature + ((<usize>f) << 2)));
        store<f32>(nzVal + ((<usize>nnz) << 2), uniform24(rngNext()));
        nnz++;
      }
    } else {
      let f = a;
      if (k == 2) {
        const len = <u64>(load<i32>(start + q, 4) - a);
        f += <i32>((<u64>rngNext() * len) >> 32);
      }
      store<i32>(nzIdx + ((<usize>nnz) << 2), load<i32>(feature + ((<usize>f) << 2)));
      store<f32>(nzVal + ((<usize>nnz) << 2), uniform24(rngNext()));
      nnz++;
    }
    rngStore(rs);
    s0 = load<u32>(rs);
    s1 = load<u32>(rs, 4);
    s2 = load<u32>(rs, 8);
    s3 = load<u32>(rs, 12);
  }
  store<u32>(rs, s0);
  store<u32>(rs, s1, 4);
  store<u32>(rs, s2, 8);
  store<u32>(rs, s3, 12);
  return nnz;
}

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
function streamStart(rs: usize, p: f32, q: f64, total: f64): void {
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
function drawRow(rs: usize, nzIdx: usize, nzVal: usize, s: i32, n: i32, total: f64): i32 {
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
