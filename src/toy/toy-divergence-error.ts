/** The one divergence report of toy training, for the CLI, the worker pool and the browser. */

/** Raised when an instance's loss stops being finite. */
export class ToyDivergenceError extends Error {
  constructor(
    /** The 1-based step whose loss was not finite. */
    readonly step: number,
    /** The instances whose loss was not finite then. */
    readonly instances: number[],
  ) {
    super(
      `toy training diverged at step ${step}: loss not finite for instance(s) ${instances.join(', ')}; lower lr`,
    );
    this.name = 'ToyDivergenceError';
  }
}
