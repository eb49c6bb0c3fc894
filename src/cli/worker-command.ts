/**
 * `tegum worker --queue URL [--threads N]`: take sweep jobs from the BullMQ queues at
 * a Redis URL and run them on this machine's cores until stopped (SIGINT/SIGTERM:
 * running jobs finish first). See src/sweep/queue-worker.ts.
 */
import type { Command } from 'commander';
import { parseQueueUrl } from '../sweep/queue-url.js';
import { parsePositiveInt } from './parse-options.js';

/** Registers `tegum worker`. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run sweep jobs from a BullMQ queue (redis://HOST:PORT[/DB]) on this machine')
    .requiredOption('--queue <url>', 'the Redis of the queues: redis://HOST:PORT[/DB]')
    .option(
      '--threads <int>',
      'jobs at a time, one thread each (default: all cores)',
      parsePositiveInt,
    )
    .action(async (flags: { queue: string; threads?: number }) => {
      const queue = parseQueueUrl(flags.queue);
      const { startQueueWorker } = await import('../sweep/queue-worker.js');
      const worker = await startQueueWorker({
        queue,
        threads: flags.threads,
        onError: (err) => process.stderr.write(`tegum worker: ${err.message} (retrying)\n`),
      });
      process.stderr.write(`tegum worker: ${worker.threads} thread(s) on ${queue.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.stderr.write(`tegum worker: stopping after ${worker.finished()} job(s)\n`);
          worker.stop().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
