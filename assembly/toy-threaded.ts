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
 * The buffers are named by one layout, ToyTeamScratch, laid out once per step by
 * toyTeamLayout; each thread's own buffers by a ToyScratch (toy-scratch.ts) of its own.
 */

import { ADAM_PARAMS_BYTES, AdamParams, adamInstance } from './adam-update';
import { samplePass } from './toy-gram-samples';
import { adamParamsOf, ToyStepArgs } from './toy-step-args';
import { scatterRow, streamBegin, streamRow, ToyData } from './toy-sample-stream';
import { ceil4, TOY_SCRATCH_HEADER, ToyScratch } from './toy-scratch';

/** Where the threaded step's buffers live (rows of ld floats, `rowBytes` bytes). */
@unmanaged
class ToyTeamScratch {
  /** [m4, ld] W, zero-padded. */
  Wp: usize;
  /** [n4, ld] G = WᵀW. */
  G: usize;
  /** [n4, ld] S = Σ_t (E_t + E_tᵀ). */
  S: usize;
  /** [m4, ld] ∂L/∂W = W S. */
  gW: usize;
  /** [ld] importance, zero-padded. */
  Ip: usize;
  /** [ld] b, zero-padded. */
  bi4: usize;
  /** [B + 1] i32: where each sample's nonzeros start in nzIdx, nzVal. */
  rowStart: usize;
  /** [B·n] i32 and f32: the batch's nonzeros (CSR). */
  nzIdx: usize;
  nzVal: usize;
  /** Thread 0's ToyScratch; thread t's is `threadStride` bytes further. */
  thread0: usize;
  threadStride: usize;
  adam: AdamParams;
  n: i32;
  m: i32;
  B: i32;
  ld: i32;
  T: i32;
}

const TEAM_HEADER: usize = (offsetof<ToyTeamScratch>() + 15) & ~15;

function align16(bytes: usize): usize {
  return (bytes + 15) & ~15;
}

/** Bytes of one thread's region: its ToyScratch, E_t [n4, ld], pre, x, gb [ld] each, loss f64. */
function threadBytes(n: i32, ld: i32): usize {
  return TOY_SCRATCH_HEADER + align16((<usize>ceil4(n) + 3) * ((<usize>ld) << 2) + 8);
}

/** Bytes of scratch the threaded step needs for T threads. */
export function toyTeamScratchBytes(n: i32, m: i32, B: i32, ld: i32, T: i32): usize {
  const row = (<usize>ld) << 2;
  const rows = <usize>(2 * ceil4(m) + 2 * ceil4(n) + 2); // Wp, gW; G, S; Ip, bi4
  const csr = align16((<usize>B + 4) << 2) + (align16((<usize>B * <usize>n + 4) << 2) << 1);
  const shared = rows * row + csr;
  return TEAM_HEADER + ADAM_PARAMS_BYTES + shared + <usize>T * threadBytes(n, ld);
}

/** Lays the threaded step's buffers out at `scratch`, one ToyScratch per thread. */
// prettier-ignore
export function toyTeamLayout(scratch: usize, n: i32, m: i32, B: i32, ld: i32, T: i32,
  relu: bool): void {
  const L = changetype<ToyTeamScratch>(scratch);
  const row = (<usize>ld) << 2;
  const n4 = ceil4(n);
  L.n = n;
  L.m = m;
  L.B = B;
  L.ld = ld;
  L.T = T;
  L.adam = changetype<AdamParams>(scratch + TEAM_HEADER);
  L.Wp = scratch + TEAM_HEADER + ADAM_PARAMS_BYTES;
  L.G = L.Wp + <usize>ceil4(m) * row;
  L.S = L.G + <usize>n4 * row;
  L.gW = L.S + <usize>n4 * row;
  L.Ip = L.gW + <usize>ceil4(m) * row;
  L.bi4 = L.Ip + row;
  L.rowStart = L.bi4 + row;
  L.nzIdx = L.rowStart + align16((<usize>B + 4) << 2);
  L.nzVal = L.nzIdx + align16((<usize>B * <usize>n + 4) << 2);
  L.thread0 = L.nzVal + align16((<usize>B * <usize>n + 4) << 2);
  L.threadStride = threadBytes(n, ld);
  for (let t = 0; t < T; t++) {
    const at = L.thread0 + <usize>t * L.threadStride;
    const own = changetype<ToyScratch>(at);
    own.G = L.G;
    own.Ip = L.Ip;
    own.bi4 = L.bi4;
    own.E = at + TOY_SCRATCH_HEADER;
    own.pre = own.E + <usize>n4 * row;
    own.x = own.pre + row;
    own.gb = own.x + row;
    own.adam = L.adam;
    own.n = n;
    own.m = m;
    own.n4 = n4;
    own.rowBytes = row;
    own.relu = relu;
    own.scale = <f32>(2.0 / (<f64>B * <f64>n));
  }
}

