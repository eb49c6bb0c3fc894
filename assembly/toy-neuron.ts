/**
 * The neuron models' training step in WebAssembly SIMD (Elhage et al. 2022, "Toy Models of
 * Superposition", §§7–8; docs/ARCHITECTURE.md §3): the twin of
 * src/core/toy-neuron-gradient.ts plus the Adam update, on the one data stream
 * (toy-sample-stream.ts). Per instance: the batch is drawn into CSR form; per sample,
 * h = ReLU(W x) (a gather over the nonzeros, or an f32x4 dot with the dense sample where it
 * has a quarter of n or more), the output pre-activation b + V h over the active neurons
 * only (V = Wᵀ tied, W2 untied, kept transposed as rows [m, ld] so both models are axpys
 * over features), g = ∂L/∂pre, then ∂L/∂V += g hᵀ, δ = V g and ∂L/∂W += δ xᵀ over the
 * active neurons. Accumulation in f32 (the loss per sample in f64), as the Gram kernel's.
 *
 * Samples with no nonzero (most of them where features are sparse) share one output, b:
 * they are counted and their g and loss added once (`emptyPass`); runs of four dense
 * samples go through the tile pass (toy-neuron-tile.ts). The buffers are named by one
 * layout (toy-neuron-scratch.ts).
 *
 * Two splits across threads: by instances (`toyNeuronInstancesPart`: each instance drawn
 * and trained whole by one thread, the numbers the same as on one thread), or, for fewer
 * instances than threads can share, by samples of each instance (`toyNeuronSamplesPart`,
 * into each thread's own accumulators, summed in thread order by `toyNeuronFinish`: the
 * numbers depend on the thread count only). The single-thread step is `toyNeuronStep`.
 */

import { adamInstance, adamUpdate } from './adam-update';
import {
  accLossOffset,
  align16,
  NeuronScratch,
  TILE,
  toyNeuronLayout,
  toyNeuronScratchBytes,
} from './toy-neuron-scratch';
import { denseTile, tilePass } from './toy-neuron-tile';
import { streamBegin, streamRow, ToyData } from './toy-sample-stream';
import { ceil4 } from './toy-scratch';
import { ToyStepArgs } from './toy-step-args';

export { toyNeuronLayout, toyNeuronScratchBytes } from './toy-neuron-scratch';

/** Instance inst's W, W2ᵀ, importance and b into padded rows, and its batch drawn (CSR). */
export function toyNeuronPrepare(scratch: usize, args: usize, inst: i32): void {
  const L = changetype<NeuronScratch>(scratch);
  const a = changetype<ToyStepArgs>(args);
  const n = L.n,
    m = L.m,
    B = L.B;
  const rb = L.rowBytes;
  const nBytes = (<usize>n) << 2;
  const mn = <usize>m * <usize>n;
  const w = a.W + ((<usize>inst * mn) << 2);
  for (let k = 0; k < m; k++) memory.copy(L.Wp + <usize>k * rb, w + <usize>k * nBytes, nBytes);
  if (!L.tied) {
    const w2 = a.W2 + ((<usize>inst * mn) << 2); // [n, m]
    for (let f = 0; f < n; f++)
      for (let k = 0; k < m; k++)
        store<f32>(
          L.Vp + <usize>k * rb + ((<usize>f) << 2),
          load<f32>(w2 + ((<usize>(f * m + k)) << 2)),
        );
  }
  memory.copy(L.Ip, a.importance + <usize>inst * nBytes, nBytes);
  memory.copy(L.bp, a.b + <usize>inst * nBytes, nBytes);
  streamBegin(changetype<ToyData>(a.data), inst, B, n);
  let nnz = 0;
  store<i32>(L.rowStart, 0);
  for (let s = 0; s < B; s++) {
    const o = (<usize>nnz) << 2;
    nnz += streamRow(L.nzIdx + o, L.nzVal + o, s, n);
    store<i32>(L.rowStart + ((<usize>(s + 1)) << 2), nnz);
  }
}

/**
 * c + a·b lane by lane: fused in the relaxed-SIMD build, as gemm.ts's (each file keeps its
 * own copy: a v128 function exported across files draws AssemblyScript's AS112 warning).
 */
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) +
    f32x4.extract_lane(v, 1) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

/** Σ_f a[f] b[f] over n4 floats (both 16-byte aligned rows). */
function dot(a: usize, b: usize, n4: i32): f32 {
  let s = f32x4.splat(0);
  for (let f = 0; f < n4; f += 4) {
    const o = (<usize>f) << 2;
    s = madd(v128.load(a + o), v128.load(b + o), s);
  }
  return hsum(s);
}

/** y[f] += c x[f] over n4 floats. */
function axpy(y: usize, x: usize, c: f32, n4: i32): void {
  const cv = f32x4.splat(c);
  for (let f = 0; f < n4; f += 4) {
    const o = (<usize>f) << 2;
    v128.store(y + o, madd(cv, v128.load(x + o), v128.load(y + o)));
  }
}

