/**
 * The neuron models' tile pass (toy-neuron.ts; Elhage et al. 2022 §§7–8,
 * docs/ARCHITECTURE.md §3): four samples dense enough for dot products taken at once, the
 * per-sample products written as [4, n]·[n, m] blocks so each weight vector is loaded once
 * for the four (register blocking, Goto & van de Geijn 2008, §5). Measured on the abs model
 * at n = 100, m = 40, 1 − S = 1: the whole step (draws included) about 1.2× faster than
 * with the per-sample pass alone.
 */

import { NeuronScratch, TILE } from './toy-neuron-scratch';
import { ceil4 } from './toy-scratch';

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

/** Whether samples s .. s + TILE − 2 each have a quarter of n4 nonzeros or more. */
export function denseTile(rowStart: usize, s: i32, n4: i32): bool {
  for (let t = s; t < s + TILE - 1; t++) {
    const o = (<usize>t) << 2;
    if ((load<i32>(rowStart + o + 4) - load<i32>(rowStart + o)) << 2 < n4) return false;
  }
  return true;
}

/**
 * Samples s .. s + 3, each dense enough for dot products, at once: the products of the
 * per-sample pass as [4, n]·[n, m] blocks, each weight vector loaded once for the four
 * samples (h kept dense, 0 where a neuron is off, so δ and the updates skip nothing but
 * add zeros). Accumulates into gW, gV, gb; returns Σ I r² of the four.
 */
