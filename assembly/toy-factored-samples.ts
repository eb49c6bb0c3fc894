/**
 * The factored form's per-sample work (toy-factored.ts has the form, its cost rule and the
 * per-instance setup): one sample at a time, or SAMPLE_TILE at once with W's rows read once
 * per tile. Loops over n keep several independent sums so the adds' latency is not one chain.
 */

import { ceil4, SAMPLE_TILE, ToyScratch } from './toy-scratch';

/**
 * One sample in the factored form (its x in L.x, its nonzeros at nzIdx, nzVal): h, then
 * pre → g (into L.pre) with the loss, ∂L/∂b += g,
 * dh_k = W_k · g with gW_k += h_k g, dWt_j += x_j dh, and x reset to zero. Returns
 * Σ_f I_f r_f² for the sample, as samplePass does. Loops over n take 8 floats at a time (the
 * rows' padding, ld ≥ ceil4(n) + 4, covers ceil8(n)) and keep two or four independent sums,
 * so the adds' latency is not one long chain.
 */
export function factoredSamplePass(L: ToyScratch, nzIdx: usize, nzVal: usize, nnz: i32): f64 {
  const Wp = L.Wp,
    Wt = L.Wt,
    dWt = L.dWt,
    gW = L.gW,
    h = L.h,
    dh = L.dh,
    Ip = L.Ip,
    bi4 = L.bi4,
    x = L.x,
    pre = L.pre,
    gb = L.gb;
  const m = L.m,
    n4 = L.n4;
  const rowBytes = L.rowBytes;
  const relu = L.relu;
  const scaleScalar = L.scale;
  const m4 = ceil4(m);
  const n8 = (n4 + 7) & ~7;
  const tBytes = (<usize>m4) << 2;
  const zero = f32x4.splat(0);
  const scale = f32x4.splat(scaleScalar);
  sparseH(h, Wt, nzIdx, nzVal, nnz, m4);
  // pre = b + Σ_k h_k W_k, even and odd k summed apart, then the residual.
  let loss = zero;
  for (let f = 0; f < n8; f += 8) {
    const o = (<usize>f) << 2;
    let z0 = v128.load(bi4 + o),
      z1 = v128.load(bi4 + o, 16);
    let y0 = zero,
      y1 = zero;
    let row = Wp + o;
    let k = 0;
    for (; k + 1 < m; k += 2) {
      const a = v128.load32_splat(h + ((<usize>k) << 2));
      const c = v128.load32_splat(h + ((<usize>k) << 2), 4);
      z0 = f32x4.add(z0, f32x4.mul(a, v128.load(row)));
      z1 = f32x4.add(z1, f32x4.mul(a, v128.load(row, 16)));
      y0 = f32x4.add(y0, f32x4.mul(c, v128.load(row + rowBytes)));
      y1 = f32x4.add(y1, f32x4.mul(c, v128.load(row + rowBytes, 16)));
      row += rowBytes << 1;
    }
    if (k < m) {
      const a = v128.load32_splat(h + ((<usize>k) << 2));
      z0 = f32x4.add(z0, f32x4.mul(a, v128.load(row)));
      z1 = f32x4.add(z1, f32x4.mul(a, v128.load(row, 16)));
    }
    loss = f32x4.add(loss, residual(f32x4.add(z0, y0), o, Ip, x, pre, gb, relu, scale));
    loss = f32x4.add(loss, residual(f32x4.add(z1, y1), o + 16, Ip, x, pre, gb, relu, scale));
  }
  // dh_k = W_k · g and gW_k += h_k g, two rows of W at a time.
  let k = 0;
  for (; k + 1 < m; k += 2) {
    const w0 = Wp + <usize>k * rowBytes;
    const w1 = w0 + rowBytes;
    const d0 = gW + <usize>k * rowBytes;
    const d1 = d0 + rowBytes;
    const h0 = v128.load32_splat(h + ((<usize>k) << 2));
    const h1 = v128.load32_splat(h + ((<usize>k) << 2), 4);
    let a0 = zero,
      a1 = zero,
      c0 = zero,
      c1 = zero;
    for (let f = 0; f < n8; f += 8) {
      const o = (<usize>f) << 2;
      const g0 = v128.load(pre + o);
      const g1 = v128.load(pre + o, 16);
      a0 = f32x4.add(a0, f32x4.mul(v128.load(w0 + o), g0));
      a1 = f32x4.add(a1, f32x4.mul(v128.load(w0 + o, 16), g1));
      c0 = f32x4.add(c0, f32x4.mul(v128.load(w1 + o), g0));
      c1 = f32x4.add(c1, f32x4.mul(v128.load(w1 + o, 16), g1));
      v128.store(d0 + o, f32x4.add(v128.load(d0 + o), f32x4.mul(h0, g0)));
      v128.store(d0 + o, f32x4.add(v128.load(d0 + o, 16), f32x4.mul(h0, g1)), 16);
      v128.store(d1 + o, f32x4.add(v128.load(d1 + o), f32x4.mul(h1, g0)));
      v128.store(d1 + o, f32x4.add(v128.load(d1 + o, 16), f32x4.mul(h1, g1)), 16);
    }
    store<f32>(dh + ((<usize>k) << 2), lanesSum(f32x4.add(a0, a1)));
    store<f32>(dh + ((<usize>k) << 2), lanesSum(f32x4.add(c0, c1)), 4);
  }
  if (k < m) {
    const w0 = Wp + <usize>k * rowBytes;
    const d0 = gW + <usize>k * rowBytes;
    const h0 = v128.load32_splat(h + ((<usize>k) << 2));
    let a0 = zero,
      a1 = zero;
    for (let f = 0; f < n8; f += 8) {
      const o = (<usize>f) << 2;
      const g0 = v128.load(pre + o);
      const g1 = v128.load(pre + o, 16);
      a0 = f32x4.add(a0, f32x4.mul(v128.load(w0 + o), g0));
      a1 = f32x4.add(a1, f32x4.mul(v128.load(w0 + o, 16), g1));
      v128.store(d0 + o, f32x4.add(v128.load(d0 + o), f32x4.mul(h0, g0)));
      v128.store(d0 + o, f32x4.add(v128.load(d0 + o, 16), f32x4.mul(h0, g1)), 16);
    }
    store<f32>(dh + ((<usize>k) << 2), lanesSum(f32x4.add(a0, a1)));
  }
  sparseOuter(dWt, dh, x, nzIdx, nzVal, nnz, m4);
  return (
    <f64>(f32x4.extract_lane(loss, 0) + f32x4.extract_lane(loss, 1)) +
    <f64>(f32x4.extract_lane(loss, 2) + f32x4.extract_lane(loss, 3))
  );
}

