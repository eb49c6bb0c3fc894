/**
 * The sparse-limit expansion of a toy model's loss (the seed post, "Relation to
 * Anthropic's Results"; Elhage et al. 2022, §"The Sparse Limit").
 *
 * Exact form used here. With p = 1 − S, the support A of x is a random subset,
 * each feature in it independently with probability p, so the per-feature mean
 * loss is exactly
 *   L = (1/n) Σ_A p^|A| S^(n−|A|) ℓ_A,   ℓ_A = E[Σ_f I_f (x_f − x'_f)² | supp x = A].
 * Keeping |A| ≤ 1:
 *   L ≈ (1/n) [ S^n ℓ_∅ + p S^(n−1) Σ_i ℓ_{i} ]                  (`firstOrder`)
 * with ℓ_∅ = Σ_f I_f σ(b_f)² (the bias penalty, the post's L₀ up to 1/n) and
 *   ℓ_{i} = ∫₀¹ [ I_i (x − σ(x G_ii + b_i))² + Σ_{f≠i} I_f σ(x G_fi + b_f)² ] dx,
 * G = WᵀW, σ = ReLU or identity: the loss on 1-sparse inputs. The post's shorter
 * form, S^n and S^(n−1) → 1, is L ≈ L₀ + (1 − S) L₁ with L₀ = ℓ_∅ / n and
 * L₁ = Σ_i ℓ_{i} / n (`postForm`); the neglected terms are O((1 − S)²).
 * Each integral is done in closed form on the interval where the ReLU is active.
 *
 * The next term, 2-sparse inputs, is what the first-order form leaves out; in
 * superposition it carries the interference, so its coefficient is large:
 *   L ≈ firstOrder + (1/n) p² S^(n−2) Σ_{i<j} ℓ_{ij}                  (`secondOrder`)
 *   ℓ_{ij} = ∫₀¹∫₀¹ Σ_f I_f (x_f − σ(x_i G_fi + x_j G_fj + b_f))² dx_i dx_j,
 * x_f = 0 for f ∉ {i, j}: the inner integral over x_j in closed form, the outer
 * over x_i by composite Gauss–Legendre (the integrand has at most a few kinks).
 */

import { checkWeights, type Weights } from '../geometry/check-weights.js';

/** The terms of the expansion for one model. */
export interface SparseLimitTerms {
  /** L₀ = ℓ_∅ / n: loss on the zero input. */
  L0: number;
  /** L₁ = Σ_i ℓ_{i} / n: loss summed over 1-sparse inputs. */
  L1: number;
  /** [nFeatures] ℓ_{i}. */
  oneSparse: Float64Array;
  /** (1/n)[S^n ℓ_∅ + (1 − S) S^(n−1) Σ_i ℓ_{i}]. */
  firstOrder: number;
  /** L₀ + (1 − S) L₁. */
  postForm: number;
  /** L₂ = Σ_{i<j} ℓ_{ij} / n: loss summed over 2-sparse inputs. */
  L2: number;
  /** firstOrder + (1/n)(1 − S)² S^(n−2) Σ_{i<j} ℓ_{ij}. */
  secondOrder: number;
}

// 4-point Gauss–Legendre on [−1, 1].
const GL_X = [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526];
const GL_W = [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538];
/** Panels of the outer quadrature over x_i (4 points each). */
const PANELS = 64;

/** ∫_lo^hi (αx + β)² dx. */
function squareIntegral(alpha: number, beta: number, lo: number, hi: number): number {
  if (!(hi > lo)) return 0;
  return (
    (alpha * alpha * (hi ** 3 - lo ** 3)) / 3 +
    alpha * beta * (hi * hi - lo * lo) +
    beta * beta * (hi - lo)
  );
}

/**
 * ℓ_{ij}: the loss of 2-sparse inputs on features i and j, integrated over their
 * values. `G` is WᵀW [n, n].
 */
