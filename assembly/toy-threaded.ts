/**
 * The toy step of one instance split across T threads on a shared memory (the threaded
 * backend; the fused single-thread kernel is toy.ts, whose derivation this follows).
 * Phases, each a separate call so threads can meet in between:
 *   toyPrepare (one thread): padded W, b, importance; the batch drawn into CSR form
 *   gramPart/mirrorPart (all): G = WᵀW
 *   toySamplesPart (all): samples [from, to) into the thread's own E_t, ∂L/∂b_t, loss_t
 *   toyReducePart (all): S = Σ_t (E_t + E_tᵀ) by rows
 *   gramTimesPart (all): ∂L/∂W = W S by columns
 *   toyFinish (one thread): Σ_t ∂L/∂b_t and the loss, then Adam/AdamW
 */

import { adamInstance, samplePass } from './toy';
import { rngLoad, rngNext, rngStore } from './xoshiro';

function ceil4(x: i32): i32 {
  return (x + 3) & ~3;
}

/** Region `which` of the scratch: 0 Wp, 1 G, 2 S, 3 gW, 4 Ip, 5 bi4, 6 rowStart, 7 nzIdx, 8 nzVal, 9 + t thread t. */
export function toyRegion(scratch: usize, n: i32, m: i32, B: i32, ld: i32, which: i32): usize {
  let at = scratch;
  for (let k = 0; k < which; k++) at += (regionBytes(n, m, B, ld, k) + 15) & ~15;
  return at;
}

/** Bytes of region k (no arrays here: the stub runtime would never free them). */
function regionBytes(n: i32, m: i32, B: i32, ld: i32, k: i32): usize {
  const row = (<usize>ld) << 2;
  if (k == 0 || k == 3) return <usize>ceil4(m) * row;
  if (k == 1 || k == 2) return <usize>ceil4(n) * row;
  if (k == 4 || k == 5) return row;
  if (k == 6) return (<usize>B + 4) << 2;
  if (k == 7 || k == 8) return (<usize>B * <usize>n + 4) << 2;
  return threadBytes(n, ld);
}

/** Per-thread scratch: E_t [ceil4(n), ld], pre, x, gb [ld] each, loss f64. */
export function threadBytes(n: i32, ld: i32): usize {
  return ((<usize>ceil4(n) + 3) * ((<usize>ld) << 2) + 16 + 15) & ~15;
}

/** Copies instance `inst` into padded rows and draws its batch into CSR, advancing its generator. */
export function toyPrepare(
  W: usize,
  b: usize,
  importance: usize,
  probability: usize,
  invLogQ: usize,
  rng: usize,
  inst: i32,
  scratch: usize,
  n: i32,
  m: i32,
  B: i32,
  ld: i32,
): void {
  const row = (<usize>ld) << 2;
  const nBytes = (<usize>n) << 2;
  const Wp = toyRegion(scratch, n, m, B, ld, 0);
  memory.fill(Wp, 0, <usize>ceil4(m) * row);
  for (let k = 0; k < m; k++) {
    memory.copy(Wp + <usize>k * row, W + (<usize>inst * <usize>m + <usize>k) * nBytes, nBytes);
  }
  const Ip = toyRegion(scratch, n, m, B, ld, 4);
  const bi4 = toyRegion(scratch, n, m, B, ld, 5);
  memory.fill(Ip, 0, 2 * row);
  memory.copy(Ip, importance + <usize>inst * nBytes, nBytes);
  memory.copy(bi4, b + <usize>inst * nBytes, nBytes);

  const rowStart = toyRegion(scratch, n, m, B, ld, 6);
  const nzIdx = toyRegion(scratch, n, m, B, ld, 7);
  const nzVal = toyRegion(scratch, n, m, B, ld, 8);
  const total = <f64>B * <f64>n;
  rngLoad(rng + ((<usize>inst) << 4));
  const p = load<f32>(probability + ((<usize>inst) << 2));
  const q = load<f64>(invLogQ + ((<usize>inst) << 3));
  let pos: f64 = p > 0 ? gap(q) : total;
  let k = 0;
  for (let s = 0; s < B; s++) {
    store<i32>(rowStart + ((<usize>s) << 2), k);
    const rowEnd = <f64>(s + 1) * <f64>n;
    while (pos < rowEnd) {
      store<i32>(nzIdx + ((<usize>k) << 2), <i32>(pos - <f64>s * <f64>n));
      store<f32>(nzVal + ((<usize>k) << 2), <f32>(rngNext() >> 8) * <f32>5.9604644775390625e-8);
      k++;
      pos += 1 + gap(q);
    }
  }
  store<i32>(rowStart + ((<usize>B) << 2), k);
  rngStore(rng + ((<usize>inst) << 4));
}

