/**
 * `tegum sweep run SPEC --out DIR [--queue URL] [--threads N] [--json]`,
 * `tegum sweep export DIR --format json|csv|parquet [--out FILE]`,
 * `tegum sweep status DIR [--json]` and `tegum sweep show DIR KEY` (docs/ARCHITECTURE.md §5.4;
 * README, Sweeps). The spec is checked whole before any work; progress over the jobs
 * goes to stderr (a bar on a terminal, lines otherwise). `status` answers while a
 * sweep runs, from the status file the run keeps (src/sweep/status-file.ts).
 * DuckDB and BullMQ load only when a sweep command runs (every other command starts
 * without them).
 */
import { availableParallelism } from 'node:os';
import { checkOutputDir, checkOutputFile } from '../experiments/output-paths.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executionTarget } from '../core/execution-target.js';
import { Command, Option } from 'commander';
import type { SweepRunSummary } from '../sweep/run-sweep-local.js';
import type { RunningStatus, SweepStatus } from '../sweep/status-file.js';
import { parseQueueUrl } from '../sweep/queue-url.js';
import { builtinSweepNames } from '../sweep/builtin-sweeps.js';
import { parseChoice, parseIntIn } from './parse-options.js';
import { createJobProgress } from './progress-display.js';
import { UsageError } from './usage-error.js';

interface RunFlags {
  out: string;
  queue?: string;
  threads?: number;
  json?: boolean;
}

const STORE_FILE = 'results.duckdb';

function report(summary: SweepRunSummary, json: boolean | undefined): void {
  if (json) {
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  } else {
    process.stdout.write(
      `sweep ${summary.name} (${summary.kind}): ${summary.done}/${summary.total} jobs stored in ${join(summary.out, STORE_FILE)}; ` +
        `${summary.ran} run now, ` +
        (summary.collected
          ? `${summary.collected} finished by workers while no coordinator ran (stored now), `
          : '') +
        `${summary.skipped} already stored, ${summary.failed.length} failed; ` +
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
      const bar = createJobProgress(plan.spec.name);
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
    .description(
      'print done / total jobs of a sweep directory, over every spec run into it (also while one runs)',
    )
    .argument('<dir>', 'a sweep directory')
    .option('--json', 'print JSON')
    .action(async (dir: string, flags: { json?: boolean }) => {
      const status = await readStatus(dir);
      process.stdout.write(flags.json ? JSON.stringify(status) + '\n' : formatStatus(status));
    });

  sweep
    .command('show')
    .description(
      "print a stored job's resolved config (its config column) as JSON, e.g. to run it again",
    )
    .argument('<dir>', 'a sweep directory')
    .argument('<key>', "the job's key (the key column) or enough of its first digits")
    .action(async (dir: string, key: string) => {
      const store = await openStore(dir);
      try {
        const text = await store.configOf(key);
        process.stdout.write(JSON.stringify(JSON.parse(text), null, 2) + '\n');
      } finally {
        store.close();
      }
    });
}

/** Opens DIR's store to read. @throws UsageError when DIR holds none */
async function openStore(dir: string) {
  if (!existsSync(join(dir, STORE_FILE))) {
    throw new UsageError(`${dir} holds no sweep store (no ${STORE_FILE})`);
  }
  const { ResultStore } = await import('../sweep/result-store.js');
  return ResultStore.openExisting(dir);
}

/**
 * How long `status` waits for a sweep that holds the store to write its status file (a
 * run writes it once its store is laid out: seconds on a loaded machine).
 */
const STATUS_WAIT_MS = 15_000;

/**
 * DIR's status: from the store, or, while a running sweep holds it (DuckDB lets no
 * other process in), from the status file that sweep keeps.
 */
async function readStatus(dir: string): Promise<SweepStatus | RunningStatus> {
  const { StoreBusyError } = await import('../sweep/result-store.js');
  const { readStatusFile, writerRuns } = await import('../sweep/status-file.js');
  const t0 = performance.now();
  for (;;) {
    try {
      const store = await openStore(dir);
      try {
        return await store.status();
      } finally {
        store.close();
      }
    } catch (err) {
      if (!(err instanceof StoreBusyError)) throw err;
      const file = readStatusFile(dir);
      const writer = file !== null && writerRuns(file) ? file : null;
      if (writer && (err.holder === undefined || err.holder === writer.running.pid)) return writer;
      // A sweep just starting has the store before it writes the file; anyone else keeps it.
      if (performance.now() - t0 > STATUS_WAIT_MS) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * `done / total`, for the jobs of every spec run into the store (each job once); with
 * several specs, a line for each; while a sweep runs, who runs it.
 */
export function formatStatus(status: SweepStatus | RunningStatus): string {
  const lines: string[] = [];
  let head = `${status.done} / ${status.total}`;
  if (status.specs.length > 1) head += ` jobs of ${status.specs.length} specs`;
  if ('running' in status) {
    const ago = Math.max(0, (Date.now() - Date.parse(status.running.updated)) / 1000);
    head += ` (running: pid ${status.running.pid} on ${status.running.host}, updated ${ago.toFixed(0)} s ago)`;
  }
  lines.push(head);
  if (status.specs.length > 1) {
    for (const s of status.specs) {
      const axes = Object.entries(s.axes).map(([k, n]) => `${k} (${n})`);
      lines.push(
        `  spec ${s.position}: ${s.done} / ${s.total}; base ${JSON.stringify(s.base)}; axes ${axes.join(', ') || 'none'}; ${s.seeds} seed${s.seeds === 1 ? '' : 's'}; last run ${s.lastRun}`,
      );
    }
  }
  const unplanned = status.stored - status.done;
  if (unplanned > 0) lines.push(`  and ${unplanned} rows stored by runs that recorded no spec`);
  return lines.join('\n') + '\n';
}
