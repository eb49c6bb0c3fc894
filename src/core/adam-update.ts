/**
 * One Adam / AdamW update of a flat parameter block (Kingma & Ba 2015, Algorithm 1;
 * Loshchilov & Hutter 2019 for decoupled weight decay), written as PyTorch's
 * `torch.optim.Adam(W)` computes it: p ← p − (lr / (1 − β1ᵗ)) m / (√v / √(1 − β2ᵗ) + ε).
 * Reference TypeScript kernel.
 */
import { checkDims, checkFinite, checkInteger, checkObject } from './check-args.js';

/** Adam's hyper-parameters for one update; `step` is t ≥ 1 (for bias correction). */
export interface AdamParams {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** true: AdamW (p ← p(1 − lr λ) first); false: Adam with L2 (g ← g + λ p). */
  decoupled: boolean;
  step: number;
}

/**
 * Updates p, m and v in place from the gradient g, all of length `length`.
 * @param p parameters [length]
 * @param g gradient [length] (read only)
 * @param m first moment [length]
 * @param v second moment [length]
 */
export function adamUpdate(
  p: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  length: number,
  a: AdamParams,
): void {
  checkDims('adamUpdate', { length });
  for (const [name, buffer] of [
    ['p', p],
    ['g', g],
    ['m', m],
    ['v', v],
  ] as const) {
    if (!(buffer instanceof Float32Array) || buffer.length < length) {
      throw new RangeError(
        `adamUpdate: ${name} must be a Float32Array of at least length ${length}`,
      );
    }
  }
  checkObject(
    'adamUpdate',
    'a',
    a,
    'AdamParams { lr, beta1, beta2, eps, weightDecay, step, decoupled }',
  );
  checkFinite('adamUpdate', 'a.lr', a.lr, 0);
  checkFinite('adamUpdate', 'a.beta1', a.beta1, 0, 1);
  checkFinite('adamUpdate', 'a.beta2', a.beta2, 0, 1);
  checkFinite('adamUpdate', 'a.eps', a.eps, 0);
  checkFinite('adamUpdate', 'a.weightDecay', a.weightDecay, 0);
  checkInteger('adamUpdate', 'a.step', a.step, 1);
  const bc1 = 1 - Math.pow(a.beta1, a.step);
  const sqrtBc2 = Math.sqrt(1 - Math.pow(a.beta2, a.step));
  const stepSize = a.lr / bc1;
  const decay = a.decoupled ? 1 - a.lr * a.weightDecay : 1;
  const l2 = a.decoupled ? 0 : a.weightDecay;
  for (let k = 0; k < length; k++) {
    const pk = p[k] * decay;
    const gk = g[k] + l2 * pk;
    const mk = a.beta1 * m[k] + (1 - a.beta1) * gk;
    const vk = a.beta2 * v[k] + (1 - a.beta2) * gk * gk;
    m[k] = mk;
    v[k] = vk;
    p[k] = pk - (stepSize * mk) / (Math.sqrt(vk) / sqrtBc2 + a.eps);
  }
}
