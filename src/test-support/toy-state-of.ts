/**
 * Toy states for the kernel tests, built the one way a run is: its input resolved
 * (src/toy/resolve-toy-run.ts, which checks everything) and the state created from the
 * resolved run (src/toy/create-toy-state.ts, which checks nothing).
 */
import type { ToyState } from '../core/toy-state.js';
import { createToyState } from '../toy/create-toy-state.js';
import { resolveToyRun } from '../toy/resolve-toy-run.js';
import type { ResolvedToyRun, ToyRunInput } from '../toy/toy-run-schema.js';

/**
 * The initialised state of the run `input` declares.
 * @param unchecked fields written over the resolved run without the resolver's checks:
 *   the kernels' edges that no run reaches, such as sparsity 1 (a feature never active,
 *   p = 0), which the resolver refuses.
 */
export function toyStateOf(
  input: ToyRunInput,
  unchecked: Partial<Omit<ResolvedToyRun, 'kind'>> = {},
): ToyState {
  return createToyState({ ...resolveToyRun(input), ...unchecked });
}
