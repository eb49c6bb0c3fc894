/** The one divergence report of toy training, for the CLI, the worker pool and the browser. */
import { DivergenceError } from '../core/errors.js';
import { toyDivergenceCause, type DivergenceInputs } from './divergence-cause.js';

/**
 * Raised when an instance's loss stops being finite, or ends worse than the all-zero
 * model's; the message names the likely cause.
 */
export class ToyDivergenceError extends DivergenceError {
  override readonly name: string = 'ToyDivergenceError';
  constructor(
    /** The 1-based step whose loss was not finite (the last step for a loss that grew). */
    readonly step: number,
    /** The instances whose loss was bad then. */
    readonly instances: number[],
    /** The run, to name the likely cause (lr, weight decay or importance). */
    run?: DivergenceInputs,
    /** What was wrong with the loss; default: not finite. */
    what = 'loss not finite',
  ) {
    super(
      `toy training diverged at step ${step}: ${what} for instance(s) ${instances.join(', ')}; ${run ? toyDivergenceCause(run) : 'lower lr'}`,
    );
  }
}
