/**
 * The CLI's one error path: every error a command throws becomes one line on
 * stderr and an exit code. Input and resource problems (UsageError,
 * ResourceError, FileSystemError, a library RangeError, a file-system errno) exit
 * 2; a valid run that diverged exits 1 with its cause; anything else is a bug,
 * printed as "internal error" (exit 1), still without a stack trace.
 */
import { DivergenceError, FileSystemError, ResourceError, UsageError } from '../core/errors.js';
import { EXIT_FAILURE, EXIT_USAGE } from './usage-error.js';

/** What the edge prints and returns for an error. */
export interface ErrorExit {
  code: number;
  line: string;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'already exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  EXDEV: 'cannot rename across file systems',
  EBUSY: 'resource busy',
};

function errnoOf(err: unknown): { code: string; path?: string; dest?: string } | null {
  if (!(err instanceof Error)) return null;
  const e = err as NodeJS.ErrnoException & { dest?: string };
  return typeof e.code === 'string' && e.code in ERRNO_TEXT
    ? { code: e.code, path: e.path, dest: e.dest }
    : null;
}

/** An allocation the engine refused: V8's own messages for typed arrays past its limits. */
function isAllocationFailure(err: unknown): boolean {
  return (
    err instanceof RangeError &&
    /Invalid typed array length|Array buffer allocation failed|Invalid array length|WebAssembly.Memory/.test(
      err.message,
    )
  );
}

/** A path shown without the temporary suffix the atomic writer adds. */
function shown(path: string): string {
  return path.replace(/\.tmp-\d+-(\d+|w)$/, '');
}

/** Maps an error to its line and exit code. */
export function exitForError(err: unknown): ErrorExit {
  const one = (prefix: string, message: string) =>
    `tegum: ${prefix}${message.replace(/\s*\n\s*/g, ' ')}`;
  if (err instanceof DivergenceError) {
    return { code: EXIT_FAILURE, line: one('diverged: ', err.message) };
  }
  if (isAllocationFailure(err)) {
    return {
      code: EXIT_USAGE,
      line: one(
        'error: ',
        `not enough memory for this size (${(err as Error).message}); choose smaller sizes`,
      ),
    };
  }
  if (
    err instanceof UsageError ||
    err instanceof ResourceError ||
    err instanceof FileSystemError ||
    err instanceof RangeError
  ) {
    return { code: EXIT_USAGE, line: one('error: ', err.message) };
  }
  const errno = errnoOf(err);
  if (errno) {
    const where = errno.path ? `${shown(errno.path)}: ` : '';
    return {
      code: EXIT_USAGE,
      line: one('error: ', `${where}${ERRNO_TEXT[errno.code]} (${errno.code})`),
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: EXIT_FAILURE, line: one('internal error: ', message) };
}