/** h [m4] = Σ_t x_t Wt_{j_t}, 4 lanes of m at a time; even and odd t summed apart. */
function sparseH(h: usize, Wt: usize, nzIdx: usize, nzVal: usize, nnz: i32, m4: i32): void {
  const tBytes = (<usize>m4) << 2;
  const zero = f32x4.splat(0);
  for (let k = 0; k < m4; k += 4) {
    const o = (<usize>k) << 2;
    let a = zero,
      c = zero;
    let t = 0;
    for (; t + 1 < nnz; t += 2) {
      const q = (<usize>t) << 2;
      const r0 = Wt + <usize>load<i32>(nzIdx + q) * tBytes + o;
      const r1 = Wt + <usize>load<i32>(nzIdx + q, 4) * tBytes + o;
      a = f32x4.add(a, f32x4.mul(v128.load32_splat(nzVal + q), v128.load(r0)));
      c = f32x4.add(c, f32x4.mul(v128.load32_splat(nzVal + q, 4), v128.load(r1)));
    }
    if (t < nnz) {
      const q = (<usize>t) << 2;
      const r0 = Wt + <usize>load<i32>(nzIdx + q) * tBytes + o;
      a = f32x4.add(a, f32x4.mul(v128.load32_splat(nzVal + q), v128.load(r0)));
    }
    v128.store(h + o, f32x4.add(a, c));
  }
}

