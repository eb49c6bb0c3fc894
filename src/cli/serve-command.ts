/**
 * `tegum serve`: serves the built web explorer on loopback (or --host).
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { PortInUseError, startStaticServer } from '../serve/static-server.js';
import { parseNonNegativeInt } from './parse-options.js';
import { UsageError } from './usage-error.js';

/** web/dist, relative to this file in dist/cli/ (or src/cli/ under tsx). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Registers `tegum serve`. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the interactive explorer (theory, packing, toy models)')
    .option('--port <int>', 'port (0 picks a free one)', parseNonNegativeInt, 8080)
    .option('--host <host>', 'interface to bind; loopback by default', '127.0.0.1')
    .action(async (flags: { port: number; host: string }) => {
      if (flags.port > 65535) throw new UsageError(`--port must be in 0..65535, got ${flags.port}`);
      if (!existsSync(WEB_DIST)) {
        throw new UsageError(
          `the explorer is not built (${WEB_DIST} is missing); run npm run build`,
        );
      }
      try {
        const server = await startStaticServer({
          root: WEB_DIST,
          host: flags.host,
          port: flags.port,
        });
        const { port } = server.address() as AddressInfo;
        const shown = flags.host.includes(':') ? `[${flags.host}]` : flags.host;
        process.stdout.write(`tegum explorer at http://${shown}:${port}/ (Ctrl-C to stop)\n`);
        await new Promise<void>((resolve) => {
          const stop = () => server.close(() => resolve());
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      } catch (err) {
        if (err instanceof PortInUseError) throw new UsageError(err.message);
        throw err;
      }
    });
}
