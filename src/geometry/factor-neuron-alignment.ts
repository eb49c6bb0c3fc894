/**
 * Does a tegum factor live on its own neurons? (Elhage et al. 2022, "Privileged Basis";
 * docs/ARCHITECTURE.md §4.) With a ReLU on the hidden layer the rows of W [nHidden,
 * nFeatures] are neurons, a privileged basis, and a factor's features span an
 * r-dimensional subspace of neuron space (r = the factor's dimension). Take an
 * orthonormal basis U [nHidden, r] of that subspace — the top r eigenvectors of the
 * frame operator Σ_{i∈F} Ŵ_i Ŵ_iᵀ of the factor's unit columns — and give neuron k its
 * share of the factor's energy, e_k = Σ_j U_kj² (the projector's diagonal: Σ_k e_k = r,
 * 0 ≤ e_k ≤ 1). The alignment is the energy on the r best neurons over r: 1 when r
 * neurons span the subspace, and near r/nHidden (its floor, reached when the energy is
 * spread evenly) for a subspace rotated away from the neuron basis; a uniformly random
 * r-subspace averages somewhat above r/nHidden (./random-subspace-alignment.ts).
 *
 * The eigenproblem is solved on the smaller side: with f ≤ nHidden features the [f, f]
 * Gram G = ÂᵀÂ = V Λ Vᵀ gives U_j = Â V_j / √λ_j (computed by normalising Â V_j); otherwise the [nHidden, nHidden]
 * frame operator's eigenvectors are U directly.
 */

import { checkInteger } from '../core/check-args.js';
import { checkWeights, type Weights } from './check-weights.js';
import { columnFrame, columnGram } from './column-gram.js';
import { symmetricEigenvectors } from './symmetric-eigenvectors.js';

/** A factor's alignment with the neuron basis. */
export interface FactorNeuronAlignment {
  /** The factor's feature indices, as given. */
  features: number[];
  /** r, the factor's dimension. */
  dim: number;
  /** (Σ of the r largest e_k) / r, in [r/nHidden, 1]. */
  alignment: number;
  /** The r neurons with the largest e_k (the factor's neurons), ascending. */
  neurons: number[];
  /** e_k for every neuron [nHidden]; sums to r. */
  energy: number[];
}

/**
 * Eigenvalues at or below side · ε · λ_max (ε the float64 epsilon) are rounding noise of a
 * rank-deficient matrix: a `dim` reaching them asks for more dimensions than the columns
 * span. The factor analysis counts dimensions at λ > rankTolerance² · λ_max, far above for
 * any rankTolerance above ~1e-7.
 */
const ROUNDING = Number.EPSILON;

/**
 * The alignment of the subspace spanned by the columns `features` of W with the neuron
 * basis, taking its top `dim` directions.
 *
 * @param W [nHidden, nFeatures] row-major, feature i in column i; the chosen columns non-zero.
 * @param features distinct feature indices (a tegum factor's).
 * @param dim the factor's dimension r, 1 ≤ r ≤ min(features.length, nHidden).
 * @throws RangeError on a bad shape, index or dim, a zero column, or a dim above the columns' rank.
 */
