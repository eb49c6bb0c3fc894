/**
 * Vitest global setup: the worker, CLI and browser tests load the built `dist/`
 * (and `web/dist`), so a plain `npx vitest` after editing `src` would test stale
 * code. Before any test runs, rebuild what is older than its sources: the
 * kernels (assembly/), the JavaScript (src/) and the explorer (web/).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The newest modification time of the files under `dir` that `keep` accepts (0 when none). */
function newest(dir: string, keep: (file: string) => boolean): number {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (f.includes('node_modules') || !keep(f)) continue;
    const s = statSync(join(dir, f));
    if (s.isFile()) t = Math.max(t, s.mtimeMs);
  }
  return t;
}

/** The oldest of the built files (0 when one is missing: it must be built). */
function oldest(files: string[]): number {
  let t = Infinity;
  for (const f of files) {
    const p = join(ROOT, f);
    if (!existsSync(p)) return 0;
    t = Math.min(t, statSync(p).mtimeMs);
  }
  return t;
}

function run(what: string, cmd: string, args: string[]): void {
  process.stderr.write(`vitest global setup: ${what} is older than its sources; rebuilding\n`);
  execFileSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
}

export default function setup(): void {
  const sources = (f: string) => f.endsWith('.ts') && !f.endsWith('.test.ts');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  if (newest(join(ROOT, 'assembly'), sources) > oldest(['dist/core/tegum-kernels.wasm'])) {
    run('dist/core/*.wasm', 'npm', ['run', 'build:wasm']);
  }
  const js = newest(join(ROOT, 'src'), sources);
  if (js > oldest(['dist/cli/main.js', 'dist/index.js', 'dist/core/pool-worker.js'])) {
    run('dist/', npx, ['tsc', '-p', 'tsconfig.build.json']);
  }
  const web = Math.max(
    newest(join(ROOT, 'web', 'src'), () => true),
    js,
  );
  if (web > oldest(['web/dist/index.html', 'web/dist/sw.js'])) {
    run('web/dist/', npx, [
      'vite',
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ]);
  }
}