/**
 * Thread t's share: samples [from, to) of the prepared instance into its accumulators
 * (zeroed first).
 */
export function toyNeuronSamplesPart(scratch: usize, t: i32, from: i32, to: i32): void {
  const L = changetype<NeuronScratch>(scratch);
  const n = L.n,
    m = L.m;
  const n4 = ceil4(n);
  const rb = L.rowBytes;
  const acc = L.acc0 + <usize>t * L.accStride;
  memory.fill(acc, 0, L.accStride);
  const gW = acc;
  const gV = L.tied ? gW : gW + <usize>m * rb;
  const gb = gW + 2 * <usize>m * rb;
  const x = gb + rb;
  const pre = x + rb;
  const h = pre + rb;
  const dh = h + ((<usize>ceil4(m)) << 2);
  const act = dh + ((<usize>ceil4(m)) << 2);
  const lossAt = act + ((<usize>ceil4(m)) << 2);
  const tile = align16(lossAt + 16 - acc) + acc;
  const Wp = L.Wp,
    Vp = L.Vp,
    Ip = L.Ip,
    bp = L.bp;
  const tied = L.tied,
    relu = L.relu;
  const scale = f32x4.splat(L.scale);
  const zero = f32x4.splat(0);
  const rowStart = L.rowStart,
    nzIdx = L.nzIdx,
    nzVal = L.nzVal;
  let lossSum: f64 = 0;
  let empty = 0;
  for (let s = from; s < to; s++) {
    const t0 = load<i32>(rowStart + ((<usize>s) << 2));
    const nnz = load<i32>(rowStart + ((<usize>(s + 1)) << 2)) - t0;
    if (nnz == 0) {
      empty++; // h = 0: only b reaches the output (emptyPass, once for all of them)
      continue;
    }
    if (nnz << 2 >= n4 && s + TILE <= to && denseTile(rowStart, s + 1, n4)) {
      lossSum += tilePass(L, gW, gV, gb, tile, s);
      s += TILE - 1;
      continue;
    }
    const idx = nzIdx + ((<usize>t0) << 2);
    const val = nzVal + ((<usize>t0) << 2);
    for (let q = 0; q < nnz; q++) {
      const o = (<usize>q) << 2;
      store<f32>(x + ((<usize>load<i32>(idx + o)) << 2), load<f32>(val + o));
    }
    // A dense dot costs n4 / 4 vector steps, a gather nnz scalar ones.
    const dense = nnz << 2 >= n4;
    let nAct = 0;
    for (let k = 0; k < m; k++) {
      const wk = Wp + <usize>k * rb;
      let z: f32 = 0;
      if (dense) z = dot(wk, x, n4);
      else
        for (let q = 0; q < nnz; q++) {
          const o = (<usize>q) << 2;
          z += load<f32>(wk + ((<usize>load<i32>(idx + o)) << 2)) * load<f32>(val + o);
        }
      if (!(z <= 0)) {
        // A NaN counts as active (as PyTorch's ReLU passes it): divergence reaches the loss.
        store<f32>(h + ((<usize>nAct) << 2), z);
        store<i32>(act + ((<usize>nAct) << 2), k);
        nAct++;
      }
    }
    for (let f = 0; f < n4; f += 4) {
      const o = (<usize>f) << 2; // a vector copy: memory.copy is a call, per sample
      v128.store(pre + o, v128.load(bp + o));
    }
    for (let q = 0; q < nAct; q++) {
      const k = load<i32>(act + ((<usize>q) << 2));
      axpy(pre, Vp + <usize>k * rb, load<f32>(h + ((<usize>q) << 2)), n4);
    }
    // g = ∂L/∂pre in place of pre; ReLU'(0) = 0, as in PyTorch. Padding lanes have I = 0.
    let lv = f32x4.splat(0);
    for (let f = 0; f < n4; f += 4) {
      const o = (<usize>f) << 2;
      const z = v128.load(pre + o);
      const xv = v128.load(x + o);
      const target = tied ? xv : f32x4.abs(xv);
      const off = relu ? f32x4.le(z, zero) : zero;
      const r = f32x4.sub(v128.andnot(z, off), target);
      const Ir = f32x4.mul(v128.load(Ip + o), r);
      lv = madd(Ir, r, lv);
      const g = v128.andnot(f32x4.mul(scale, Ir), off);
      v128.store(pre + o, g);
      v128.store(gb + o, f32x4.add(v128.load(gb + o), g));
    }
    lossSum += <f64>hsum(lv);
    for (let q = 0; q < nAct; q++) {
      const k = load<i32>(act + ((<usize>q) << 2));
      const vk = Vp + <usize>k * rb;
      axpy(gV + <usize>k * rb, pre, load<f32>(h + ((<usize>q) << 2)), n4);
      store<f32>(dh + ((<usize>q) << 2), dot(vk, pre, n4));
    }
    for (let q = 0; q < nAct; q++) {
      const k = load<i32>(act + ((<usize>q) << 2));
      const d = load<f32>(dh + ((<usize>q) << 2));
      const gk = gW + <usize>k * rb;
      if (dense) axpy(gk, x, d, n4);
      else
        for (let p = 0; p < nnz; p++) {
          const o = (<usize>p) << 2;
          const at = gk + ((<usize>load<i32>(idx + o)) << 2);
          store<f32>(at, load<f32>(at) + d * load<f32>(val + o));
        }
    }
    for (let q = 0; q < nnz; q++)
      store<f32>(x + ((<usize>load<i32>(idx + ((<usize>q) << 2))) << 2), 0);
  }
  if (empty > 0) lossSum += emptyPass(gb, bp, Ip, n4, relu, L.scale, empty);
  store<f64>(lossAt, lossSum);
}

