/**
 * Builds the optional native backend (native/, an N-API addon over the system's CBLAS) with
 * node-gyp, as `npm ci`'s install step. Optional by design: where node-gyp, Node's headers,
 * a C compiler or libopenblas-dev is missing, or TEGUM_NATIVE=off, it prints one line and
 * exits 0, and `--backend auto` falls back to WebAssembly.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const note = (why) => {
  process.stderr.write(`tegum: native backend not built (${why}); --backend auto will use wasm\n`);
};

function nodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp, // set by npm for lifecycle scripts
    join(
      dirname(process.execPath),
      '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    ),
  ];
  return candidates.find((p) => p !== undefined && p !== '' && existsSync(p));
}

function main() {
  if (process.env.TEGUM_NATIVE === 'off') return note('TEGUM_NATIVE=off');
  const gyp = nodeGyp();
  if (gyp === undefined) return note('node-gyp not found');
  // Node's own headers when installed with it (Debian's nodejs, official tarballs), so no
  // download is needed; otherwise node-gyp looks in its cache or downloads them.
  const nodeDir = join(dirname(process.execPath), '..');
  const args = [gyp, 'rebuild'];
  if (existsSync(join(nodeDir, 'include/node/node_api.h'))) args.push(`--nodedir=${nodeDir}`);
  const run = spawnSync(process.execPath, args, { cwd: here, encoding: 'utf8' });
  if (run.status === 0) return;
  rmSync(join(here, 'build'), { recursive: true, force: true }); // no half-built addon
  const output = `${run.stderr ?? ''}\n${run.stdout ?? ''}`;
  const error =
    output
      .split('\n')
      .find(
        (l) =>
          /error|cannot find|not found/i.test(l) &&
          !/^gyp (info|ERR! (stack|System|command|cwd|node|not ok))/.test(l),
      ) ?? `node-gyp exited with ${run.status ?? run.signal}`;
  note(error.trim().slice(0, 200));
}

main();
