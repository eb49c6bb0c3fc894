/**
 * Loss and hand-derived gradients of the toy models on one fresh sparse batch
 * (Elhage et al. 2022 §2; docs/ARCHITECTURE.md §3). Reference TypeScript kernel.
 *
 * Data: each feature is U[0, 1) with probability p, else 0 — independently, or in the
 * correlated and anticorrelated sets of toy-sampling.ts — drawn sample by sample from the
 * stream of toy-sample-stream.ts on the instance's own generator.
 *
 * Model: x' = σ(G x + b) with G = WᵀW (so Wᵀ(Wx) = G x), σ = ReLU or identity.
 * Loss per instance: L = (1 / (B n)) Σ_b Σ_f I_f (x_bf − x'_bf)².
 * With g_b = ∂L/∂pre_b = (2 / (B n)) I ⊙ (x'_b − x_b) ⊙ σ'(pre_b):
 *   ∂L/∂b = Σ_b g_b,  ∂L/∂G = D = Σ_b g_b x_bᵀ,  ∂L/∂W = W (D + Dᵀ).
 * Working through G costs n²m/2 + 2Bnk + n²m for k nonzeros per sample, against 3Bnm for
 * the per-sample form: fewer whenever features are sparse (k ≪ m) and n ≲ B.
 */

import { checkToyState } from './toy-state.js';
import { streamBegin, streamRow } from './toy-sample-stream.js';
import type { ToyState } from './toy-state.js';

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
  const { G, E, pre, x, nzIndex, nzValue, cursor } = state.scratch;
  const total = B * n;
  const scale = 2 / (B * n);
  for (let inst = 0; inst < nInstances; inst++) {
    const w = inst * m * n; // W[inst] offset
    const f0 = inst * n; // b[inst], importance[inst] offset
    const W = state.W;

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
    streamBegin(cursor, state, inst);
    for (let s = 0; s < B; s++) {
      const nnz = streamRow(nzIndex, nzValue, cursor, state, inst, s);
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