export function tilePass(
  L: NeuronScratch,
  gW: usize,
  gV: usize,
  gb: usize,
  tile: usize,
  s: i32,
): f64 {
  const n4 = ceil4(L.n);
  const m = L.m;
  const m4b = (<usize>ceil4(m)) << 2;
  const rb = L.rowBytes;
  const xt = tile;
  const pt = xt + <usize>TILE * rb;
  const ht = pt + <usize>TILE * rb;
  const dt = ht + <usize>TILE * m4b;
  const Wp = L.Wp,
    Vp = L.Vp,
    Ip = L.Ip,
    bp = L.bp;
  const tied = L.tied,
    relu = L.relu;
  for (let t = 0; t < TILE; t++) {
    const a = load<i32>(L.rowStart + ((<usize>(s + t)) << 2));
    const e = load<i32>(L.rowStart + ((<usize>(s + t + 1)) << 2));
    const x = xt + <usize>t * rb;
    for (let q = a; q < e; q++) {
      const o = (<usize>q) << 2;
      store<f32>(x + ((<usize>load<i32>(L.nzIdx + o)) << 2), load<f32>(L.nzVal + o));
    }
  }
  // h = ReLU(W x) for the four (f32.max lets a NaN through, as the per-sample pass does).
  for (let k = 0; k < m; k++) {
    const wk = Wp + <usize>k * rb;
    let a0 = f32x4.splat(0),
      a1 = a0,
      a2 = a0,
      a3 = a0;
    for (let f = 0; f < n4; f += 4) {
      const o = (<usize>f) << 2;
      const w = v128.load(wk + o);
      a0 = madd(w, v128.load(xt + o), a0);
      a1 = madd(w, v128.load(xt + rb + o), a1);
      a2 = madd(w, v128.load(xt + 2 * rb + o), a2);
      a3 = madd(w, v128.load(xt + 3 * rb + o), a3);
    }
    const q = (<usize>k) << 2;
    store<f32>(ht + q, max<f32>(hsum(a0), 0));
    store<f32>(ht + m4b + q, max<f32>(hsum(a1), 0));
    store<f32>(ht + 2 * m4b + q, max<f32>(hsum(a2), 0));
    store<f32>(ht + 3 * m4b + q, max<f32>(hsum(a3), 0));
  }
  // pre = b + V h, then g in its place, the loss and ∂L/∂b.
  const zero = f32x4.splat(0);
  const scale = f32x4.splat(L.scale);
  let lv = zero;
  for (let f = 0; f < n4; f += 4) {
    const o = (<usize>f) << 2;
    const b = v128.load(bp + o);
    let p0 = b,
      p1 = b,
      p2 = b,
      p3 = b;
    for (let k = 0; k < m; k++) {
      const v = v128.load(Vp + <usize>k * rb + o);
      const q = (<usize>k) << 2;
      p0 = madd(v128.load32_splat(ht + q), v, p0);
      p1 = madd(v128.load32_splat(ht + m4b + q), v, p1);
      p2 = madd(v128.load32_splat(ht + 2 * m4b + q), v, p2);
      p3 = madd(v128.load32_splat(ht + 3 * m4b + q), v, p3);
    }
    const I = v128.load(Ip + o);
    let gs = zero;
    for (let t = 0; t < TILE; t++) {
      const z = t == 0 ? p0 : t == 1 ? p1 : t == 2 ? p2 : p3;
      const xv = v128.load(xt + <usize>t * rb + o);
      const target = tied ? xv : f32x4.abs(xv);
      const off = relu ? f32x4.le(z, zero) : zero;
      const r = f32x4.sub(v128.andnot(z, off), target);
      const Ir = f32x4.mul(I, r);
      lv = madd(Ir, r, lv);
      const g = v128.andnot(f32x4.mul(scale, Ir), off);
      v128.store(pt + <usize>t * rb + o, g);
      gs = f32x4.add(gs, g);
    }
    v128.store(gb + o, f32x4.add(v128.load(gb + o), gs));
  }
  // ∂L/∂V += g hᵀ and δ = (V g) ⊙ 1[h > 0], per neuron for the four.
  for (let k = 0; k < m; k++) {
    const q = (<usize>k) << 2;
    const h0 = load<f32>(ht + q),
      h1 = load<f32>(ht + m4b + q),
      h2 = load<f32>(ht + 2 * m4b + q),
      h3 = load<f32>(ht + 3 * m4b + q);
    if (h0 == 0 && h1 == 0 && h2 == 0 && h3 == 0) {
      store<f32>(dt + q, 0);
      store<f32>(dt + m4b + q, 0);
      store<f32>(dt + 2 * m4b + q, 0);
      store<f32>(dt + 3 * m4b + q, 0);
      continue;
    }
    const hv0 = f32x4.splat(h0),
      hv1 = f32x4.splat(h1),
      hv2 = f32x4.splat(h2),
      hv3 = f32x4.splat(h3);
    const vk = Vp + <usize>k * rb;
    const gk = gV + <usize>k * rb;
    let d0 = zero,
      d1 = zero,
      d2 = zero,
      d3 = zero;
    for (let f = 0; f < n4; f += 4) {
      const o = (<usize>f) << 2;
      const v = v128.load(vk + o);
      const g0 = v128.load(pt + o),
        g1 = v128.load(pt + rb + o),
        g2 = v128.load(pt + 2 * rb + o),
        g3 = v128.load(pt + 3 * rb + o);
      d0 = madd(v, g0, d0);
      d1 = madd(v, g1, d1);
      d2 = madd(v, g2, d2);
      d3 = madd(v, g3, d3);
      let a = v128.load(gk + o);
      a = madd(hv0, g0, a);
      a = madd(hv1, g1, a);
      a = madd(hv2, g2, a);
      a = madd(hv3, g3, a);
      v128.store(gk + o, a);
    }
    store<f32>(dt + q, h0 > 0 ? hsum(d0) : 0);
    store<f32>(dt + m4b + q, h1 > 0 ? hsum(d1) : 0);
    store<f32>(dt + 2 * m4b + q, h2 > 0 ? hsum(d2) : 0);
    store<f32>(dt + 3 * m4b + q, h3 > 0 ? hsum(d3) : 0);
  }
  // ∂L/∂W += δ xᵀ for the four.
  for (let k = 0; k < m; k++) {
    const q = (<usize>k) << 2;
    const e0 = load<f32>(dt + q),
      e1 = load<f32>(dt + m4b + q),
      e2 = load<f32>(dt + 2 * m4b + q),
      e3 = load<f32>(dt + 3 * m4b + q);
    if (e0 == 0 && e1 == 0 && e2 == 0 && e3 == 0) continue;
    const ev0 = f32x4.splat(e0),
      ev1 = f32x4.splat(e1),
      ev2 = f32x4.splat(e2),
      ev3 = f32x4.splat(e3);
    const gk = gW + <usize>k * rb;
    for (let f = 0; f < n4; f += 4) {
      const o = (<usize>f) << 2;
      let a = v128.load(gk + o);
      a = madd(ev0, v128.load(xt + o), a);
      a = madd(ev1, v128.load(xt + rb + o), a);
      a = madd(ev2, v128.load(xt + 2 * rb + o), a);
      a = madd(ev3, v128.load(xt + 3 * rb + o), a);
      v128.store(gk + o, a);
    }
  }
  // The tile's samples back to zero.
  for (let t = 0; t < TILE; t++) {
    const x = xt + <usize>t * rb;
    for (let f = 0; f < n4; f += 4) v128.store(x + ((<usize>f) << 2), f32x4.splat(0));
  }
  return <f64>hsum(lv);
}
