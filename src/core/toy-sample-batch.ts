/**
 * The toy data as the training step sees it (Elhage et al. 2022 §2 and §7): one dense batch
 * of an instance, drawn on the active backend from the same stream its training step
 * draws — independent features, per-feature probabilities, correlated and anticorrelated
 * sets (toy-sampling.ts). For inspection, the sampling tests and the web explorer; the
 * training step never materialises the dense batch.
 */

import { activeKernels } from './backend.js';
import type { ToyState } from './toy-state.js';

/**
 * Fills x with instance `instance`'s next batch, advancing its generator (so the next
 * training step draws the batch after it).
 * @param x out, [batchSize, nFeatures]
 */
export function toySampleBatch(x: Float32Array, state: ToyState, instance: number): void {
  if (!Number.isInteger(instance) || instance < 0 || instance >= state.nInstances) {
    throw new RangeError(
      `toySampleBatch: instance must be an integer in [0, ${state.nInstances}), got ${instance}`,
    );
  }
  const size = state.batchSize * state.nFeatures;
  if (!(x instanceof Float32Array) || x.length !== size) {
    throw new RangeError(
      `toySampleBatch: x must be a Float32Array of batchSize · nFeatures = ${size} entries`,
    );
  }
  activeKernels().toySampleBatch(x, state, instance);
}
