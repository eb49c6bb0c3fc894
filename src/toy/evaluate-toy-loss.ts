/**
 * A low-noise estimate of each trained instance's expected loss: the mean of the
 * importance-weighted squared error over `batches` fresh batches, every instance
 * drawing from the same seeded stream (common random numbers: instances with the
 * same feature probability see the same data, so best-of-seeds compares like with
 * like). Uses the core's loss-and-gradient kernel; the generators of the state are
 * restored afterwards, so training can continue unchanged.
 */

import { checkToyState } from '../core/toy-state.js';
import { Rng } from '../core/rng.js';
import { toyModelGradient } from '../core/toy-model-gradient.js';
import type { ToyState } from '../core/toy-state.js';

/**
 * @param out [nInstances] float64, written.
 * @param batches number of batches of state.batchSize samples (default 16).
 * @param seed the evaluation stream's seed (default 12345).
 */
export function evaluateToyLoss(
  out: Float64Array,
  state: ToyState,
  batches = 16,
  seed = 12345,
): Float64Array {
  checkToyState('evaluateToyLoss', state);
  if (!Number.isInteger(batches) || batches < 1) {
    throw new RangeError(`batches must be a positive integer, got ${batches}`);
  }
  if (out.length !== state.nInstances) {
    throw new RangeError(`out must have length nInstances = ${state.nInstances}`);
  }
  const saved = Uint32Array.from(state.rngState);
  const evalState = new Rng(seed).state;
  for (let i = 0; i < state.nInstances; i++) state.rngState.set(evalState, 4 * i);
  const loss = new Float64Array(state.nInstances);
  out.fill(0);
  for (let k = 0; k < batches; k++) {
    toyModelGradient(state, loss);
    for (let i = 0; i < state.nInstances; i++) out[i] += loss[i] / batches;
  }
  state.rngState.set(saved);
  return out;
}
