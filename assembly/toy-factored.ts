/**
 * The factored form of the toy step, for dense-ish instances (the twin of the Gram form in
 * toy.ts, same loss and gradients; derivation in src/core/toy-gradient.ts). Per sample, with
 * h = W x [m] and pre = b + Wᵀh [n], g = ∂L/∂pre and dh = W g [m]:
 *   ∂L/∂b += g,  ∂L/∂W += h gᵀ + dh xᵀ.
 * The dense terms (pre, dh, h gᵀ) run over n in f32x4 on W's padded rows Wp [ceil4(m), ld];
 * the sparse ones (h = Σ_nz x_j W_:,j and dh xᵀ) run over m in f32x4 on the transpose
 * Wt [n, ceil4(m)], accumulating dh xᵀ transposed in dWt [n, ceil4(m)].
 */

function ceil4(x: i32): i32 {
  return (x + 3) & ~3;
}

/**
 * Weight of the Gram form's per-sample multiply-adds against the factored form's: they gather
 * a row of G per nonzero and sum along one chain, and run at about half the rate of the
 * factored form's blocked loops (V8, B = 1024: the measured crossovers p ≈ 0.065 for n = 200,
 * m = 20 and ≈ 0.1 for n = 50, m = 7 are where the rule below, with this weight, puts them).
 */
const GRAM_SAMPLE_WEIGHT: f64 = 2;

/**
 * Whether the factored form is the cheaper for one instance of B samples with p·n expected
 * nonzeros each (k = p·n, m4 = ceil4(m)), counting multiply-adds:
 *   Gram:     n²m/2 (G = WᵀW) + n²m (W (E + Eᵀ)) + GRAM_SAMPLE_WEIGHT · B · 2kn (pre, E)
 *   factored: B · (3nm (pre, dh, h gᵀ, over n) + 2km4 (h, dh xᵀ, over m))
 * For n = 200, m = 20, B = 1024 it switches at p ≈ 0.07: dense instances go factored.
 */
export function factoredIsCheaper(n: i32, m: i32, B: i32, p: f32): bool {
  const nf = <f64>n;
  const k = <f64>p * nf;
  const gram = 1.5 * nf * nf * <f64>m + GRAM_SAMPLE_WEIGHT * <f64>B * 2 * k * nf;
  const factored = <f64>B * (3 * nf * <f64>m + 2 * k * <f64>ceil4(m));
  return factored < gram;
}

/** Floats of scratch the factored form needs beside toy.ts's: h, dh [m4]; Wt, dWt [n, m4]. */
export function factoredScratchFloats(n: i32, m: i32): i32 {
  return 2 * ceil4(m) + 2 * n * ceil4(m);
}

/**
 * Per instance, before its samples: Wt = Wpᵀ (zero columns m..m4), dWt = 0, gW = 0, and the
 * padding lanes of h and dh zero. Wp [m4, ld] holds W with zero padding.
 */
export function factoredPrepare(
  Wp: usize,
  Wt: usize,
  dWt: usize,
  gW: usize,
  dh: usize,
  n: i32,
  m: i32,
  rowBytes: usize,
): void {
  const m4 = ceil4(m);
  const tBytes = (<usize>m4) << 2;
  for (let j = 0; j < n; j++) {
    const t = Wt + <usize>j * tBytes;
    for (let k = 0; k < m4; k++) {
      store<f32>(t + ((<usize>k) << 2), load<f32>(Wp + <usize>k * rowBytes + ((<usize>j) << 2)));
    }
  }
  memory.fill(dWt, 0, <usize>n * tBytes);
  memory.fill(gW, 0, <usize>m4 * rowBytes);
  memory.fill(dh, 0, tBytes);
}

/**
 * One sample in the factored form: h, then pre → g (into `pre`) with the loss, ∂L/∂b += g,
 * dh_k = W_k · g with gW_k += h_k g, dWt_j += x_j dh, and x reset to zero. Returns
 * Σ_f I_f r_f² for the sample, as samplePass does. Loops over n take 8 floats at a time (the
 * rows' padding, ld ≥ ceil4(n) + 4, covers ceil8(n)) and keep two or four independent sums,
 * so the adds' latency is not one long chain.
 */
export function factoredSamplePass(
  Wp: usize,
  Wt: usize,
  dWt: usize,
  gW: usize,
  h: usize,
  dh: usize,
  Ip: usize,
  bi4: usize,
  x: usize,
  pre: usize,
  gb: usize,
  nzIdx: usize,
  nzVal: usize,
  nnz: i32,
  m: i32,
  n4: i32,
  rowBytes: usize,
  relu: bool,
  scaleScalar: f32,
): f64 {
  const m4 = ceil4(m);
  const n8 = (n4 + 7) & ~7;
  const tBytes = (<usize>m4) << 2;
  const zero = f32x4.splat(0);
  const scale = f32x4.splat(scaleScalar);
  // h = Σ_t x_t Wt_{j_t}, 4 lanes of m at a time; even and odd t summed apart.
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
  return (
    <f64>(f32x4.extract_lane(loss, 0) + f32x4.extract_lane(loss, 1)) +
    <f64>(f32x4.extract_lane(loss, 2) + f32x4.extract_lane(loss, 3))
  );
}

/**
 * g = ∂L/∂z on 4 features at byte offset o, as in samplePass (toy.ts): stored into `pre` and
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

/** Per instance, after its samples: gW [m4, ld] += dWtᵀ, completing ∂L/∂W. */
export function factoredFinish(gW: usize, dWt: usize, n: i32, m: i32, rowBytes: usize): void {
  const tBytes = (<usize>ceil4(m)) << 2;
  for (let k = 0; k < m; k++) {
    const d = gW + <usize>k * rowBytes;
    const c = dWt + ((<usize>k) << 2);
    for (let j = 0; j < n; j++) {
      const o = (<usize>j) << 2;
      store<f32>(d + o, load<f32>(d + o) + load<f32>(c + <usize>j * tBytes));
    }
  }
}
