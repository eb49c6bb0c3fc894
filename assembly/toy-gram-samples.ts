/**
 * The Gram form's per-sample work (derivation in src/core/toy-gradient.ts), shared by the
 * fused step (toy.ts) and the threaded one (toy-threaded.ts): with G = WᵀW,
 * pre = b + Σ_nz x_j G_j, g = ∂L/∂pre, ∂L/∂b += g and E_j += x_j g.
 */

import { ToyScratch } from './toy-scratch';

/**
 * One sample: z = b + Σ_t x_t G_{j_t} in registers, g = ∂L/∂z into L.pre, L.gb += g,
 * L.E_{j_t} += x_t g, and L.x reset to zero. The sample's x is already in L.x; its nnz
 * nonzeros are at nzIdx, nzVal (i32, f32). Returns Σ_f I_f r_f² for the sample.
 */
export function samplePass(L: ToyScratch, nzIdx: usize, nzVal: usize, nnz: i32): f64 {
  const G = L.G,
    Ip = L.Ip,
    bi4 = L.bi4,
    x = L.x,
    pre = L.pre,
    gb = L.gb,
    E = L.E;
  const n4 = L.n4;
  const rowBytes = L.rowBytes;
  const relu = L.relu;
  const zero = f32x4.splat(0);
  const scale = f32x4.splat(L.scale);
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

/** dst [len] += a · src [len], len a multiple of 4. */
function addRow(dst: usize, src: usize, a: f32, len: i32): void {
  const av = f32x4.splat(a);
  for (let f = 0; f < len; f += 4) {
    const o = (<usize>f) << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(av, v128.load(src + o))));
  }
}
