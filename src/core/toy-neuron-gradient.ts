/**
 * Loss and hand-derived gradients of the toy models with a hidden ReLU layer, on one
 * fresh sparse batch (Elhage et al. 2022, "Toy Models of Superposition", §§7–8, "Privileged
 * basis" and "Computation in superposition"; docs/ARCHITECTURE.md §3). Reference
 * TypeScript kernel, accumulating W's and W2's gradients in float64 (b's, as the Gram
 * form's, in float32).
 *
 * Models, per sample x (nonzeros from toy-sample-stream.ts on the instance's generator):
 * - 'neuron', tied: h = ReLU(W x), x' = ReLU(Wᵀh + b), target x;
 * - 'abs', untied: h = ReLU(W x), y' = ReLU(W2 h + b) with W2 [n, m], target |x|
 *   (active features U[−1, 1): the stream is signed for this model).
 * Loss per instance: L = (1 / (B n)) Σ_b Σ_f I_f (target_bf − out_bf)².
 * With g = ∂L/∂(output pre-activation) = (2 / (B n)) I ⊙ (out − target) ⊙ 1[pre > 0] and
 * δ = ∂L/∂(hidden pre-activation) = (W2 g) restricted to active neurons (W2 = Wᵀ when tied):
 *   ∂L/∂b = Σ_b g;  ∂L/∂W2[f, k] = Σ_b g_f h_k (tied: added to ∂L/∂W[k, f]);
 *   ∂L/∂W[k, f] += Σ_b δ_k x_f.
 * ReLU'(0) = 0, as in PyTorch. Only active neurons and nonzero features are visited.
 */

import { streamBegin, streamRow } from './toy-sample-stream.js';
import { checkToyState, type ToyState } from './toy-state.js';

/**
 * Draws one batch per instance, writes ∂L/∂W into `gW`, ∂L/∂b into `gb`, ∂L/∂W2 into
 * `gW2` (the untied model) and the loss of instance i into `loss[i]`. Advances each
 * instance's generator.
 * @param gW out, [nInstances, nHidden, nFeatures]
 * @param gb out, [nInstances, nFeatures]
 * @param gW2 out, [nInstances, nFeatures, nHidden] (empty for the tied model)
 * @param loss out, [nInstances]
 */
export function toyNeuronGradient(
  gW: Float32Array,
  gb: Float32Array,
  gW2: Float32Array,
  loss: Float32Array | Float64Array,
  state: ToyState,
): void {
  checkToyState('toyNeuronGradient', state);
  const { nInstances, nFeatures: n, nHidden: m, batchSize: B, relu } = state;
  const tied = state.model === 'neuron';
  const { pre, x, nzIndex, nzValue, cursor, h, dh, active, acc } = state.scratch;
  const W = state.W;
  const W2 = state.W2;
  const mn = m * n;
  const scale = 2 / (B * n);
  for (let inst = 0; inst < nInstances; inst++) {
    const w = inst * mn; // W[inst], W2[inst] offset
    const f0 = inst * n; // b[inst], importance[inst] offset
    // acc: ∂L/∂W [m, n] then ∂L/∂W2 [n, m], in float64.
    acc.fill(0);
    const a2 = mn;
    let lossSum = 0;
    for (let f = 0; f < n; f++) gb[f0 + f] = 0;
    streamBegin(cursor, state, inst);
    for (let s = 0; s < B; s++) {
      const nnz = streamRow(nzIndex, nzValue, cursor, state, inst, s);
      // Hidden layer: h = ReLU(W x) over the nonzeros; `active` lists the neurons with h > 0.
      let nAct = 0;
      for (let k = 0; k < m; k++) {
        const wk = w + k * n;
        let z = 0;
        for (let t = 0; t < nnz; t++) z += W[wk + nzIndex[t]] * nzValue[t];
        // ReLU'(0) = 0; a NaN passes, as PyTorch's ReLU lets it, so divergence shows in the loss.
        const on = !(z <= 0);
        h[k] = on ? z : 0;
        if (on) active[nAct++] = k;
      }
      // Output pre-activation: b + W2 h (tied: Wᵀh).
      for (let f = 0; f < n; f++) pre[f] = state.b[f0 + f];
      for (let q = 0; q < nAct; q++) {
        const k = active[q];
        const hk = h[k];
        if (tied) {
          const wk = w + k * n;
          for (let f = 0; f < n; f++) pre[f] += W[wk + f] * hk;
        } else {
          for (let f = 0; f < n; f++) pre[f] += W2[w + f * m + k] * hk;
        }
      }
      // Target, residual, loss and g (in pre, in place).
      for (let t = 0; t < nnz; t++) x[nzIndex[t]] = tied ? nzValue[t] : Math.abs(nzValue[t]);
      for (let f = 0; f < n; f++) {
        const z = pre[f];
        const off = relu && z <= 0;
        const r = (off ? 0 : z) - x[f];
        const I = state.importance[f0 + f];
        lossSum += I * r * r;
        const g = off ? 0 : scale * I * r;
        pre[f] = g;
        gb[f0 + f] += g;
      }
      for (let t = 0; t < nnz; t++) x[nzIndex[t]] = 0;
      // Second layer's gradient and δ over the active neurons.
      for (let q = 0; q < nAct; q++) {
        const k = active[q];
        const hk = h[k];
        let d = 0;
        if (tied) {
          const wk = w + k * n;
          const ak = k * n;
          for (let f = 0; f < n; f++) {
            acc[ak + f] += pre[f] * hk;
            d += W[wk + f] * pre[f];
          }
        } else {
          for (let f = 0; f < n; f++) {
            acc[a2 + f * m + k] += pre[f] * hk;
            d += W2[w + f * m + k] * pre[f];
          }
        }
        dh[k] = d;
      }
      // First layer: ∂L/∂W[k, j] += δ_k x_j.
      for (let q = 0; q < nAct; q++) {
        const k = active[q];
        const ak = k * n;
        for (let t = 0; t < nnz; t++) acc[ak + nzIndex[t]] += dh[k] * nzValue[t];
      }
    }
    loss[inst] = lossSum / (B * n);
    for (let j = 0; j < mn; j++) gW[w + j] = acc[j];
    if (!tied) for (let j = 0; j < mn; j++) gW2[w + j] = acc[a2 + j];
  }
}
