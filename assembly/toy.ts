/**
 * The toy models' fused training step in WebAssembly SIMD: the twin of
 * src/core/js/toy-train-step.ts (same stream, same Gram-form gradients, same Adam) —
 * see src/core/toy-gradient.ts for the derivation. Per instance: Wp (padded W) → G = WᵀW;
 * per sample: pre = b + Σ_nz x_j G_j, g = ∂L/∂pre, E_j += x_j g; then ∂L/∂W = W (E + Eᵀ)
 * and one Adam/AdamW update. Dense-ish instances take the factored form instead
 * (toy-factored.ts), whichever `factoredIsCheaper` says costs fewer multiply-adds.
 */

import { gemmRows, mirrorUpper, symmetrize, syrkUpper } from './gemm';
import {
  factoredFinish,
  factoredIsCheaper,
  factoredPrepare,
  factoredScratchFloats,
  SAMPLE_TILE,
} from './toy-factored';
import { factoredSamplePass, factoredTilePass } from './toy-factored-samples';
import { rngLoad, rngNext, rngStore } from './xoshiro';

function ceil4(x: i32): i32 {
  return (x + 3) & ~3;
}

/**
 * One step of nI instances. State arrays are unpadded ([nI, m, n], [nI, n]); `scratch` holds
 * toyScratchBytes(n, m, ld) bytes; `ld` ≥ ceil4(n) + 4. Writes loss[nI] (before the update).
 */