/**
 * The samples with no nonzero feature, `count` of them: h = 0, so each has pre = b, target
 * 0 and the same g, which only ∂L/∂b sees. Adds count·g to gb; returns count·Σ I r².
 */
// prettier-ignore
function emptyPass(gb: usize, bp: usize, Ip: usize, n4: i32, relu: bool, scale: f32,
  count: i32): f64 {
  const zero = f32x4.splat(0);
  const c = f32x4.splat(<f32>count);
  let lv = zero;
  for (let f = 0; f < n4; f += 4) {
    const o = (<usize>f) << 2;
    const z = v128.load(bp + o);
    const r = relu ? v128.andnot(z, f32x4.le(z, zero)) : z;
    const Ir = f32x4.mul(v128.load(Ip + o), r);
    lv = madd(Ir, r, lv);
    v128.store(gb + o, madd(c, f32x4.mul(f32x4.splat(scale), Ir), v128.load(gb + o)));
  }
  return <f64>count * <f64>hsum(lv);
}

/**
 * Sums the threads' accumulators in thread order, writes instance inst's loss (before the
 * update) and updates its W, b (and W2) by Adam/AdamW.
 */
export function toyNeuronFinish(scratch: usize, args: usize, inst: i32): void {
  const L = changetype<NeuronScratch>(scratch);
  const a = changetype<ToyStepArgs>(args);
  const n = L.n,
    m = L.m,
    T = L.T;
  const rb = L.rowBytes;
  const acc = L.acc0;
  const floats = (2 * m + 1) * L.ld; // gW, gV, gb
  const lossOff = accLossOffset(m, rb);
  let lossSum = load<f64>(acc + lossOff);
  for (let t = 1; t < T; t++) {
    const other = acc + <usize>t * L.accStride;
    for (let f = 0; f < floats; f += 4) {
      const o = (<usize>f) << 2;
      v128.store(acc + o, f32x4.add(v128.load(acc + o), v128.load(other + o)));
    }
    lossSum += load<f64>(other + lossOff);
  }
  store<f32>(a.loss + ((<usize>inst) << 2), <f32>(lossSum / (<f64>L.B * <f64>n)));
  const gW = acc;
  const gb = acc + 2 * <usize>m * rb;
  adamInstance(a.W, a.b, a.mW, a.vW, a.mb, a.vb, gW, gb, inst, n, m, rb, L.adam);
  if (!L.tied) {
    const gV = gW + <usize>m * rb;
    for (let f = 0; f < n; f++)
      for (let k = 0; k < m; k++)
        store<f32>(
          L.gW2 + ((<usize>(f * m + k)) << 2),
          load<f32>(gV + <usize>k * rb + ((<usize>f) << 2)),
        );
    const o = (<usize>inst * <usize>m * <usize>n) << 2;
    adamUpdate(a.W2 + o, L.gW2, a.mW2 + o, a.vW2 + o, m * n, L.adam);
  }
}

/** Bytes of one thread's scratch in the instance split (toyNeuronInstancesPart). */
export function toyNeuronInstanceBytes(n: i32, m: i32, B: i32, ld: i32): usize {
  return align16(toyNeuronScratchBytes(n, m, B, ld, 1));
}

/**
 * Thread t's share of the instance split: instances [from, to), each drawn, trained and
 * updated whole in the thread's own scratch (args.scratch + t · toyNeuronInstanceBytes),
 * so an instance's numbers do not depend on which thread, or how many, ran it.
 */
export function toyNeuronInstancesPart(args: usize, t: i32, from: i32, to: i32): void {
  const a = changetype<ToyStepArgs>(args);
  const sc = a.scratch + <usize>t * toyNeuronInstanceBytes(a.n, a.m, a.B, a.ld);
  toyNeuronLayout(sc, args, 1);
  for (let inst = from; inst < to; inst++) {
    toyNeuronPrepare(sc, args, inst);
    toyNeuronSamplesPart(sc, 0, 0, a.B);
    toyNeuronFinish(sc, args, inst);
  }
}

/** One step of every instance on one thread (args: a ToyStepArgs with model 1 or 2). */
export function toyNeuronStep(args: usize): void {
  toyNeuronInstancesPart(args, 0, 0, changetype<ToyStepArgs>(args).nI);
}
