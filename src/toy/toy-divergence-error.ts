/** The one divergence report of toy training, for the CLI, the worker pool and the browser. */
import { DivergenceError } from '../core/errors.js';
import { toyDivergenceCause, type DivergenceInputs } from './divergence-cause.js';

/** Raised when an instance's loss stops being finite; the message names the likely cause. */
export class ToyDivergenceError extends DivergenceError {
  override readonly name: string = 'ToyDivergenceError';
  constructor(
    /** The 1-based step whose loss was not finite. */
    readonly step: number,
    /** The instances whose loss was not finite then. */
    readonly instances: number[],
    /** The run, to name the likely cause (lr, weight decay or importance). */
    config?: DivergenceInputs,
  ) {
    super(
      `toy training diverged at step ${step}: loss not finite for instance(s) ${instances.join(', ')}; ${config ? toyDivergenceCause(config) : 'lower lr'}`,
    );
  }
}