export function toyTrainStep(
  W: usize,
  b: usize,
  mW: usize,
  vW: usize,
  mb: usize,
  vb: usize, // [nI,m,n] [nI,n] ×2 each
  importance: usize,
  probability: usize,
  invLogQ: usize,
  rng: usize,
  loss: usize,
  scratch: usize,
  nI: i32,
  n: i32,
  m: i32,
  B: i32,
  ld: i32,
  relu: bool,
  lr: f64,
  beta1: f64,
  beta2: f64,
  eps: f64,
  weightDecay: f64,
  decoupled: bool,
  step: i32,
): void {
  const rowBytes = (<usize>ld) << 2;
  const n4 = ceil4(n);
  const m4 = ceil4(m);
  const Wp = scratch; // [m4, ld]
  const G = Wp + <usize>m4 * rowBytes; // [n4, ld]
  const E = G + <usize>n4 * rowBytes; // [n4, ld]
  const gW = E + <usize>n4 * rowBytes; // [m4, ld]
  const pre = gW + <usize>m4 * rowBytes; // [SAMPLE_TILE, ld]
  const x = pre + <usize>SAMPLE_TILE * rowBytes; // [SAMPLE_TILE, ld]
  const Ip = x + <usize>SAMPLE_TILE * rowBytes; // [ld] importance, zero-padded
  const gb = Ip + rowBytes; // [ld]
  const bi4 = gb + rowBytes; // [ld] b, zero-padded
  const h = bi4 + rowBytes; // [SAMPLE_TILE, m4] factored form: W x
  const dh = h + ((<usize>(SAMPLE_TILE * m4)) << 2); // [SAMPLE_TILE, m4] W g
  const Wt = dh + ((<usize>(SAMPLE_TILE * m4)) << 2); // [n, m4] Wᵀ
  const dWt = Wt + ((<usize>n * <usize>m4) << 2); // [n, m4] Σ x dhᵀ
  const nnzT = dWt + ((<usize>n * <usize>m4) << 2); // [4] i32: a tile's nonzero counts
  const nzIdx = nnzT + 16; // [SAMPLE_TILE, n] i32
  const nzVal = nzIdx + ((<usize>(SAMPLE_TILE * n)) << 2); // [SAMPLE_TILE, n] f32
  const total = <f64>B * <f64>n;
  const scale = <f32>(2.0 / total);
  // Zero only what padding and accumulation need: Wp, x, Ip, bi4 (G, E, gW, pre, gb are
  // written in full before they are read).
  memory.fill(Wp, 0, <usize>m4 * rowBytes);
  memory.fill(x, 0, rowBytes * (SAMPLE_TILE + 1));
  memory.fill(bi4, 0, rowBytes);

  for (let inst = 0; inst < nI; inst++) {
    const nBytes = (<usize>n) << 2;
    const w = W + <usize>inst * <usize>m * nBytes;
    const bi = b + <usize>inst * nBytes;
    for (let k = 0; k < m; k++)
      memory.copy(Wp + <usize>k * rowBytes, w + <usize>k * nBytes, nBytes);
    memory.copy(Ip, importance + <usize>inst * nBytes, nBytes);
    memory.fill(gb, 0, rowBytes);
    memory.copy(bi4, bi, nBytes); // padded b: its tail lanes stay zero
    const p = load<f32>(probability + ((<usize>inst) << 2));
    const factored = factoredIsCheaper(n, m, B, p);
    if (factored) factoredPrepare(Wp, Wt, dWt, gW, dh, n, m, rowBytes);
    else {
      syrkUpper(G, Wp, m, n, ld);
      mirrorUpper(G, n, ld);
      memory.fill(E, 0, <usize>n4 * rowBytes);
    }

    const rs = rng + ((<usize>inst) << 4);
    rngLoad(rs);
    const q = load<f64>(invLogQ + ((<usize>inst) << 3));
    const u0 = zeroGapAbove(q);
    cursorPos = p > 0 ? nextGap(q, u0) : total;
    cursorVal = cursorPos < total ? uniform24(rngNext()) : 0;
    rngStore(rs);
    let lossSum: f64 = 0;
    let s = 0;
    for (; factored && s + SAMPLE_TILE <= B; s += SAMPLE_TILE) {
      for (let t = 0; t < SAMPLE_TILE; t++) {
        const at = (<usize>(t * n)) << 2;
        const xt = x + <usize>t * rowBytes;
        store<i32>(
          nnzT + ((<usize>t) << 2),
          drawRow(rs, nzIdx + at, nzVal + at, xt, s + t, n, total, q, u0),
        );
      }
      // prettier-ignore
      lossSum += factoredTilePass(Wp, Wt, dWt, gW, h, dh, Ip, bi4, x, pre, gb, nzIdx, nzVal, nnzT,
        n, m, n4, rowBytes, relu, scale);
    }
    for (; s < B; s++) {
      const nnz = drawRow(rs, nzIdx, nzVal, x, s, n, total, q, u0);
      // prettier-ignore
      lossSum += factored
        ? factoredSamplePass(Wp, Wt, dWt, gW, h, dh, Ip, bi4, x, pre, gb, nzIdx, nzVal, nnz, m,
          n4, rowBytes, relu, scale)
        : samplePass(G, Ip, bi4, x, pre, gb, E, nzIdx, nzVal, nnz, n4, rowBytes, relu, scale);
    }
    store<f32>(loss + ((<usize>inst) << 2), <f32>(lossSum / total));

    if (factored) factoredFinish(gW, dWt, n, m, rowBytes);
    else {
      symmetrize(E, n, ld);
      gemmRows(gW, Wp, E, m, n, ld);
    }

    // prettier-ignore
    adamInstance(W, b, mW, vW, mb, vb, gW, gb, inst, n, m, rowBytes, lr, beta1, beta2, eps,
      weightDecay, decoupled, step);
  }
}

function addRow(dst: usize, src: usize, a: f32, len: i32): void {
  const av = f32x4.splat(a);
  for (let f = 0; f < len; f += 4) {
    const o = (<usize>f) << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(av, v128.load(src + o))));
  }
}

/** The flat position of the instance's next nonzero (≥ B·n when none is left), and its value. */
let cursorPos: f64 = 0;
let cursorVal: f32 = 0;

/**
 * Draws sample s's nonzeros into nzIdx, nzVal (CSR, returning their count) and x, continuing
 * the stream at cursorPos: per nonzero the gap, then the value, as nextGap and uniform24
 * draw them. The xoshiro128** words (at `rs`) live in locals here, the step of xoshiro.ts
 * written out: its globals would cost a memory round trip per word per draw.
 */
