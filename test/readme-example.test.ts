/**
 * The README's "From TypeScript" example, run as a reader would run it: the code block
 * taken from the README, its `tegum` and `tegum/node` imports pointed at this build
 * (dist/), run by Node with tsx in a fresh folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The first ```ts block after the heading `### From TypeScript`. */
function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### From TypeScript'));
  const m = /```ts\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('README: no ts block under "From TypeScript"');
  return m[1];
}

function run(file: string, cwd: string): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    // tsx by its path: the example's folder has no node_modules of its own.
    const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href;
    const child = spawn(process.execPath, ['--import', tsx, file], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, out }));
  });
}

describe("the README's TypeScript example", () => {
  const dir = mkdtempSync(join(tmpdir(), 'tegum-readme-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs as written and prints the toy factors, the packing and the sweep', async () => {
    const dist = (f: string) => pathToFileURL(join(root, 'dist', f)).href;
    const code = readmeExample()
      .replace(/from 'tegum\/node'/g, `from '${dist('node.js')}'`)
      .replace(/from 'tegum'/g, `from '${dist('index.js')}'`);
    const file = join(dir, 'example.mts');
    writeFileSync(file, code);
    const { status, out } = await run(file, dir);
    expect(status, out).toBe(0);
    expect(out).toMatch(/^toy S = 0: /m);
    expect(out).toMatch(/^toy S = 0\.9: .*pentagon/m);
    const cos = Number(/pack max\|cos\| = ([\d.]+)/.exec(out)?.[1]);
    expect(cos).toBeCloseTo(1 / Math.sqrt(5), 2);
    expect(out).toContain('sweep demo: 4 jobs run');
  }, 120_000);
});
