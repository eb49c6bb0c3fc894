/**
 * The error the CLI turns into one line on stderr and exit code 2: bad input at
 * the edge (a flag, a config file, an API argument), never a crash.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit code for bad input (flags, config, arguments). */
export const EXIT_USAGE = 2;