function drawRow(
  rs: usize,
  nzIdx: usize,
  nzVal: usize,
  x: usize,
  s: i32,
  n: i32,
  total: f64,
  invLogQ: f64,
  u0: f64,
): i32 {
  let s0 = load<u32>(rs),
    s1 = load<u32>(rs, 4),
    s2 = load<u32>(rs, 8),
    s3 = load<u32>(rs, 12);
  let pos = cursorPos;
  let val = cursorVal;
  const rowStart = <f64>s * <f64>n;
  const rowEnd = rowStart + <f64>n;
  let nnz = 0;
  while (pos < rowEnd) {
    const j = <i32>(pos - rowStart);
    store<i32>(nzIdx + ((<usize>nnz) << 2), j);
    store<f32>(nzVal + ((<usize>nnz) << 2), val);
    store<f32>(x + ((<usize>j) << 2), val);
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
    pos += 1 + (u > u0 ? 0 : Math.floor(Math.log(u) * invLogQ));
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

/** ⌊ln u · invLogQ⌋ for u = (next uint32 + 1) 2⁻³², skipping the logarithm when u > u0. */
function nextGap(invLogQ: f64, u0: f64): f64 {
  const u = (<f64>rngNext() + 1) * 2.3283064365386963e-10;
  return u > u0 ? 0 : Math.floor(Math.log(u) * invLogQ);
}

/**
 * A u0 above which the gap ⌊ln u · invLogQ⌋ is surely 0, so the logarithm can be skipped
 * (a draw in a fraction ≈ p of gaps) with the same result bit for bit: the gap is 0 exactly
 * when ln u · invLogQ < 1, i.e. u > q = e^(1/invLogQ) = 1 − p; the margin 1e-9 keeps
 * ln u · invLogQ ≤ 1 − 1e-9 |invLogQ|, far below 1 beside the float64 rounding (~1e-16) of
 * exp, ln and the product. For p = 1 (invLogQ = −0) u0 = 0: every gap is 0.
 */
function zeroGapAbove(invLogQ: f64): f64 {
  return Math.exp(1 / invLogQ) * (1 + 1e-9);
}

function uniform24(u: u32): f32 {
  return <f32>(u >> 8) * <f32>5.9604644775390625e-8;
}

/**
 * One Adam/AdamW step of instance `inst`: its W rows [m, n] from ∂L/∂W (gW, rows `rowBytes`
 * apart) and its b [n] from ∂L/∂b (gb), with the bias corrections of step `step`.
 */
export function adamInstance(
  W: usize,
  b: usize,
  mW: usize,
  vW: usize,
  mb: usize,
  vb: usize,
  gW: usize,
  gb: usize,
  inst: i32,
  n: i32,
  m: i32,
  rowBytes: usize,
  lr: f64,
  beta1: f64,
  beta2: f64,
  eps: f64,
  weightDecay: f64,
  decoupled: bool,
  step: i32,
): void {
  const bc1 = 1 - Math.pow(beta1, step);
  const sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, step));
  const nBytes = (<usize>n) << 2;
  for (let k = 0; k < m; k++) {
    const o = (<usize>inst * <usize>m + <usize>k) * nBytes;
    // prettier-ignore
    adam(W + o, gW + <usize>k * rowBytes, mW + o, vW + o, n, lr, beta1, beta2, eps, weightDecay,
      decoupled, bc1, sqrtBc2);
  }
  const ob = <usize>inst * nBytes;
  // prettier-ignore
  adam(b + ob, gb, mb + ob, vb + ob, n, lr, beta1, beta2, eps, weightDecay, decoupled, bc1,
    sqrtBc2);
}