function twoSparseLoss(
  G: Float64Array,
  b: ArrayLike<number>,
  importance: ArrayLike<number>,
  n: number,
  i: number,
  j: number,
  relu: boolean,
): number {
  let total = 0;
  for (let q = 0; q < PANELS; q++) {
    for (let r = 0; r < 4; r++) {
      const xi = (q + (GL_X[r] + 1) / 2) / PANELS;
      let inner = 0;
      for (let f = 0; f < n; f++) {
        // Output f as a function of x_j: a x_j + c; the target is x_j (f = j), x_i (f = i) or 0.
        const a = G[f * n + j];
        const c = xi * G[f * n + i] + b[f];
        const [lo, hi] = relu ? activeInterval(a, c) : [0, 1];
        let e: number;
        if (f === j) {
          // (x_j − a x_j − c)² where active, x_j² elsewhere.
          e = squareIntegral(1 - a, -c, lo, hi);
          e += hi > lo ? squareIntegral(1, 0, 0, lo) + squareIntegral(1, 0, hi, 1) : 1 / 3;
        } else if (f === i) {
          // (x_i − a x_j − c)² where active, x_i² elsewhere.
          e = squareIntegral(-a, xi - c, lo, hi);
          e += xi * xi * (1 - Math.max(0, hi - lo));
        } else {
          e = squareIntegral(a, c, lo, hi);
        }
        inner += importance[f] * e;
      }
      total += (GL_W[r] / 2 / PANELS) * inner;
    }
  }
  return total;
}

/** The sub-interval of [0, 1] where a x + c > 0 (lo ≥ hi when empty). */
function activeInterval(a: number, c: number): [number, number] {
  if (a === 0) return c > 0 ? [0, 1] : [0, 0];
  const root = -c / a;
  return a > 0 ? [Math.max(0, root), 1] : [0, Math.min(1, root)];
}

/**
 * The sparse-limit terms of one model at sparsity S.
 *
 * @param W [nHidden, nFeatures] row-major.
 * @param b [nFeatures].
 * @param importance [nFeatures].
 * @param sparsity S ∈ [0, 1].
 * @param activation 'relu' (default) or 'linear'.
 */
export function sparseLimit(
  W: Weights,
  b: ArrayLike<number>,
  importance: ArrayLike<number>,
  nHidden: number,
  nFeatures: number,
  sparsity: number,
  activation: 'relu' | 'linear' = 'relu',
): SparseLimitTerms {
  checkWeights(W, nHidden, nFeatures);
  if (b.length !== nFeatures) throw new RangeError(`b must have nFeatures = ${nFeatures} entries`);
  if (importance.length !== nFeatures) {
    throw new RangeError(`importance must have nFeatures = ${nFeatures} entries`);
  }
  if (!(sparsity >= 0 && sparsity <= 1)) {
    throw new RangeError(`sparsity must lie in [0, 1], got ${sparsity}`);
  }
  const relu = activation === 'relu';
  const n = nFeatures;
  let empty = 0;
  for (let f = 0; f < n; f++) {
    const out = relu ? Math.max(0, b[f]) : b[f];
    empty += importance[f] * out * out;
  }
  const oneSparse = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let f = 0; f < n; f++) {
      let g = 0; // G_fi
      for (let h = 0; h < nHidden; h++) g += W[h * n + f] * W[h * n + i];
      const [lo, hi] = relu ? activeInterval(g, b[f]) : [0, 1];
      if (f === i) {
        // Active: (x − g x − b)²; inactive: x².
        const active = hi > lo;
        const err = active ? squareIntegral(1 - g, -b[f], lo, hi) : 0;
        const off = active ? squareIntegral(1, 0, 0, lo) + squareIntegral(1, 0, hi, 1) : 1 / 3;
        total += importance[f] * (err + off);
      } else {
        total += importance[f] * squareIntegral(g, b[f], lo, hi);
      }
    }
    oneSparse[i] = total;
  }
  const sumOne = oneSparse.reduce((s, v) => s + v, 0);
  const G = new Float64Array(n * n);
  for (let f = 0; f < n; f++) {
    for (let i = 0; i < n; i++) {
      let g = 0;
      for (let h = 0; h < nHidden; h++) g += W[h * n + f] * W[h * n + i];
      G[f * n + i] = g;
    }
  }
  let sumTwo = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) sumTwo += twoSparseLoss(G, b, importance, n, i, j, relu);
  }
  const p = 1 - sparsity;
  const L0 = empty / n;
  const L1 = sumOne / n;
  const firstOrder = (sparsity ** n * empty + p * sparsity ** (n - 1) * sumOne) / n;
  return {
    L0,
    L1,
    oneSparse,
    firstOrder,
    postForm: L0 + p * L1,
    L2: sumTwo / n,
    secondOrder: firstOrder + (p * p * sparsity ** (n - 2) * sumTwo) / n,
  };
}
