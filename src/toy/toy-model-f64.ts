/**
 * The toy model in one place, in float64, as the paper writes it (Elhage et al. 2022 §2;
 * docs/ARCHITECTURE.md §3), sample by sample: h = W x, x' = ReLU(Wᵀh + b) (or Wᵀh + b for
 * the linear model), loss = Σ_s Σ_i I_i (x_i − x'_i)² / (B n), its gradients by the chain
 * rule, and PyTorch's Adam/AdamW. Slow and plain on purpose: it shares no code with the
 * kernels (src/core/js, assembly/, native/), which compute the same step in the Gram form
 * (src/core/toy-gradient.ts), and every backend is tested against it.
 */

/** One instance: W [m, n], b [n], importance [n]. */
export interface ReferenceModel {
  n: number;
  m: number;
  relu: boolean;
  W: Float64Array; // [m, n]
  b: Float64Array; // [n]
  importance: Float64Array; // [n]
}

/** Loss (mean over batch and features) and its gradients on the dense batch X [B, n]. */
export function referenceLossAndGradient(
  model: ReferenceModel,
  X: ArrayLike<number>,
  B: number,
): { loss: number; gW: Float64Array; gb: Float64Array } {
  const { n, m, W, b, importance: I, relu } = model;
  const gW = new Float64Array(m * n);
  const gb = new Float64Array(n);
  let loss = 0;
  const h = new Float64Array(m);
  const dh = new Float64Array(m);
  const g = new Float64Array(n);
  for (let s = 0; s < B; s++) {
    const x = (f: number) => X[s * n + f];
    for (let k = 0; k < m; k++) {
      h[k] = 0;
      for (let f = 0; f < n; f++) h[k] += W[k * n + f] * x(f);
    }
    for (let f = 0; f < n; f++) {
      let z = b[f];
      for (let k = 0; k < m; k++) z += W[k * n + f] * h[k];
      const out = relu ? Math.max(z, 0) : z;
      const r = out - x(f);
      loss += I[f] * r * r;
      g[f] = (relu && z <= 0 ? 0 : 2 * I[f] * r) / (B * n);
      gb[f] += g[f];
    }
    for (let k = 0; k < m; k++) {
      dh[k] = 0;
      for (let f = 0; f < n; f++) dh[k] += W[k * n + f] * g[f];
    }
    for (let k = 0; k < m; k++) {
      for (let f = 0; f < n; f++) gW[k * n + f] += h[k] * g[f] + dh[k] * x(f);
    }
  }
  return { loss: loss / (B * n), gW, gb };
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