/** dWt_{j_t} += x_t dh for the sample's nonzeros, and x reset to zero there. */
function sparseOuter(
  dWt: usize,
  dh: usize,
  x: usize,
  nzIdx: usize,
  nzVal: usize,
  nnz: i32,
  m4: i32,
): void {
  const tBytes = (<usize>m4) << 2;
  for (let t = 0; t < nnz; t++) {
    const q = (<usize>t) << 2;
    const j = load<i32>(nzIdx + q);
    store<f32>(x + ((<usize>j) << 2), 0);
    const row = dWt + <usize>j * tBytes;
    const v = v128.load32_splat(nzVal + q);
    for (let c = 0; c < m4; c += 4) {
      const o = (<usize>c) << 2;
      v128.store(row + o, f32x4.add(v128.load(row + o), f32x4.mul(v, v128.load(dh + o))));
    }
  }
}

/**
 * g = ∂L/∂z on 4 features at byte offset o, as in samplePass (toy-gram-samples.ts): stored into `pre` and
 * added to ∂L/∂b; returns I r² for the loss.
 */
function residual(
  z: v128,
  o: usize,
  Ip: usize,
  x: usize,
  pre: usize,
  gb: usize,
  relu: bool,
  scale: v128,
): v128 {
  const zero = f32x4.splat(0);
  const r = f32x4.sub(relu ? f32x4.max(z, zero) : z, v128.load(x + o));
  const Ir = f32x4.mul(v128.load(Ip + o), r);
  let g = f32x4.mul(scale, Ir);
  if (relu) g = v128.and(g, f32x4.gt(z, zero));
  v128.store(pre + o, g);
  v128.store(gb + o, f32x4.add(v128.load(gb + o), g));
  return f32x4.mul(Ir, r);
}

function lanesSum(a: v128): f32 {
  return (
    f32x4.extract_lane(a, 0) +
    f32x4.extract_lane(a, 1) +
    (f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3))
  );
}

/**
 * SAMPLE_TILE (4) samples at once in the factored form, each as factoredSamplePass: W's rows
 * are loaded once for the four in the pre and dh passes, and gW_k += Σ_s h_sk g_s is one read
 * and write per tile. Sample s's x, pre are rows s of L.x, L.pre [4, ld]; its h, dh rows s of
 * [4, m4]; its nonzeros start at L.nzIdx, L.nzVal + s·n (4-byte entries), L.nnz[s] of them.
 */
