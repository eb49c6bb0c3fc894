/**
 * The typed errors every layer throws and the CLI's edge maps to one line on
 * stderr and an exit code (src/cli/exit-for-error.ts):
 *
 * - {@link UsageError}: bad input (a flag, a spec, an argument) — exit 2;
 * - {@link ResourceError}: valid input the machine cannot hold (memory, cores) — exit 2;
 * - {@link FileSystemError}: an output or input path that cannot be used — exit 2;
 * - {@link DivergenceError}: a valid run whose numbers stopped being finite — exit 1,
 *   its message naming the likely cause and a remedy.
 *
 * A library RangeError (an exported function's argument check) is input too (exit 2);
 * anything else is a bug ("internal error", exit 1).
 */

/** Bad input at the edge: a flag, a config file, an API argument. */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** Valid input that needs more than the machine has (memory, cores, time). */
export class ResourceError extends Error {
  override readonly name: string = 'ResourceError';
}

/** A path that cannot be read or written (a file where a folder is needed, no permission, …). */
export class FileSystemError extends Error {
  override readonly name: string = 'FileSystemError';
}

/** A valid run whose loss or parameters stopped being finite; the message names a cause and a remedy. */
export class DivergenceError extends Error {
  override readonly name: string = 'DivergenceError';
}