export function factorNeuronAlignment(
  W: Weights,
  nHidden: number,
  nFeatures: number,
  features: readonly number[],
  dim: number,
): FactorNeuronAlignment {
  checkWeights(W, nHidden, nFeatures);
  if (!Array.isArray(features) || features.length === 0) {
    throw new RangeError('factorNeuronAlignment: features must be a non-empty array of indices');
  }
  for (const i of features)
    checkInteger('factorNeuronAlignment', 'features[]', i, 0, nFeatures - 1);
  if (new Set(features).size !== features.length) {
    throw new RangeError(
      `factorNeuronAlignment: features [${features.join(', ')}] repeat an index`,
    );
  }
  const f = features.length;
  const side = Math.min(f, nHidden);
  checkInteger('factorNeuronAlignment', 'dim', dim, 1, side);
  const inv = features.map((i) => {
    let s = 0;
    for (let h = 0; h < nHidden; h++) s += W[h * nFeatures + i] ** 2;
    if (s === 0) throw new RangeError(`factorNeuronAlignment: column ${i} of W is zero`);
    return 1 / Math.sqrt(s);
  });

  const lambda = new Float64Array(side);
  const V = new Float64Array(side * side); // [side, side], eigenvectors in columns
  const energy = new Float64Array(nHidden);
  if (f <= nHidden) {
    symmetricEigenvectors(lambda, V, columnGram(W, nHidden, nFeatures, features, inv), f);
    checkRank(lambda, dim, side);
    // U_j ∝ Â V_j (= √λ_j times the unit vector); normalised, and re-orthogonalised
    // against the earlier U_l so that rounding in a small λ_j cannot leak energy.
    const U = new Float64Array(dim * nHidden); // [dim, nHidden]
    for (let j = 0; j < dim; j++) {
      const u = U.subarray(j * nHidden, (j + 1) * nHidden);
      for (let k = 0; k < nHidden; k++) {
        let x = 0;
        for (let t = 0; t < f; t++) x += W[k * nFeatures + features[t]] * inv[t] * V[t * f + j];
        u[k] = x;
      }
      for (let pass = 0; pass < 2; pass++) {
        for (let l = 0; l < j; l++) {
          const p = U.subarray(l * nHidden, (l + 1) * nHidden);
          let d = 0;
          for (let k = 0; k < nHidden; k++) d += p[k] * u[k];
          for (let k = 0; k < nHidden; k++) u[k] -= d * p[k];
        }
      }
      let norm = 0;
      for (let k = 0; k < nHidden; k++) norm += u[k] * u[k];
      norm = Math.sqrt(norm);
      for (let k = 0; k < nHidden; k++) {
        u[k] /= norm;
        energy[k] += u[k] * u[k];
      }
    }
  } else {
    symmetricEigenvectors(lambda, V, columnFrame(W, nHidden, nFeatures, features, inv), nHidden);
    checkRank(lambda, dim, side);
    for (let k = 0; k < nHidden; k++) {
      for (let j = 0; j < dim; j++) energy[k] += V[k * nHidden + j] ** 2;
    }
  }

  const order = Array.from({ length: nHidden }, (_, k) => k).sort(
    (a, b) => energy[b] - energy[a] || a - b,
  );
  const neurons = order.slice(0, dim).sort((a, b) => a - b);
  let top = 0;
  for (const k of neurons) top += energy[k];
  return {
    features: [...features],
    dim,
    alignment: Math.min(1, top / dim),
    neurons,
    energy: [...energy],
  };
}

function checkRank(lambda: Float64Array, dim: number, side: number): void {
  if (!(lambda[dim - 1] > side * ROUNDING * lambda[0])) {
    throw new RangeError(
      `factorNeuronAlignment: dim ${dim} exceeds the rank of the factor's columns (eigenvalue ${dim} is ${lambda[dim - 1].toExponential(2)}, the largest ${lambda[0].toExponential(2)})`,
    );
  }
}

/** A factor's alignment as stored with a run: without the per-neuron energies. */
export type StoredFactorAlignment = Omit<FactorNeuronAlignment, 'energy'>;

/**
 * The alignment of every factor of a tegum decomposition (./tegum-factors.ts) of W.
 * @param factors each with its features and dimension, as tegumFactors returns them.
 */
export function factorNeuronAlignments(
  W: Weights,
  nHidden: number,
  nFeatures: number,
  factors: readonly { features: readonly number[]; dim: number }[],
): StoredFactorAlignment[] {
  return factors.map((f) => {
    const { features, dim, alignment, neurons } = factorNeuronAlignment(
      W,
      nHidden,
      nFeatures,
      f.features,
      f.dim,
    );
    return { features, dim, alignment, neurons };
  });
}
