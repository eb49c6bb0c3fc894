/**
 * The factored form of the toy step, for dense-ish instances (the twin of the Gram form in
 * toy.ts, same loss and gradients; derivation in src/core/toy-gradient.ts). Per sample, with
 * h = W x [m] and pre = b + Wᵀh [n], g = ∂L/∂pre and dh = W g [m]:
 *   ∂L/∂b += g,  ∂L/∂W += h gᵀ + dh xᵀ.
 * The dense terms (pre, dh, h gᵀ) run over n in f32x4 on W's padded rows Wp [ceil4(m), ld];
 * the sparse ones (h = Σ_nz x_j W_:,j and dh xᵀ) run over m in f32x4 on the transpose
 * Wt [n, ceil4(m)], accumulating dh xᵀ transposed in dWt [n, ceil4(m)]. Here: the cost rule
 * and the per-instance setup and finish; the per-sample passes are in toy-factored-samples.ts.
 * Buffers are named by the step's scratch layout (toy-scratch.ts).
 */

import { ceil4, SAMPLE_TILE, ToyScratch } from './toy-scratch';

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

/**
 * Per instance, before its samples: Wt = Wpᵀ (zero columns m..m4), dWt = 0, gW = 0, and the
 * padding lanes of dh zero. Wp [m4, ld] holds W with zero padding.
 */
export function factoredPrepare(L: ToyScratch): void {
  const Wp = L.Wp,
    Wt = L.Wt,
    dWt = L.dWt,
    gW = L.gW,
    dh = L.dh;
  const n = L.n,
    m = L.m;
  const rowBytes = L.rowBytes;
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
  memory.fill(dh, 0, <usize>SAMPLE_TILE * tBytes);
}

/** Per instance, after its samples: gW [m4, ld] += dWtᵀ, completing ∂L/∂W. */
export function factoredFinish(L: ToyScratch): void {
  const gW = L.gW,
    dWt = L.dWt;
  const n = L.n,
    m = L.m;
  const rowBytes = L.rowBytes;
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
