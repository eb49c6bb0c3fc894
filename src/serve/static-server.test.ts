import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { PortInUseError, resolveStaticPath, startStaticServer } from './static-server.js';

const root = mkdtempSync(join(tmpdir(), 'tegum-www-'));
const outside = mkdtempSync(join(tmpdir(), 'tegum-secret-'));
writeFileSync(join(root, 'index.html'), '<!doctype html><p>hi</p>');
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'k.wasm'), new Uint8Array([0, 97, 115, 109]));
writeFileSync(join(outside, 'secret.txt'), 'secret');
symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));

describe('resolveStaticPath', () => {
  it('maps / to index.html and files under the root to themselves', () => {
    expect(resolveStaticPath(root, '/')).toMatch(/index\.html$/);
    expect(resolveStaticPath(root, '/assets/app.js?v=1')).toMatch(/app\.js$/);
  });

  it.each([
    ['/../secret.txt'],
    ['/%2e%2e/%2e%2e/etc/passwd'],
    ['/assets/..%2f..%2fpackage.json'],
    ['/assets/'],
    ['/link.txt'],
    ['/%00index.html'],
    ['/%E0%A4%A'],
    ['/assets\\..\\index.html'],
  ])('refuses %s', (path) => {
    expect(resolveStaticPath(root, path)).toBeNull();
  });
});

describe('startStaticServer', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = await startStaticServer({ root, port: 0 });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('binds loopback by default', () => {
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('serves files with their content types', async () => {
    const html = await fetch(`${base}/`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await fetch(`${base}/assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const wasm = await fetch(`${base}/assets/k.wasm`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
  });

  it('answers 404 for directories, traversal and missing files, and 405 for POST', async () => {
    expect((await fetch(`${base}/assets/`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${base}/nope.js`)).status).toBe(404);
    const post = await fetch(`${base}/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('fails with PortInUseError when the port is taken', async () => {
    const port = (server.address() as AddressInfo).port;
    await expect(startStaticServer({ root, port })).rejects.toThrow(PortInUseError);
  });

  it('makes the CLI say the port is taken, in one line with exit code 2', async () => {
    const port = (server.address() as AddressInfo).port;
    const r = await runCli(['serve', '--port', String(port)]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `tegum: error: port ${port} on 127.0.0.1 is already in use; choose another with --port`,
    );
  });
});

/** Spawn options that drop root to `nobody`, so that file permissions and privileged ports apply. */
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const SERVER = fileURLToPath(new URL('../../dist/serve/static-server.js', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

describe('the server with a file it cannot read', () => {
  it('answers 500 for that file and goes on serving the others', async () => {
    const www = mkdtempSync(join(tmpdir(), 'tegum-www-'));
    chmodSync(www, 0o755);
    writeFileSync(join(www, 'index.html'), '<!doctype html><p>hi</p>');
    writeFileSync(join(www, 'locked.js'), 'secret');
    chmodSync(join(www, 'locked.js'), 0o000);
    const script = `import { startStaticServer } from ${JSON.stringify(SERVER)};
      const s = await startStaticServer({ root: ${JSON.stringify(www)}, port: 0 });
      console.log(s.address().port);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      ...asUser,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<string>((resolve) =>
        child.stdout.once('data', (c: Buffer) => resolve(c.toString().trim())),
      );
      const base = `http://127.0.0.1:${port}`;
      const locked = await fetch(`${base}/locked.js`);
      expect(locked.status).toBe(500);
      expect(await locked.text()).toBe('cannot read this file\n');
      const again = await fetch(`${base}/`);
      expect(again.status).toBe(200);
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill();
    }
  });
});

describe('tegum serve at its edge', () => {
  it.each([[''], ['bad host!']])(
    'refuses --host %j in one line with exit code 2 (it would bind every interface or none)',
    async (host) => {
      const r = await runCli(['serve', '--host', host, '--port', '0']);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/--host <host>.*must be an IP address/);
    },
  );

  it('says in one line, exit 2, that a privileged port may not be bound', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '80'], {
      ...asUser,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(
      'tegum: error: port 80 on 127.0.0.1 may not be bound by this user (ports below 1024 need privileges); choose one from 1024 to 65535 with --port',
    );
  });
});
