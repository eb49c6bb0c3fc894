/**
 * The named scratch layout of the fused toy step (toy.ts): one struct of byte offsets into
 * the caller's scratch, laid out once per call by `layToyScratch` and handed to the passes
 * (toy-gram-samples.ts, toy-factored*.ts) instead of twenty positional pointers. Rows are
 * `ld` ≥ ceil4(n) + 4 floats (`rowBytes` bytes), zero-padded; n4 = ceil4(n), m4 = ceil4(m).
 */

import { ADAM_PARAMS_BYTES, AdamParams } from './adam-update';

/** Samples taken at once by factoredTilePass (toy-factored-samples.ts), written out for 4. */
export const SAMPLE_TILE: i32 = 4;

export function ceil4(x: i32): i32 {
  return (x + 3) & ~3;
}

/** Where each buffer of one instance's step lives, and the dimensions the passes need. */
@unmanaged
export class ToyScratch {
  /** [m4, ld] W, zero-padded. */
  Wp: usize;
  /** [n4, ld] G = WᵀW (Gram form). */
  G: usize;
  /** [n4, ld] E = Σ_b x_b g_bᵀ (Gram form); the threaded step's per-thread E_t. */
  E: usize;
  /** [m4, ld] ∂L/∂W. */
  gW: usize;
  /** [SAMPLE_TILE, ld] pre-activations, then g = ∂L/∂pre, per sample of a tile. */
  pre: usize;
  /** [SAMPLE_TILE, ld] dense samples, zero between samples. */
  x: usize;
  /** [ld] importance, zero-padded. */
  Ip: usize;
  /** [ld] ∂L/∂b. */
  gb: usize;
  /** [ld] b, zero-padded. */
  bi4: usize;
  /** [SAMPLE_TILE, m4] factored form: h = W x. */
  h: usize;
  /** [SAMPLE_TILE, m4] factored form: dh = W g. */
  dh: usize;
  /** [n, m4] factored form: Wᵀ. */
  Wt: usize;
  /** [n, m4] factored form: Σ x dhᵀ. */
  dWt: usize;
  /** [SAMPLE_TILE] i32: each sample's nonzero count in a tile. */
  nnz: usize;
  /** [SAMPLE_TILE, n] i32: each sample's nonzero features (CSR, n entries per sample). */
  nzIdx: usize;
  /** [SAMPLE_TILE, n] f32: their values. */
  nzVal: usize;
  /** The Adam/AdamW hyper-parameters of this step. */
  adam: AdamParams;
  n: i32;
  m: i32;
  n4: i32;
  rowBytes: usize;
  /** 2 / (B n): the loss's scale in ∂L/∂pre. */
  scale: f32;
  relu: bool;
}

/** Bytes a ToyScratch header takes (16-byte aligned, so the buffers after it are too). */
export const TOY_SCRATCH_HEADER: usize = (offsetof<ToyScratch>() + 15) & ~15;

/** Bytes of scratch `layToyScratch` lays out for n features, m hidden, rows of ld floats. */
export function toyScratchBytes(n: i32, m: i32, ld: i32): i32 {
  const rows = 2 * ceil4(m) + 2 * ceil4(n) + 2 * SAMPLE_TILE + 3;
  const m4 = ceil4(m);
  const floats = rows * ld + 2 * SAMPLE_TILE * m4 + 2 * n * m4 + 4 + 2 * SAMPLE_TILE * n;
  return <i32>(TOY_SCRATCH_HEADER + ADAM_PARAMS_BYTES) + (floats << 2);
}

/** Lays the fused step's buffers out in the scratch at `at` and returns the layout. */
// prettier-ignore
export function layToyScratch(at: usize, n: i32, m: i32, ld: i32, B: i32, relu: bool): ToyScratch {
  const L = changetype<ToyScratch>(at);
  const rowBytes = (<usize>ld) << 2;
  const n4 = ceil4(n);
  const m4 = ceil4(m);
  L.n = n;
  L.m = m;
  L.n4 = n4;
  L.rowBytes = rowBytes;
  L.relu = relu;
  L.scale = <f32>(2.0 / (<f64>B * <f64>n));
  L.adam = changetype<AdamParams>(at + TOY_SCRATCH_HEADER);
  L.Wp = at + TOY_SCRATCH_HEADER + ADAM_PARAMS_BYTES;
  L.G = L.Wp + <usize>m4 * rowBytes;
  L.E = L.G + <usize>n4 * rowBytes;
  L.gW = L.E + <usize>n4 * rowBytes;
  L.pre = L.gW + <usize>m4 * rowBytes;
  L.x = L.pre + <usize>SAMPLE_TILE * rowBytes;
  L.Ip = L.x + <usize>SAMPLE_TILE * rowBytes;
  L.gb = L.Ip + rowBytes;
  L.bi4 = L.gb + rowBytes;
  L.h = L.bi4 + rowBytes;
  L.dh = L.h + ((<usize>(SAMPLE_TILE * m4)) << 2);
  L.Wt = L.dh + ((<usize>(SAMPLE_TILE * m4)) << 2);
  L.dWt = L.Wt + ((<usize>n * <usize>m4) << 2);
  L.nnz = L.dWt + ((<usize>n * <usize>m4) << 2);
  L.nzIdx = L.nnz + 16;
  L.nzVal = L.nzIdx + ((<usize>(SAMPLE_TILE * n)) << 2);
  return L;
}
