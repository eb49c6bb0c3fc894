/**
 * The null model of ./factor-neuron-alignment.ts (docs/ARCHITECTURE.md §4): the expected alignment of a uniformly
 * random r-dimensional subspace of R^nHidden with the neuron basis, by seeded Monte Carlo
 * (the span of an [nHidden, r] matrix of independent standard normals is uniform on the
 * Grassmannian). Its floor r/nHidden is an even spread; a random subspace's largest
 * projector diagonals sit above the mean, so its expected alignment is higher
 * (r = 1, nHidden = 2: E max(cos²θ, sin²θ) = 1/2 + 1/π ≈ 0.818).
 */

import { checkInteger } from '../core/check-args.js';
import type { Rng } from '../core/rng.js';
import { factorNeuronAlignment } from './factor-neuron-alignment.js';

/** A Monte Carlo estimate. */
export interface AlignmentEstimate {
  mean: number;
  /** The standard error of the mean. */
  standardError: number;
  samples: number;
}

/**
 * Mean alignment of `samples` random `dim`-dimensional subspaces of R^nHidden.
 * @param rng the seeded generator the Gaussian draws come from.
 * @throws RangeError unless 1 ≤ dim ≤ nHidden and samples ≥ 2.
 */
export function randomSubspaceAlignment(
  dim: number,
  nHidden: number,
  rng: Rng,
  samples: number,
): AlignmentEstimate {
  checkInteger('randomSubspaceAlignment', 'nHidden', nHidden, 1);
  checkInteger('randomSubspaceAlignment', 'dim', dim, 1, nHidden);
  checkInteger('randomSubspaceAlignment', 'samples', samples, 2);
  const G = new Float64Array(nHidden * dim); // [nHidden, dim]
  const columns = Array.from({ length: dim }, (_, j) => j);
  let sum = 0;
  let sumSq = 0;
  for (let s = 0; s < samples; s++) {
    for (let k = 0; k < G.length; k++) G[k] = rng.normal();
    const a = factorNeuronAlignment(G, nHidden, dim, columns, dim).alignment;
    sum += a;
    sumSq += a * a;
  }
  const mean = sum / samples;
  const variance = Math.max(0, (sumSq - samples * mean * mean) / (samples - 1));
  return { mean, standardError: Math.sqrt(variance / samples), samples };
}