/** The layout's W, G, S and ∂L/∂W, for the team's Gram kernels (wasm-kernels.ts). */
export function toyTeamWp(scratch: usize): usize {
  return changetype<ToyTeamScratch>(scratch).Wp;
}
export function toyTeamG(scratch: usize): usize {
  return changetype<ToyTeamScratch>(scratch).G;
}
export function toyTeamS(scratch: usize): usize {
  return changetype<ToyTeamScratch>(scratch).S;
}
export function toyTeamGW(scratch: usize): usize {
  return changetype<ToyTeamScratch>(scratch).gW;
}

function threadScratch(L: ToyTeamScratch, t: i32): ToyScratch {
  return changetype<ToyScratch>(L.thread0 + <usize>t * L.threadStride);
}

/**
 * Copies instance `inst` into padded rows and draws its batch into CSR from `data` (a ToyData,
 * toy-sample-stream.ts), advancing its generator.
 */
export function toyPrepare(args: usize, inst: i32): void {
  const a = changetype<ToyStepArgs>(args);
  const W = a.W,
    b = a.b,
    importance = a.importance,
    data = a.data;
  const L = changetype<ToyTeamScratch>(a.scratch);
  const n = L.n,
    m = L.m,
    B = L.B;
  const row = (<usize>L.ld) << 2;
  const nBytes = (<usize>n) << 2;
  memory.fill(L.Wp, 0, <usize>ceil4(m) * row);
  for (let k = 0; k < m; k++) {
    memory.copy(L.Wp + <usize>k * row, W + (<usize>inst * <usize>m + <usize>k) * nBytes, nBytes);
  }
  memory.fill(L.Ip, 0, row);
  memory.fill(L.bi4, 0, row);
  memory.copy(L.Ip, importance + <usize>inst * nBytes, nBytes);
  memory.copy(L.bi4, b + <usize>inst * nBytes, nBytes);

  streamBegin(changetype<ToyData>(data), inst, B, n);
  let k = 0;
  for (let s = 0; s < B; s++) {
    store<i32>(L.rowStart + ((<usize>s) << 2), k);
    const at = (<usize>k) << 2;
    k += streamRow(L.nzIdx + at, L.nzVal + at, s, n);
  }
  store<i32>(L.rowStart + ((<usize>B) << 2), k);
}

/** Thread t's share: samples [from, to) into its own E_t, ∂L/∂b_t and loss_t. */
export function toySamplesPart(scratch: usize, t: i32, from: i32, to: i32): void {
  const L = changetype<ToyTeamScratch>(scratch);
  const own = threadScratch(L, t);
  const row = own.rowBytes;
  memory.fill(own.E, 0, <usize>(own.n4 + 3) * row); // E_t, pre, x, gb
  let lossSum: f64 = 0;
  for (let s = from; s < to; s++) {
    const k0 = load<i32>(L.rowStart + ((<usize>s) << 2));
    const nnz = load<i32>(L.rowStart + ((<usize>s) << 2), 4) - k0;
    const idx = L.nzIdx + ((<usize>k0) << 2);
    const val = L.nzVal + ((<usize>k0) << 2);
    scatterRow(own.x, idx, val, nnz);
    lossSum += samplePass(own, idx, val, nnz);
  }
  store<f64>(own.gb + row, lossSum);
}

/** Rows [from, to) of S = Σ_t (E_t + E_tᵀ) over the team's T threads. */
export function toyReducePart(scratch: usize, from: i32, to: i32): void {
  const L = changetype<ToyTeamScratch>(scratch);
  const n = L.n;
  const T = L.T;
  const row = (<usize>L.ld) << 2;
  for (let i = from; i < min(to, n); i++) {
    const si = L.S + <usize>i * row;
    memory.fill(si, 0, row);
    for (let t = 0; t < T; t++) {
      const E = threadScratch(L, t).E;
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
export function toyFinish(args: usize, inst: i32): void {
  const a = changetype<ToyStepArgs>(args);
  const L = changetype<ToyTeamScratch>(a.scratch);
  const n = L.n;
  const row = (<usize>L.ld) << 2;
  const n4 = ceil4(n);
  const gb = threadScratch(L, 0).gb; // thread 0's ∂L/∂b collects the others'
  let lossSum = load<f64>(gb + row);
  for (let t = 1; t < L.T; t++) {
    const gt = threadScratch(L, t).gb;
    for (let f = 0; f < n4; f += 4) {
      const o = (<usize>f) << 2;
      v128.store(gb + o, f32x4.add(v128.load(gb + o), v128.load(gt + o)));
    }
    lossSum += load<f64>(gt + row);
  }
  store<f32>(a.loss + ((<usize>inst) << 2), <f32>(lossSum / (<f64>L.B * <f64>n)));
  const adam = adamParamsOf(changetype<usize>(L.adam), a);
  adamInstance(a.W, a.b, a.mW, a.vW, a.mb, a.vb, L.gW, gb, inst, n, L.m, row, adam);
}