/** PyTorch's Adam/AdamW on `len` contiguous floats (f32 arithmetic, f64 scalars folded). */
export function adam(
  p: usize,
  g: usize,
  mo: usize,
  ve: usize,
  len: i32,
  lr: f64,
  beta1: f64,
  beta2: f64,
  eps: f64,
  wd: f64,
  decoupled: bool,
  bc1: f64,
  sqrtBc2: f64,
): void {
  const decay = <f32>(decoupled ? 1 - lr * wd : 1);
  const l2 = <f32>(decoupled ? 0 : wd);
  const b1 = <f32>beta1,
    c1 = <f32>(1 - beta1),
    b2 = <f32>beta2,
    c2 = <f32>(1 - beta2);
  const stepSize = <f32>(lr / bc1),
    inv = <f32>(1 / sqrtBc2),
    e = <f32>eps;
  const len4 = len & ~3;
  for (let k = 0; k < len4; k += 4) {
    const o = (<usize>k) << 2;
    const pk = f32x4.mul(v128.load(p + o), f32x4.splat(decay));
    const gk = f32x4.add(v128.load(g + o), f32x4.mul(f32x4.splat(l2), pk));
    const mk = f32x4.add(
      f32x4.mul(f32x4.splat(b1), v128.load(mo + o)),
      f32x4.mul(f32x4.splat(c1), gk),
    );
    const vk = f32x4.add(
      f32x4.mul(f32x4.splat(b2), v128.load(ve + o)),
      f32x4.mul(f32x4.splat(c2), f32x4.mul(gk, gk)),
    );
    v128.store(mo + o, mk);
    v128.store(ve + o, vk);
    const den = f32x4.add(f32x4.mul(f32x4.sqrt(vk), f32x4.splat(inv)), f32x4.splat(e));
    v128.store(p + o, f32x4.sub(pk, f32x4.div(f32x4.mul(f32x4.splat(stepSize), mk), den)));
  }
  for (let k = len4; k < len; k++) {
    const o = (<usize>k) << 2;
    const pk = load<f32>(p + o) * decay;
    const gk = load<f32>(g + o) + l2 * pk;
    const mk = b1 * load<f32>(mo + o) + c1 * gk;
    const vk = b2 * load<f32>(ve + o) + c2 * gk * gk;
    store<f32>(mo + o, mk);
    store<f32>(ve + o, vk);
    store<f32>(p + o, pk - (stepSize * mk) / (Mathf.sqrt(vk) * inv + e));
  }
}

/** Bytes of scratch `toyTrainStep` needs. */
export function toyScratchBytes(n: i32, m: i32, ld: i32): i32 {
  const rows = 2 * ceil4(m) + 2 * ceil4(n) + 2 * SAMPLE_TILE + 3;
  return (rows * ld + factoredScratchFloats(n, m) + 4 + 2 * SAMPLE_TILE * n) << 2;
}

/**
 * One sample of the fused step: z = b + Σ_t x_t G_{j_t} in registers, g = ∂L/∂z into `pre`,
 * ∂L/∂b += g, E_{j_t} += x_t g, and x reset to zero. Returns Σ_f I_f r_f² for the sample.
 */
export function samplePass(
  G: usize,
  Ip: usize,
  bi4: usize,
  x: usize,
  pre: usize,
  gb: usize,
  E: usize,
  nzIdx: usize,
  nzVal: usize,
  nnz: i32,
  n4: i32,
  rowBytes: usize,
  relu: bool,
  scaleScalar: f32,
): f64 {
  const zero = f32x4.splat(0);
  const scale = f32x4.splat(scaleScalar);
  let acc = zero;
  for (let f = 0; f < n4; f += 4) {
    const o = (<usize>f) << 2;
    let z = v128.load(bi4 + o);
    for (let t = 0; t < nnz; t++) {
      const q = (<usize>t) << 2;
      const row = G + <usize>load<i32>(nzIdx + q) * rowBytes;
      z = f32x4.add(z, f32x4.mul(v128.load32_splat(nzVal + q), v128.load(row + o)));
    }
    const I = v128.load(Ip + o);
    const r = f32x4.sub(relu ? f32x4.max(z, zero) : z, v128.load(x + o));
    const Ir = f32x4.mul(I, r);
    acc = f32x4.add(acc, f32x4.mul(Ir, r));
    let g = f32x4.mul(scale, Ir);
    if (relu) g = v128.and(g, f32x4.gt(z, zero));
    v128.store(pre + o, g);
    v128.store(gb + o, f32x4.add(v128.load(gb + o), g));
  }
  const lossSum: f64 =
    <f64>(f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1)) +
    <f64>(f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
  for (let t = 0; t < nnz; t++) {
    const j = load<i32>(nzIdx + ((<usize>t) << 2));
    store<f32>(x + ((<usize>j) << 2), 0);
    addRow(E + <usize>j * rowBytes, pre, load<f32>(nzVal + ((<usize>t) << 2)), n4);
  }
  return lossSum;
}
