/**
 * The one place a theory evaluation is checked and completed (docs/ARCHITECTURE.md §1,
 * §6): the given fields parsed strictly against the declaration
 * (./theory-run-schema.ts), the defaults filled in, and n > d checked, as complete plain
 * data. A resolved run resolves to itself; `theoryModel` builds its model.
 */
import { parseRunInput, resolvedRun, withDefaults } from '../core/run-schema.js';
import {
  THEORY_RUN_FIELDS,
  type ResolvedTheoryRun,
  type TheoryRunInput,
} from './theory-run-schema.js';

/**
 * Checks `input` once and returns the complete run.
 * @throws RangeError naming the first bad or unknown field and what is allowed.
 */
export function resolveTheoryRun(input: TheoryRunInput): ResolvedTheoryRun {
  const given = withDefaults(THEORY_RUN_FIELDS, parseRunInput('theory', THEORY_RUN_FIELDS, input));
  const { n, d, alpha } = given;
  if (n === undefined) throw new RangeError('n is required (features n)');
  if (d === undefined) throw new RangeError('d is required (embedding dimensions d)');
  if (alpha === undefined) throw new RangeError('alpha is required (α > 0)');
  const run = resolvedRun('theory', THEORY_RUN_FIELDS, { ...given, n, d, alpha });
  if (n <= d) throw new RangeError(`n must be an integer greater than d (${d}), got ${n}`);
  return run;
}
