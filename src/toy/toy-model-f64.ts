/**
 * The toy models in one place, in float64, as the paper writes them (Elhage et al. 2022
 * §2, §§7–8; docs/ARCHITECTURE.md §3), sample by sample, with dense inputs:
 * - 'relu-output': h = W x, x' = ReLU(Wᵀh + b); 'linear': x' = Wᵀh + b;
 * - 'neuron': h = ReLU(W x), x' = ReLU(Wᵀh + b);
 * - 'abs': h = ReLU(W x), y' = ReLU(W2 h + b), target |x|;
 * loss = Σ_s Σ_i I_i (target_i − out_i)² / (B n), its gradients by the chain rule, and
 * PyTorch's Adam/AdamW. Slow and plain on purpose: it shares no code with the kernels
 * (src/core/js, assembly/, native/), which compute the same step in the Gram form
 * (src/core/toy-gradient.ts) or over active neurons only (src/core/toy-neuron-gradient.ts),
 * and every backend is tested against it.
 */

import { hasNeurons, type ToyModel } from '../core/toy-models.js';

/** One instance: W [m, n], W2 [n, m] (the 'abs' model only), b [n], importance [n]. */
export interface ReferenceModel {
  n: number;
  m: number;
  model: ToyModel;
  W: Float64Array; // [m, n]
  W2?: Float64Array; // [n, m]
  b: Float64Array; // [n]
  importance: Float64Array; // [n]
}

/**
 * Loss (mean over batch and features) and its gradients on the dense batch X [B, n]; gW2
 * is empty but for the 'abs' model.
 */
export function referenceLossAndGradient(
  model: ReferenceModel,
  X: ArrayLike<number>,
  B: number,
): { loss: number; gW: Float64Array; gb: Float64Array; gW2: Float64Array } {
  const { n, m, W, b, importance: I } = model;
  const relu = model.model !== 'linear';
  const hiddenRelu = hasNeurons(model.model);
  const W2 = model.model === 'abs' ? model.W2 : undefined;
  if (model.model === 'abs' && (W2 === undefined || W2.length !== n * m)) {
    throw new RangeError('referenceLossAndGradient: the abs model needs W2 [n, m]');
  }
  // The second layer's weight from neuron k to output f: W2[f, k], or W[k, f] when tied.
  const second = (f: number, k: number) => (W2 ? W2[f * m + k] : W[k * n + f]);
  const gW = new Float64Array(m * n);
  const gW2 = new Float64Array(W2 ? n * m : 0);
  const gb = new Float64Array(n);
  let loss = 0;
  const pre = new Float64Array(m);
  const h = new Float64Array(m);
  const dh = new Float64Array(m);
  const g = new Float64Array(n);
  for (let s = 0; s < B; s++) {
    const x = (f: number) => X[s * n + f];
    for (let k = 0; k < m; k++) {
      pre[k] = 0;
      for (let f = 0; f < n; f++) pre[k] += W[k * n + f] * x(f);
      h[k] = hiddenRelu ? Math.max(pre[k], 0) : pre[k];
    }
    for (let f = 0; f < n; f++) {
      let z = b[f];
      for (let k = 0; k < m; k++) z += second(f, k) * h[k];
      const out = relu ? Math.max(z, 0) : z;
      const target = model.model === 'abs' ? Math.abs(x(f)) : x(f);
      const r = out - target;
      loss += I[f] * r * r;
      g[f] = (relu && z <= 0 ? 0 : 2 * I[f] * r) / (B * n);
      gb[f] += g[f];
    }
    for (let k = 0; k < m; k++) {
      dh[k] = 0;
      for (let f = 0; f < n; f++) dh[k] += second(f, k) * g[f];
      if (hiddenRelu && pre[k] <= 0) dh[k] = 0; // ReLU'(0) = 0, as in PyTorch
    }
    for (let k = 0; k < m; k++) {
      for (let f = 0; f < n; f++) {
        gW[k * n + f] += dh[k] * x(f);
        if (W2) gW2[f * m + k] += g[f] * h[k];
        else gW[k * n + f] += h[k] * g[f];
      }
    }
  }
  return { loss: loss / (B * n), gW, gb, gW2 };
}

/** PyTorch's Adam (decoupled = false, L2) or AdamW (decoupled = true) on float64 arrays. */
export function referenceAdam(
  p: Float64Array,
  g: Float64Array,
  mom: Float64Array,
  vel: Float64Array,
  o: {
    lr: number;
    beta1: number;
    beta2: number;
    eps: number;
    weightDecay: number;
    decoupled: boolean;
    step: number;
  },
): void {
  for (let k = 0; k < p.length; k++) {
    let grad = g[k];
    if (o.decoupled) p[k] *= 1 - o.lr * o.weightDecay;
    else grad += o.weightDecay * p[k];
    mom[k] = o.beta1 * mom[k] + (1 - o.beta1) * grad;
    vel[k] = o.beta2 * vel[k] + (1 - o.beta2) * grad * grad;
    const mHat = mom[k] / (1 - o.beta1 ** o.step);
    const vHat = vel[k] / (1 - o.beta2 ** o.step);
    p[k] -= (o.lr * mHat) / (Math.sqrt(vHat) + o.eps);
  }
}
