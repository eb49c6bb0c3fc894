/**
 * The error the CLI turns into one line on stderr and exit code 2: bad input at
 * the edge (a flag, a config file, an API argument), never a crash. Defined with
 * the other typed errors in src/core/errors.ts; re-exported here for the commands.
 */
export { UsageError } from '../core/errors.js';

/** Exit code for bad input (flags, config, arguments) and resources the machine lacks. */
export const EXIT_USAGE = 2;

/** Exit code for a valid run that diverged (and for real bugs, as "internal error"). */
export const EXIT_FAILURE = 1;