export function factoredTilePass(L: ToyScratch): f64 {
  const Wp = L.Wp,
    Wt = L.Wt,
    dWt = L.dWt,
    gW = L.gW,
    h = L.h,
    dh = L.dh,
    Ip = L.Ip,
    bi4 = L.bi4,
    x = L.x,
    pre = L.pre,
    gb = L.gb,
    nzIdx = L.nzIdx,
    nzVal = L.nzVal,
    nnz = L.nnz;
  const n = L.n,
    m = L.m,
    n4 = L.n4;
  const rowBytes = L.rowBytes;
  const relu = L.relu;
  const scaleScalar = L.scale;
  const m4 = ceil4(m);
  const hBytes = (<usize>m4) << 2;
  const nzBytes = (<usize>n) << 2;
  const zero = f32x4.splat(0);
  const scale = f32x4.splat(scaleScalar);
  for (let s = 0; s < SAMPLE_TILE; s++) {
    const at = <usize>s * nzBytes;
    sparseH(
      h + <usize>s * hBytes,
      Wt,
      nzIdx + at,
      nzVal + at,
      load<i32>(nnz + ((<usize>s) << 2)),
      m4,
    );
  }
  const h1 = h + hBytes;
  const h2 = h1 + hBytes;
  const h3 = h2 + hBytes;
  const x1 = x + rowBytes;
  const x2 = x1 + rowBytes;
  const x3 = x2 + rowBytes;
  const p1 = pre + rowBytes;
  const p2 = p1 + rowBytes;
  const p3 = p2 + rowBytes;
  let l0 = zero,
    l1 = zero,
    l2 = zero,
    l3 = zero;
  for (let f = 0; f < n4; f += 4) {
    const o = (<usize>f) << 2;
    const b4 = v128.load(bi4 + o);
    let z0 = b4,
      z1 = b4,
      z2 = b4,
      z3 = b4;
    let row = Wp + o;
    for (let k = 0; k < m; k++) {
      const w = v128.load(row);
      const q = (<usize>k) << 2;
      z0 = f32x4.add(z0, f32x4.mul(v128.load32_splat(h + q), w));
      z1 = f32x4.add(z1, f32x4.mul(v128.load32_splat(h1 + q), w));
      z2 = f32x4.add(z2, f32x4.mul(v128.load32_splat(h2 + q), w));
      z3 = f32x4.add(z3, f32x4.mul(v128.load32_splat(h3 + q), w));
      row += rowBytes;
    }
    l0 = f32x4.add(l0, residual(z0, o, Ip, x, pre, gb, relu, scale));
    l1 = f32x4.add(l1, residual(z1, o, Ip, x1, p1, gb, relu, scale));
    l2 = f32x4.add(l2, residual(z2, o, Ip, x2, p2, gb, relu, scale));
    l3 = f32x4.add(l3, residual(z3, o, Ip, x3, p3, gb, relu, scale));
  }
  const d1 = dh + hBytes;
  const d2 = d1 + hBytes;
  const d3 = d2 + hBytes;
  for (let k = 0; k < m; k++) {
    const q = (<usize>k) << 2;
    const w0 = Wp + <usize>k * rowBytes;
    const g0 = gW + <usize>k * rowBytes;
    const a0 = v128.load32_splat(h + q);
    const a1 = v128.load32_splat(h1 + q);
    const a2 = v128.load32_splat(h2 + q);
    const a3 = v128.load32_splat(h3 + q);
    let c0 = zero,
      c1 = zero,
      c2 = zero,
      c3 = zero;
    for (let f = 0; f < n4; f += 4) {
      const o = (<usize>f) << 2;
      const w = v128.load(w0 + o);
      const e0 = v128.load(pre + o);
      const e1 = v128.load(p1 + o);
      const e2 = v128.load(p2 + o);
      const e3 = v128.load(p3 + o);
      c0 = f32x4.add(c0, f32x4.mul(w, e0));
      c1 = f32x4.add(c1, f32x4.mul(w, e1));
      c2 = f32x4.add(c2, f32x4.mul(w, e2));
      c3 = f32x4.add(c3, f32x4.mul(w, e3));
      const u = f32x4.add(
        f32x4.add(f32x4.mul(a0, e0), f32x4.mul(a1, e1)),
        f32x4.add(f32x4.mul(a2, e2), f32x4.mul(a3, e3)),
      );
      v128.store(g0 + o, f32x4.add(v128.load(g0 + o), u));
    }
    store<f32>(dh + q, lanesSum(c0));
    store<f32>(d1 + q, lanesSum(c1));
    store<f32>(d2 + q, lanesSum(c2));
    store<f32>(d3 + q, lanesSum(c3));
  }
  for (let s = 0; s < SAMPLE_TILE; s++) {
    const at = <usize>s * nzBytes;
    const xs = x + <usize>s * rowBytes;
    const cnt = load<i32>(nnz + ((<usize>s) << 2));
    sparseOuter(dWt, dh + <usize>s * hBytes, xs, nzIdx + at, nzVal + at, cnt, m4);
  }
  return lossOf(l0) + lossOf(l1) + lossOf(l2) + lossOf(l3);
}

function lossOf(a: v128): f64 {
  return (
    <f64>(f32x4.extract_lane(a, 0) + f32x4.extract_lane(a, 1)) +
    <f64>(f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3))
  );
}
