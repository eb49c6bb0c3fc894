/**
 * `tegum worker --queue URL [--threads N]`: take sweep jobs from the BullMQ queues at
 * a Redis URL and run them on this machine's cores until stopped (SIGINT/SIGTERM:
 * running jobs finish first; a second signal stops at once). See src/sweep/queue-worker.ts.
 * A line on stderr per finished job, or per percent of a sweep past JOB_LINES jobs.
 */
import type { Command } from 'commander';
import { parseQueueUrl } from '../sweep/queue-url.js';
import { parseIntIn } from './parse-options.js';
import type { FinishedJob } from '../sweep/queue-worker.js';
import { JOB_LINES } from './progress-display.js';
import { EXIT_FAILURE } from './usage-error.js';
import { availableParallelism } from 'node:os';

/** Registers `tegum worker`. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run sweep jobs from a BullMQ queue (redis://HOST:PORT[/DB]) on this machine')
    .requiredOption('--queue <url>', 'the Redis of the queues: redis://HOST:PORT[/DB]')
    .option(
      '--threads <int>',
      `jobs at a time, one thread each (default: all cores; at most ${availableParallelism()})`,
      parseIntIn(1, availableParallelism()),
    )
    .action(async (flags: { queue: string; threads?: number }) => {
      const queue = parseQueueUrl(flags.queue);
      const { startQueueWorker } = await import('../sweep/queue-worker.js');
      const worker = await startQueueWorker({
        queue,
        threads: flags.threads,
        onError: (err) => process.stderr.write(`tegum worker: ${err.message} (retrying)\n`),
        onJob: (job) => {
          const line = jobLine(job);
          if (line) process.stderr.write(`${line}\n`);
        },
      });
      process.stderr.write(`tegum worker: ${worker.threads} thread(s) on ${queue.url}\n`);
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = () => {
          if (stopping) {
            // A graceful stop waits on Redis and on running jobs; a second signal does not.
            process.stderr.write(
              'tegum worker: stopped at once (second signal); its running jobs are retried elsewhere\n',
            );
            process.exit(EXIT_FAILURE);
          }
          stopping = true;
          process.stderr.write(
            `tegum worker: stopping after ${worker.finished()} job(s) once running jobs finish (a second signal stops at once)\n`,
          );
          worker.stop().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

/**
 * The line for a finished job: each job of a sweep of at most JOB_LINES jobs (or of
 * unknown size); past that, the jobs where this worker's share crosses another
 * percent of the sweep.
 */
export function jobLine(job: FinishedJob): string | undefined {
  const { queue, key, seed, total, wallSeconds, finishedHere } = job;
  if (total === undefined || total <= JOB_LINES) {
    return `tegum worker: ${queue}: job ${key.slice(0, 12)}…-${seed} done in ${wallSeconds.toFixed(1)} s (${finishedHere} here)`;
  }
  const percent = Math.floor((100 * finishedHere) / total);
  if (percent === Math.floor((100 * (finishedHere - 1)) / total)) return undefined;
  return `tegum worker: ${queue}: ${finishedHere} jobs done here, ${percent}% of its ${total}`;
}
