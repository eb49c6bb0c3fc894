/**
 * A static file server for the built web explorer (web/dist), sending through
 * sirv behind our own checks: GET and HEAD only,
 * files under the root only (no path traversal, symlinks resolved and checked),
 * no directory listings, explicit content types, loopback unless told otherwise.
 */
import { closeSync, existsSync, openSync, realpathSync, statSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import sirv from 'sirv';
import { ResourceError } from '../core/errors.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Options of {@link startStaticServer}. */
export interface StaticServerOptions {
  /** Directory to serve (must exist). */
  root: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
}

/** Thrown when the port or host cannot be bound; the CLI turns it into one line and exit code 2. */
export class PortInUseError extends ResourceError {
  override readonly name: string = 'PortInUseError';
}

/**
 * Resolves a URL path to a file under `root`, or null when it is outside the
 * root, not a regular file, or malformed.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const parts = decoded.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return null;
  const realRoot = realpathSync(root);
  const relative = parts.length === 0 ? 'index.html' : parts.join(sep);
  const candidate = join(realRoot, relative);
  if (!existsSync(candidate)) return null;
  const real = realpathSync(candidate);
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
  if (!statSync(real).isFile()) return null;
  return real;
}

/** Starts the server; resolves with it once listening. */
export function startStaticServer(opts: StaticServerOptions): Promise<Server> {
  const host = opts.host ?? '127.0.0.1';
  const realRoot = realpathSync(opts.root);
  // sirv sends the file (ranges, ETags, Last-Modified); in dev mode it looks each
  // request up afresh, so a file changed or removed after start is never served stale.
  const send = sirv(realRoot, {
    dev: true,
    etag: true,
    extensions: [],
    setHeaders: (res, pathname) => {
      const type = CONTENT_TYPES[extname(pathname).toLowerCase()] ?? 'application/octet-stream';
      res.setHeader('Content-Type', type);
      res.setHeader(
        'Cache-Control',
        pathname.endsWith('.html') ? 'no-cache' : 'public, max-age=3600',
      );
    },
  });
  const plain = (
    res: ServerResponse,
    status: number,
    text: string,
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...extra });
    res.end(`${text}\n`);
  };
  const server = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plain(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
      return;
    }
    let file: string | null;
    try {
      file = resolveStaticPath(realRoot, req.url ?? '/');
    } catch {
      file = null; // a path that vanished or cannot be resolved: not found
    }
    if (file === null) {
      plain(res, 404, 'not found');
      return;
    }
    // A file that cannot be read (permissions, removed a moment ago) answers 500, and the
    // server lives on: sirv's read stream has no error handler of its own.
    try {
      closeSync(openSync(file, 'r'));
    } catch {
      plain(res, 500, 'cannot read this file');
      return;
    }
    res.on('pipe', (source: NodeJS.ReadableStream) => {
      source.on('error', () => res.destroy());
    });
    // Hand sirv exactly the file checked above.
    req.url = '/' + relative(realRoot, file).split(sep).map(encodeURIComponent).join('/');
    send(req, res, () => plain(res, 404, 'not found'));
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    else socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new PortInUseError(
            `port ${opts.port} on ${host} is already in use; choose another with --port`,
          ),
        );
      } else if (err.code === 'EACCES' || err.code === 'EPERM') {
        reject(
          new PortInUseError(
            `port ${opts.port} on ${host} may not be bound by this user (ports below 1024 need privileges); choose one from 1024 to 65535 with --port`,
          ),
        );
      } else if (
        err.code === 'EADDRNOTAVAIL' ||
        err.code === 'ENOTFOUND' ||
        err.code === 'EAI_AGAIN' ||
        err.code === 'EAI_FAIL'
      ) {
        reject(
          new PortInUseError(
            `cannot listen on host '${host}': ${err.code}; use an address of this machine with --host`,
          ),
        );
      } else reject(err);
    });
    server.listen(opts.port, host, () => resolve(server));
  });
}
