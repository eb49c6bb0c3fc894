/**
 * Gram matrices of chosen columns of W [nHidden, nFeatures] for the tegum-factor analysis:
 * the columns' pairwise dots G = W_Sᵀ W_S, and the frame operator F = Σ_t u_t u_tᵀ of the
 * unit columns (the smaller of the two gives the numerical rank: docs/ARCHITECTURE.md §4). Small
 * problems are summed here in float64; large ones — a packing of n = 8192 vectors in
 * d = 1024 has 3.4·10^10 multiply-adds in its pairwise dots — go through the compute core's
 * `gram` kernel on the active backend (ssyrk on native), in float32: entries to ~1e-7 of
 * the largest, ample for cosine and rank tolerances of 10^-3 and above (defaults 0.1).
 */

import { gram } from '../core/gram.js';
import type { Weights } from './check-weights.js';

/** Multiply-adds above which the float32 kernel is used (~0.1 s of plain float64 loops). */
export const COLUMN_GRAM_KERNEL_MIN_WORK = 1 << 27;

/**
 * G [f, f] (float32 from the kernel, float64 otherwise) = Σ_h s_a s_c W[h, i_a] W[h, i_c] for the columns i_a = columns[a], each scaled
 * by scale[a] (1 when omitted).
 * @param kernel force the float32 kernel (true) or the float64 sums (false); default by size
 */
export function columnGram(
  W: Weights,
  nHidden: number,
  nFeatures: number,
  columns: readonly number[],
  scale?: readonly number[],
  kernel = (columns.length * columns.length * nHidden) / 2 > COLUMN_GRAM_KERNEL_MIN_WORK,
): Float32Array | Float64Array {
  const f = columns.length;
  const s = (t: number) => (scale ? scale[t] : 1);
  if (kernel) {
    // Y [nHidden, f]: the chosen columns side by side; G = YᵀY.
    const Y = new Float32Array(nHidden * f);
    for (let h = 0; h < nHidden; h++) {
      const row = h * nFeatures;
      for (let t = 0; t < f; t++) Y[h * f + t] = W[row + columns[t]] * s(t);
    }
    const G32 = new Float32Array(f * f);
    gram(G32, Y, nHidden, f);
    return G32; // kept in float32: at f = 8192 a float64 copy would be another 512 MB
  }
  const G = new Float64Array(f * f);
  for (let a = 0; a < f; a++) {
    for (let c = a; c < f; c++) {
      let sum = 0;
      for (let h = 0; h < nHidden; h++) {
        sum += W[h * nFeatures + columns[a]] * W[h * nFeatures + columns[c]];
      }
      G[a * f + c] = G[c * f + a] = sum * s(a) * s(c);
    }
  }
  return G;
}

/**
 * F [nHidden, nHidden] = Σ_t scale[t]² w_t w_tᵀ over the columns w_t = W[:, columns[t]].
 * @param kernel force the float32 kernel (true) or the float64 sums (false); default by size
 */
export function columnFrame(
  W: Weights,
  nHidden: number,
  nFeatures: number,
  columns: readonly number[],
  scale: readonly number[],
  kernel = (nHidden * nHidden * columns.length) / 2 > COLUMN_GRAM_KERNEL_MIN_WORK,
): Float64Array {
  const f = columns.length;
  if (kernel) {
    // X [f, nHidden]: one scaled column per row; F = XᵀX.
    const X = new Float32Array(f * nHidden);
    for (let h = 0; h < nHidden; h++) {
      const row = h * nFeatures;
      for (let t = 0; t < f; t++) X[t * nHidden + h] = W[row + columns[t]] * scale[t];
    }
    const F32 = new Float32Array(nHidden * nHidden);
    gram(F32, X, f, nHidden);
    return Float64Array.from(F32);
  }
  const F = new Float64Array(nHidden * nHidden);
  for (let a = 0; a < nHidden; a++) {
    for (let c = a; c < nHidden; c++) {
      let sum = 0;
      for (let t = 0; t < f; t++) {
        const i = columns[t];
        sum += W[a * nFeatures + i] * W[c * nFeatures + i] * scale[t] * scale[t];
      }
      F[a * nHidden + c] = F[c * nHidden + a] = sum;
    }
  }
  return F;
}
