/**
 * `tegum sweep run SPEC --out DIR [--queue URL] [--threads N] [--json]`,
 * `tegum sweep export DIR --format json|csv|parquet [--out FILE]` and
 * `tegum sweep status DIR` (docs/ARCHITECTURE.md §5.4). The spec is checked whole
 * before any work; a progress bar over the jobs goes to stderr on a terminal.
 * DuckDB and BullMQ load only when a sweep command runs (every other command starts
 * without them).
 */
import { availableParallelism } from 'node:os';
import { checkOutputDir, checkOutputFile } from '../experiments/output-paths.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { executionTarget } from '../core/execution-target.js';
import { Command, Option } from 'commander';
import type { SweepRunSummary } from '../sweep/run-sweep-local.js';
import { parseQueueUrl } from '../sweep/queue-url.js';
import { builtinSweepNames } from '../sweep/builtin-sweeps.js';
import { parseChoice, parseIntIn } from './parse-options.js';
import { UsageError } from './usage-error.js';

interface RunFlags {
  out: string;
  queue?: string;
  threads?: number;
  json?: boolean;
}

/** A bar over done / total jobs on a terminal's stderr; nothing otherwise. */
export function jobProgressBar(label: string): {
  update: (done: number, total: number) => void;
  stop: () => void;
} {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: ` ${label} {bar} {percentage}% | {value}/{total} jobs | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) bar.start(total, done);
      started = true;
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

const STORE_FILE = 'results.duckdb';

function report(summary: SweepRunSummary, json: boolean | undefined): void {
  if (json) {
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  } else {
    process.stdout.write(
      `sweep ${summary.name} (${summary.kind}): ${summary.done}/${summary.total} jobs stored in ${join(summary.out, STORE_FILE)}; ` +
        `${summary.ran} run now, ${summary.skipped} already stored, ${summary.failed.length} failed; ` +
        `${summary.wallSeconds.toFixed(1)} s\n`,
    );
  }
  if (summary.failed.length > 0) {
    const f = summary.failed[0];
    process.stderr.write(
      `tegum: error: ${summary.failed.length} of ${summary.total} jobs failed; first (${JSON.stringify(f.point)}, seed ${f.seed}): ${f.error}\n`,
    );
    process.exitCode = 1;
  }
}

/** Registers `tegum sweep run|export|status`. */
export function registerSweepCommand(program: Command): void {
  const sweep = program
    .command('sweep')
    .description('grids of runs declared as data: on every core or a queue, resumable, in DuckDB');

  sweep
    .command('run')
    .description('run every job of SPEC (a YAML/JSON file or a built-in sweep) not yet in DIR')
    .argument(
      '<spec>',
      `a .yaml/.yml/.json spec file, or a built-in sweep: ${builtinSweepNames().join(', ')}`,
    )
    .requiredOption('--out <dir>', 'sweep directory: results.duckdb (and weights/) go here')
    .option('--queue <url>', 'put the jobs on a BullMQ queue at redis://HOST:PORT[/DB]')
    .option(
      '--threads <int>',
      `worker threads (default: all cores; at most ${availableParallelism()})`,
      parseIntIn(1, availableParallelism()),
    )
    .option('--json', 'print a JSON summary')
    .action(async (spec: string, flags: RunFlags) => {
      checkOutputDir('--out', flags.out);
      const { loadSweepSpec, planSweep } = await import('../sweep/plan-sweep.js');
      const { raw, extraColumns } = loadSweepSpec(spec);
      // Jobs resolve 'auto' by the rule `toy run` uses, on this machine's kernels.
      await executionTarget();
      const plan = planSweep(raw, extraColumns);
      if (flags.queue !== undefined && flags.threads !== undefined) {
        throw new UsageError('--threads applies to local runs; give it to each `tegum worker`');
      }
      const queue = flags.queue === undefined ? undefined : parseQueueUrl(flags.queue);
      const { runSweepLocal } = await import('../sweep/run-sweep-local.js');
      const { runSweepQueue } = await import('../sweep/run-sweep-queue.js');
      const bar = jobProgressBar(plan.spec.name);
      let summary: SweepRunSummary;
      try {
        summary =
          queue === undefined
            ? await runSweepLocal(plan, {
                out: flags.out,
                threads: flags.threads,
                onProgress: bar.update,
              })
            : await runSweepQueue(plan, { out: flags.out, queue, onProgress: bar.update });
      } finally {
        bar.stop();
      }
      report(summary, flags.json);
    });

  sweep
    .command('export')
    .description('write the results table as JSON (an array of rows), CSV or Parquet')
    .argument('<dir>', 'a sweep directory')
    .addOption(
      new Option('--format <name>', 'json, csv or parquet')
        .argParser(parseChoice(['json', 'csv', 'parquet']))
        .makeOptionMandatory(),
    )
    .option('--out <file>', 'write to FILE (default: stdout; parquet needs a file)')
    .action(async (dir: string, flags: { format: 'json' | 'csv' | 'parquet'; out?: string }) => {
      if (flags.format === 'parquet' && flags.out === undefined) {
        throw new UsageError('--format parquet needs --out FILE (Parquet is binary)');
      }
      const { exportSweep } = await import('../sweep/export-sweep.js');
      if (flags.out !== undefined) {
        checkOutputFile('--out', flags.out);
        await exportSweep(dir, flags.format, flags.out);
        return;
      }
      const tmp = mkdtempSync(join(tmpdir(), 'tegum-export-'));
      try {
        const file = join(tmp, `results.${flags.format}`);
        await exportSweep(dir, flags.format, file);
        process.stdout.write(readFileSync(file));
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    });

  sweep
    .command('status')
    .description('print done / total jobs of a sweep directory')
    .argument('<dir>', 'a sweep directory')
    .option('--json', 'print JSON')
    .action(async (dir: string, flags: { json?: boolean }) => {
      if (!existsSync(join(dir, STORE_FILE))) {
        throw new UsageError(`${dir} holds no sweep store (no ${STORE_FILE})`);
      }
      const { ResultStore } = await import('../sweep/result-store.js');
      const store = await ResultStore.openExisting(dir);
      try {
        const s = await store.status();
        process.stdout.write(flags.json ? JSON.stringify(s) + '\n' : `${s.done} / ${s.total}\n`);
      } finally {
        store.close();
      }
    });
}
