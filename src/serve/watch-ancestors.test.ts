import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `npx tegum serve &` then `kill $!`: npm dies, and neither it nor the `sh -c` it runs
// the bin through passes the signal on. Here a real parent process starts the server the
// way npm does (through `sh -c`, or directly) and is SIGKILLed; the server must stop.
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** Whether a process with this pid exists. */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 15_000) {
  const t0 = performance.now();
  while (!(await ok())) {
    if (performance.now() - t0 > ms) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('tegum serve started by another process', () => {
  it.each(
    [
      ['through sh -c, as npx runs it', true],
      ['directly', false],
    ].filter(([, viaShell]) => !viaShell || process.platform === 'linux'),
  )(
    'stops answering once the process that started it (%s) is killed with SIGKILL',
    async (_how, viaShell) => {
      const serve = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} serve --port 0`;
      // The parent prints its child's pid, then passes the server's output through.
      const parentScript = `
        const { spawn } = require('node:child_process');
        const child = ${viaShell ? `spawn('sh', ['-c', ${JSON.stringify(serve)}], { stdio: 'inherit' })` : `spawn(${JSON.stringify(process.execPath)}, [${JSON.stringify(CLI)}, 'serve', '--port', '0'], { stdio: 'inherit' })`};
        console.log('child ' + child.pid);
        setInterval(() => {}, 1000);`;
      const parent = spawn(process.execPath, ['-e', parentScript], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      parent.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
      const parentExited = new Promise((resolve) => parent.on('exit', resolve));
      let server = 0;
      try {
        await until('the server prints its address', () => /http:\/\/[^\s]+\//.test(out));
        const url = /(http:\/\/[^\s]+\/)/.exec(out)?.[1] as string;
        const shell = Number(/child (\d+)/.exec(out)?.[1]);
        expect(await answers(url)).toBe(true);
        // The server is the node process whose parent is the shell (or the parent itself).
        server = viaShell ? serverUnder(shell) : shell;
        expect(server).toBeGreaterThan(0);
        parent.kill('SIGKILL');
        await parentExited;
        await until('the server stops answering', async () => !(await answers(url)));
        await until('the server process ends', () => !exists(server));
      } finally {
        parent.kill('SIGKILL');
        if (server > 0 && exists(server)) process.kill(server, 'SIGKILL');
      }
    },
    30_000,
  );
});

/** The first child of `pid` (Linux /proc), or `pid` itself when it has none (a shell that exec'd). */
function serverUnder(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return children === '' ? pid : Number(children.split(' ')[0]);
}
