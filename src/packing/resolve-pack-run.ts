/**
 * The one place a packing run is checked and completed (docs/ARCHITECTURE.md §2, §6):
 * the given fields parsed strictly against the declaration (./pack-run-schema.ts), the
 * defaults filled in, the objective built once from its parameters (which checks them:
 * src/packing/objectives/), a parameter of another objective refused, and the blocks
 * checked against n and d, so the result is complete plain data that `pack`, the worker
 * pool and the explorer's worker take as it is. A resolved run resolves to itself.
 */
import type { ExecutionTarget } from '../core/execution-target.js';
import { parseRunInput, resolvedRun, withDefaults } from '../core/run-schema.js';
import { objectiveDefinition } from './objectives/registry.js';
import { objectiveParamsOf, packTasks } from './pack.js';
import {
  OBJECTIVE_PARAMS,
  PACK_RUN_FIELDS,
  type PackRunInput,
  type ResolvedPackRun,
} from './pack-run-schema.js';
import { createObjective } from './objectives/registry.js';

export { PACKING_COSINE_TOLERANCE } from './pack-run-schema.js';

/** A target for runs that never say 'auto' and run on one thread. */
const SINGLE_THREAD: ExecutionTarget = { auto: 'wasm', cores: 1 };

/**
 * Checks `input` once and returns the complete run.
 * @param target what 'auto' and the default thread count (the cores) resolve to.
 * @throws RangeError naming the first bad or unknown field and what is allowed.
 */
export function resolvePackRun(
  input: PackRunInput,
  target: ExecutionTarget = SINGLE_THREAD,
): ResolvedPackRun {
  const given = withDefaults(PACK_RUN_FIELDS, parseRunInput('pack', PACK_RUN_FIELDS, input));
  const { n, d } = given;
  if (n === undefined) throw new RangeError('n is required (vectors n)');
  if (d === undefined) throw new RangeError('d is required (dimensions d)');
  const blocks = given.blocks ?? null;
  if (blocks !== null && blocks > Math.min(n, d)) {
    throw new RangeError(
      `blocks must be an integer in [1, min(n, d)] = [1, ${Math.min(n, d)}], got ${blocks}`,
    );
  }
  const { objective, optimizer } = given;
  const defaults = objectiveDefinition(objective).defaults;
  const params = {} as Record<(typeof OBJECTIVE_PARAMS)[number], number | null>;
  for (const name of OBJECTIVE_PARAMS) {
    const v = given[name];
    if (v !== undefined && !(name in defaults)) {
      const takes = Object.keys(defaults).join(', ') || 'no parameters';
      throw new RangeError(`${name} does not apply to objective ${objective} (it takes: ${takes})`);
    }
    params[name] = name in defaults ? (v ?? defaults[name]) : null;
  }
  const run = resolvedRun('pack', PACK_RUN_FIELDS, {
    ...given,
    n,
    d,
    ...params,
    blocks,
    lr: given.lr ?? (optimizer === 'adam' ? 0.01 : 0.05),
    backend: given.backend === 'auto' ? target.auto : given.backend,
    threads: given.threads ?? target.cores,
  });
  // The objective checks its own parameters (alpha > 0, threshold in [0, 1), …).
  createObjective(objective, objectiveParamsOf(run));
  // The threads it runs on: a worker per task (at most the tasks), or, for a single task,
  // the kernels' own threads (none on js; none when no block needs optimizing). One
  // count, recorded and reported.
  const tasks = packTasks(run).length;
  run.threads =
    tasks > 1
      ? Math.min(run.threads, tasks)
      : tasks === 0 || run.backend === 'js'
        ? 1
        : run.threads;
  return run;
}
