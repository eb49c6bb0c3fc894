/**
 * Runs the built `tegum` CLI (dist/, built by `npm test` before vitest) as a child
 * process. Asynchronous on purpose: a synchronous spawn blocks the test worker's event
 * loop for the whole run, and on a loaded machine vitest's own messages then time out.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** The outcome of one CLI run. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `tegum ...args` and waits for it; `env` adds to (or overrides) this process's;
 * `input`, when given, is written to its stdin (otherwise stdin is closed).
 */
export function runCli(
  args: string[],
  cwd?: string,
  env?: Record<string, string>,
  input?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const options = { cwd, env: env === undefined ? undefined : { ...process.env, ...env } };
    const child =
      input === undefined
        ? spawn(process.execPath, [CLI, ...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(process.execPath, [CLI, ...args], { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
    if (input !== undefined) child.stdin?.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
