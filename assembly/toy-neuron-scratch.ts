/**
 * The named scratch layout of the neuron models' step (toy-neuron.ts; Elhage et al. 2022
 * §§7–8, docs/ARCHITECTURE.md §3): one struct of byte offsets laid out once per step by
 * `toyNeuronLayout`, then each thread's accumulators and work rows. Rows are `ld` ≥
 * ceil4(n) floats (`rowBytes` bytes), zero-padded.
 */

import { ADAM_PARAMS_BYTES, AdamParams } from './adam-update';
import { ceil4 } from './toy-scratch';
import { adamParamsOf, ToyStepArgs } from './toy-step-args';

/**
 * ToyStepArgs.model for the tied neuron model; 0 is a Gram-form model (toy.ts) and 2 the
 * untied absolute-value model.
 */
export const MODEL_TIED: i32 = 1;

/** Where the neuron step's buffers live; rows of ld floats, `rowBytes` bytes, zero-padded. */
@unmanaged
export class NeuronScratch {
  /** [m, ld] W. */
  Wp: usize;
  /** [m, ld] the second layer as rows over features: W (tied) or W2ᵀ (untied). */
  Vp: usize;
  /** [ld] importance, [ld] b. */
  Ip: usize;
  bp: usize;
  /** [B + 1] i32, then [B·n] i32 and f32: the instance's batch (CSR). */
  rowStart: usize;
  nzIdx: usize;
  nzVal: usize;
  /** [n, m] ∂L/∂W2 in W2's layout (untied). */
  gW2: usize;
  /** Thread 0's accumulators (see accBytes); thread t's `accStride` bytes further. */
  acc0: usize;
  accStride: usize;
  adam: AdamParams;
  n: i32;
  m: i32;
  B: i32;
  ld: i32;
  T: i32;
  tied: bool;
  relu: bool;
  rowBytes: usize;
  /** 2 / (B n): the loss's scale in ∂L/∂pre. */
  scale: f32;
}

const HEADER: usize = (offsetof<NeuronScratch>() + 15) & ~15;

/** Samples the tile pass takes at once (tilePass): each weight row loaded once for four. */
export const TILE: i32 = 4;

export function align16(bytes: usize): usize {
  return (bytes + 15) & ~15;
}

/*
 * One thread's accumulators and work rows, at acc: gW [m, ld], gV [m, ld] (untied), gb,
 * x (the dense sample, zero between samples), pre (then g) [ld] each; h, δ [m] f32 and the
 * active neurons [m] i32; the loss sum, f64; then the tile pass's x, pre [TILE, ld] and
 * h, δ [TILE, m4].
 */
function accBytes(m: i32, ld: i32): usize {
  const rb = (<usize>ld) << 2;
  const tile = <usize>(2 * TILE) * (rb + ((<usize>ceil4(m)) << 2));
  return align16((2 * <usize>m + 3) * rb + 3 * ((<usize>ceil4(m)) << 2) + 16) + tile;
}

/** Bytes of scratch toyNeuronLayout lays out for n features, m hidden, B samples, T threads. */
export function toyNeuronScratchBytes(n: i32, m: i32, B: i32, ld: i32, T: i32): usize {
  const rb = (<usize>ld) << 2;
  return (
    HEADER +
    ADAM_PARAMS_BYTES +
    (2 * <usize>m + 2) * rb +
    align16((<usize>B + 1) << 2) +
    align16((<usize>B * <usize>n) << 3) +
    align16(<usize>n * <usize>m * 4) +
    <usize>T * accBytes(m, ld)
  );
}

/** Lays out the scratch at `at` (zeroing the padded rows) for the step of `args`. */
export function toyNeuronLayout(at: usize, args: usize, T: i32): void {
  const a = changetype<ToyStepArgs>(args);
  const n = a.n,
    m = a.m,
    B = a.B,
    ld = a.ld;
  const L = changetype<NeuronScratch>(at);
  const rb = (<usize>ld) << 2;
  L.n = n;
  L.m = m;
  L.B = B;
  L.ld = ld;
  L.T = T;
  L.tied = a.model == MODEL_TIED;
  L.relu = a.relu != 0;
  L.rowBytes = rb;
  L.scale = <f32>(2.0 / (<f64>B * <f64>n));
  L.adam = adamParamsOf(at + HEADER, a);
  L.Wp = at + HEADER + ADAM_PARAMS_BYTES;
  L.Vp = L.tied ? L.Wp : L.Wp + <usize>m * rb;
  L.Ip = L.Wp + 2 * <usize>m * rb;
  L.bp = L.Ip + rb;
  L.rowStart = L.bp + rb;
  // The padded rows' tails stay zero; the batch, ∂L/∂W2 and the accumulators are written
  // (or zeroed by their pass) before they are read.
  memory.fill(L.Wp, 0, L.rowStart - L.Wp);
  L.nzIdx = L.rowStart + align16((<usize>B + 1) << 2);
  L.nzVal = L.nzIdx + ((<usize>B * <usize>n) << 2);
  L.gW2 = L.nzIdx + align16((<usize>B * <usize>n) << 3);
  L.acc0 = L.gW2 + align16(<usize>n * <usize>m * 4);
  L.accStride = accBytes(m, ld);
}

/** The loss sum's offset in a thread's accumulators (after gW, gV, gb, x, pre, h, δ, act). */
export function accLossOffset(m: i32, rb: usize): usize {
  return (2 * <usize>m + 3) * rb + 3 * ((<usize>ceil4(m)) << 2);
}
