/**
 * `tegum serve`: serves the built web explorer on loopback (or --host) until stopped
 * (Ctrl-C, SIGTERM) or until the process that started it ends — `npx tegum serve &`
 * then `kill $!` ends npm, which does not pass the signal on (src/serve/watch-ancestors.ts).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { isIP } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { startStaticServer } from '../serve/static-server.js';
import { watchAncestors } from '../serve/watch-ancestors.js';
import { parseIntIn } from './parse-options.js';
import { UsageError } from './usage-error.js';

/** web/dist, relative to this file in dist/cli/ (or src/cli/ under tsx). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/**
 * An IP address (v4 or v6) or a host name. The empty string is refused: Node would
 * bind every interface, which must be asked for explicitly (0.0.0.0 or ::).
 */
export function parseHost(value: string): string {
  const v = value.trim();
  const hostname =
    /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
  if (isIP(v) === 0 && !hostname.test(v)) {
    throw new InvalidArgumentError(
      'must be an IP address (127.0.0.1, ::1, 0.0.0.0 for every interface) or a host name.',
    );
  }
  return v;
}

/** Registers `tegum serve`. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the interactive explorer (theory, packing, toy models)')
    .option('--port <int>', 'port 0 to 65535 (0 picks a free one)', parseIntIn(0, 65535), 8080)
    .option(
      '--host <host>',
      'interface to bind: an IP address or host name; loopback by default',
      parseHost,
      '127.0.0.1',
    )
    .action(async (flags: { port: number; host: string }) => {
      if (!existsSync(WEB_DIST)) {
        throw new UsageError(
          `the explorer is not built (${WEB_DIST} is missing); run npm run build`,
        );
      }
      const server = await startStaticServer({
        root: WEB_DIST,
        host: flags.host,
        port: flags.port,
      });
      const { port } = server.address() as AddressInfo;
      const shown = flags.host.includes(':') ? `[${flags.host}]` : flags.host;
      process.stdout.write(`tegum explorer at http://${shown}:${port}/ (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          watch.stop();
          server.close(() => resolve());
          // Open keep-alive connections (a browser tab) would hold the close back.
          server.closeAllConnections();
        };
        const watch = watchAncestors((pid) => {
          process.stderr.write(
            `tegum serve: stopped: the process that started it (${pid}) ended\n`,
          );
          stop();
        });
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