function gap(q: f64): f64 {
  return Math.floor(Math.log((<f64>rngNext() + 1) * 2.3283064365386963e-10) * q);
}

/** Thread t's share: samples [from, to) into its own E_t, ∂L/∂b_t and loss_t. */
export function toySamplesPart(
  scratch: usize,
  n: i32,
  m: i32,
  B: i32,
  ld: i32,
  relu: bool,
  t: i32,
  from: i32,
  to: i32,
): void {
  const row = (<usize>ld) << 2;
  const n4 = ceil4(n);
  const E = toyRegion(scratch, n, m, B, ld, 9 + t);
  const pre = E + <usize>n4 * row;
  const x = pre + row;
  const gb = x + row;
  const lossAt = gb + row;
  memory.fill(E, 0, <usize>(n4 + 3) * row);
  const G = toyRegion(scratch, n, m, B, ld, 1);
  const Ip = toyRegion(scratch, n, m, B, ld, 4);
  const bi4 = toyRegion(scratch, n, m, B, ld, 5);
  const rowStart = toyRegion(scratch, n, m, B, ld, 6);
  const nzIdx = toyRegion(scratch, n, m, B, ld, 7);
  const nzVal = toyRegion(scratch, n, m, B, ld, 8);
  const scale = <f32>(2.0 / (<f64>B * <f64>n));
  let lossSum: f64 = 0;
  for (let s = from; s < to; s++) {
    const k0 = load<i32>(rowStart + ((<usize>s) << 2));
    const nnz = load<i32>(rowStart + ((<usize>s) << 2), 4) - k0;
    const idx = nzIdx + ((<usize>k0) << 2);
    const val = nzVal + ((<usize>k0) << 2);
    for (let u = 0; u < nnz; u++) {
      const j = load<i32>(idx + ((<usize>u) << 2));
      store<f32>(x + ((<usize>j) << 2), load<f32>(val + ((<usize>u) << 2)));
    }
    lossSum += samplePass(G, Ip, bi4, x, pre, gb, E, idx, val, nnz, n4, row, relu, scale);
  }
  store<f64>(lossAt, lossSum);
}

/** Rows [from, to) of S = Σ_t (E_t + E_tᵀ) over T threads. */
export function toyReducePart(
  scratch: usize,
  n: i32,
  m: i32,
  B: i32,
  ld: i32,
  T: i32,
  from: i32,
  to: i32,
): void {
  const row = (<usize>ld) << 2;
  const S = toyRegion(scratch, n, m, B, ld, 2);
  const E0 = toyRegion(scratch, n, m, B, ld, 9);
  const stride = threadBytes(n, ld);
  for (let i = from; i < min(to, n); i++) {
    const si = S + <usize>i * row;
    memory.fill(si, 0, row);
    for (let t = 0; t < T; t++) {
      const E = E0 + <usize>t * stride;
      const ei = E + <usize>i * row;
      for (let j = 0; j < n; j++) {
        const o = (<usize>j) << 2;
        store<f32>(
          si + o,
          load<f32>(si + o) + load<f32>(ei + o) + load<f32>(E + <usize>j * row + ((<usize>i) << 2)),
        );
      }
    }
  }
}

/** Sums ∂L/∂b_t and loss_t, writes loss[inst], and takes the Adam/AdamW step of instance inst. */
export function toyFinish(
  W: usize,
  b: usize,
  mW: usize,
  vW: usize,
  mb: usize,
  vb: usize,
  loss: usize,
  inst: i32,
  scratch: usize,
  n: i32,
  m: i32,
  B: i32,
  ld: i32,
  T: i32,
  lr: f64,
  beta1: f64,
  beta2: f64,
  eps: f64,
  weightDecay: f64,
  decoupled: bool,
  step: i32,
): void {
  const row = (<usize>ld) << 2;
  const n4 = ceil4(n);
  const E0 = toyRegion(scratch, n, m, B, ld, 9);
  const stride = threadBytes(n, ld);
  const gb = E0 + <usize>(n4 + 2) * row; // thread 0's ∂L/∂b collects the others'
  let lossSum = load<f64>(gb + row);
  for (let t = 1; t < T; t++) {
    const gt = gb + <usize>t * stride;
    for (let f = 0; f < n4; f += 4) {
      const o = (<usize>f) << 2;
      v128.store(gb + o, f32x4.add(v128.load(gb + o), v128.load(gt + o)));
    }
    lossSum += load<f64>(gt + row);
  }
  store<f32>(loss + ((<usize>inst) << 2), <f32>(lossSum / (<f64>B * <f64>n)));
  const gW = toyRegion(scratch, n, m, B, ld, 3);
  // prettier-ignore
  adamInstance(W, b, mW, vW, mb, vb, gW, gb, inst, n, m, row, lr, beta1, beta2, eps, weightDecay,
    decoupled, step);
}
