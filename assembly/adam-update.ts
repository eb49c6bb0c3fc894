/**
 * One Adam / AdamW update of a flat parameter block, the twin of src/core/adam-update.ts
 * (Kingma & Ba 2015, Algorithm 1; Loshchilov & Hutter 2019 for decoupled weight decay),
 * written as PyTorch's `torch.optim.Adam` computes it:
 *   p ← p − (lr / (1 − β1ᵗ)) m / (√v / √(1 − β2ᵗ) + ε),
 * in f32 arithmetic with the f64 scalars folded once per call.
 */

/** Adam's hyper-parameters for one update; `step` is t ≥ 1 (for bias correction). */
@unmanaged
export class AdamParams {
  lr: f64;
  beta1: f64;
  beta2: f64;
  eps: f64;
  weightDecay: f64;
  step: i32;
  /** true: AdamW (p ← p(1 − lr λ) first); false: Adam with L2 (g ← g + λ p). */
  decoupled: bool;
}

/** Bytes an AdamParams takes in memory. */
export const ADAM_PARAMS_BYTES: usize = (offsetof<AdamParams>() + 15) & ~15;

/** Writes the hyper-parameters into the AdamParams at `at`. */
// prettier-ignore
export function setAdamParams(at: usize, lr: f64, beta1: f64, beta2: f64, eps: f64,
  weightDecay: f64, decoupled: bool, step: i32): AdamParams {
  const a = changetype<AdamParams>(at);
  a.lr = lr;
  a.beta1 = beta1;
  a.beta2 = beta2;
  a.eps = eps;
  a.weightDecay = weightDecay;
  a.decoupled = decoupled;
  a.step = step;
  return a;
}

/**
 * Updates p, m and v [len] in place from the gradient g [len] (read only).
 * Pointers are byte offsets; f32x4 over the first len & ~3 entries, then the rest.
 */
export function adamUpdate(
  p: usize,
  g: usize,
  mo: usize,
  ve: usize,
  len: i32,
  a: AdamParams,
): void {
  const lr = a.lr;
  const bc1 = 1 - Math.pow(a.beta1, a.step);
  const sqrtBc2 = Math.sqrt(1 - Math.pow(a.beta2, a.step));
  const decay = <f32>(a.decoupled ? 1 - lr * a.weightDecay : 1);
  const l2 = <f32>(a.decoupled ? 0 : a.weightDecay);
  const b1 = <f32>a.beta1,
    c1 = <f32>(1 - a.beta1),
    b2 = <f32>a.beta2,
    c2 = <f32>(1 - a.beta2);
  const stepSize = <f32>(lr / bc1),
    inv = <f32>(1 / sqrtBc2),
    e = <f32>a.eps;
  const len4 = len & ~3;
  for (let k = 0; k < len4; k += 4) {
    const o = (<usize>k) << 2;
    const pk = f32x4.mul(v128.load(p + o), f32x4.splat(decay));
    const gk = f32x4.add(v128.load(g + o), f32x4.mul(f32x4.splat(l2), pk));
    const mk = f32x4.add(
      f32x4.mul(f32x4.splat(b1), v128.load(mo + o)),
      f32x4.mul(f32x4.splat(c1), gk),
    );
    const vk = f32x4.add(
      f32x4.mul(f32x4.splat(b2), v128.load(ve + o)),
      f32x4.mul(f32x4.splat(c2), f32x4.mul(gk, gk)),
    );
    v128.store(mo + o, mk);
    v128.store(ve + o, vk);
    const den = f32x4.add(f32x4.mul(f32x4.sqrt(vk), f32x4.splat(inv)), f32x4.splat(e));
    v128.store(p + o, f32x4.sub(pk, f32x4.div(f32x4.mul(f32x4.splat(stepSize), mk), den)));
  }
  for (let k = len4; k < len; k++) {
    const o = (<usize>k) << 2;
    const pk = load<f32>(p + o) * decay;
    const gk = load<f32>(g + o) + l2 * pk;
    const mk = b1 * load<f32>(mo + o) + c1 * gk;
    const vk = b2 * load<f32>(ve + o) + c2 * gk * gk;
    store<f32>(mo + o, mk);
    store<f32>(ve + o, vk);
    store<f32>(p + o, pk - (stepSize * mk) / (Mathf.sqrt(vk) * inv + e));
  }
}

/**
 * One update of toy instance `inst`: its W rows [m, n] (of W, mW, vW [nI, m, n]) from
 * ∂L/∂W (gW, rows `rowBytes` apart) and its b [n] (of b, mb, vb [nI, n]) from ∂L/∂b (gb).
 */
// prettier-ignore
export function adamInstance(W: usize, b: usize, mW: usize, vW: usize, mb: usize, vb: usize,
  gW: usize, gb: usize, inst: i32, n: i32, m: i32, rowBytes: usize, a: AdamParams): void {
  const nBytes = (<usize>n) << 2;
  for (let k = 0; k < m; k++) {
    const o = (<usize>inst * <usize>m + <usize>k) * nBytes;
    adamUpdate(W + o, gW + <usize>k * rowBytes, mW + o, vW + o, n, a);
  }
  const ob = <usize>inst * nBytes;
  adamUpdate(b + ob, gb, mb + ob, vb + ob, n, a);
}
