/**
 * Loss and hand-derived gradients of the toy models on one fresh sparse batch
 * (Elhage et al. 2022 §2; DESIGN.md §3). Reference TypeScript kernel.
 *
 * Data: each feature is U[0, 1) with probability p, else 0, independently. Rather than
 * masking B·n uniforms, the batch is walked as one flat stream of B·n positions and the
 * gap to the next nonzero is drawn from the geometric law: ⌊ln u / ln(1 − p)⌋, u ∈ (0, 1]
 * (Devroye 1986, "Non-Uniform Random Variate Generation", §X.2). Each nonzero costs
 * two draws — the gap, then the value — in that order, on the instance's own generator.
 *
 * Model: x' = σ(G x + b) with G = WᵀW (so Wᵀ(Wx) = G x), σ = ReLU or identity.
 * Loss per instance: L = (1 / (B n)) Σ_b Σ_f I_f (x_bf − x'_bf)².
 * With g_b = ∂L/∂pre_b = (2 / (B n)) I ⊙ (x'_b − x_b) ⊙ σ'(pre_b):
 *   ∂L/∂b = Σ_b g_b,  ∂L/∂G = D = Σ_b g_b x_bᵀ,  ∂L/∂W = W (D + Dᵀ).
 * Working through G costs n²m/2 + 2Bnk + n²m for k nonzeros per sample, against 3Bnm for
 * the per-sample form: fewer whenever features are sparse (k ≪ m) and n ≲ B.
 */

import { checkToyState } from './toy-state.js';
import type { ToyState } from './toy-state.js';
import { uniform24, uniformOpen32, xoshiroNext } from './xoshiro-buffer.js';

/**
 * Draws one batch per instance, writes ∂L/∂W into `gW` and ∂L/∂b into `gb`, and the loss
 * of instance i into `loss[i]`. Advances each instance's generator.
 * @param gW out, [nInstances, nHidden, nFeatures]
 * @param gb out, [nInstances, nFeatures]
 * @param loss out, [nInstances]
 */
export function toyGradient(
  gW: Float32Array,
  gb: Float32Array,
  loss: Float32Array | Float64Array,
  state: ToyState,
): void {
  checkToyState('toyGradient', state);
  const { nInstances, nFeatures: n, nHidden: m, batchSize: B, relu } = state;
  const { G, E, pre, x, nzIndex, nzValue } = state.scratch;
  const total = B * n;
  const scale = 2 / (B * n);
  for (let inst = 0; inst < nInstances; inst++) {
    const w = inst * m * n; // W[inst] offset
    const f0 = inst * n; // b[inst], importance[inst] offset
    const W = state.W;
    const rs = state.rngState;
    const ro = 4 * inst;
    const p = state.featureProbability[inst];
    const invLogQ = state.invLogQ[inst];

    // G = WᵀW: upper triangle, then mirror.
    G.fill(0);
    for (let k = 0; k < m; k++) {
      const wk = w + k * n;
      for (let i = 0; i < n; i++) {
        const a = W[wk + i];
        const gi = i * n;
        for (let j = i; j < n; j++) G[gi + j] += a * W[wk + j];
      }
    }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) G[j * n + i] = G[i * n + j];

    E.fill(0);
    let lossSum = 0;
    for (let f = 0; f < n; f++) gb[f0 + f] = 0;
    // pos: flat index of the next nonzero (already drawn), or ≥ total when none is left.
    let pos = p > 0 ? nextGap(rs, ro, invLogQ) : total;
    let val = pos < total ? uniform24(xoshiroNext(rs, ro)) : 0;
    for (let s = 0; s < B; s++) {
      const rowEnd = (s + 1) * n;
      let nnz = 0;
      while (pos < rowEnd) {
        nzIndex[nnz] = pos - s * n;
        nzValue[nnz++] = val;
        pos += 1 + nextGap(rs, ro, invLogQ);
        if (pos < total) val = uniform24(xoshiroNext(rs, ro));
      }
      for (let f = 0; f < n; f++) pre[f] = state.b[f0 + f];
      for (let t = 0; t < nnz; t++) {
        const j = nzIndex[t];
        const v = nzValue[t];
        x[j] = v;
        for (let f = 0; f < n; f++) pre[f] += v * G[j * n + f];
      }
      // pre becomes g_b in place.
      for (let f = 0; f < n; f++) {
        const z = pre[f];
        const off = relu && z <= 0; // ReLU'(0) = 0, as in PyTorch
        const r = (off ? 0 : z) - x[f];
        const I = state.importance[f0 + f];
        lossSum += I * r * r;
        const g = off ? 0 : scale * I * r;
        pre[f] = g;
        gb[f0 + f] += g;
      }
      for (let t = 0; t < nnz; t++) {
        const j = nzIndex[t];
        const v = nzValue[t];
        x[j] = 0;
        for (let f = 0; f < n; f++) E[j * n + f] += v * pre[f];
      }
    }
    loss[inst] = lossSum / total;

    // ∂L/∂W = W S with S = E + Eᵀ symmetric (E = Dᵀ): row k of the result is Σ_i W_ki S_i,:.
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const sij = E[i * n + j] + E[j * n + i];
        E[i * n + j] = sij;
        E[j * n + i] = sij;
      }
    }
    for (let k = 0; k < m; k++) {
      const wk = w + k * n;
      for (let j = 0; j < n; j++) pre[j] = 0;
      for (let i = 0; i < n; i++) {
        const a = W[wk + i];
        const si = i * n;
        for (let j = 0; j < n; j++) pre[j] += a * E[si + j];
      }
      for (let j = 0; j < n; j++) gW[wk + j] = pre[j];
    }
  }
}

/** The number of zeros before the next nonzero: geometric with success probability p. */
function nextGap(rs: Uint32Array, ro: number, invLogQ: number): number {
  // ln u ≤ 0 and invLogQ < 0 (or −0 for p = 1, giving gap 0).
  return Math.floor(Math.log(uniformOpen32(xoshiroNext(rs, ro))) * invLogQ);
}
