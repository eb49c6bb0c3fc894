/** Runs the built `tegum` CLI (dist/, built by `npm test` before vitest) as a child process. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** The outcome of one CLI run. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tegum ...args` and waits for it; `env` adds to (or overrides) this process's. */
export function runCli(args: string[], cwd?: string, env?: Record<string, string>): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd,
    env: env === undefined ? undefined : { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
