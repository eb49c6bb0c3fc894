/**
 * `tegum pack …`: packing n unit vectors in R^d from the command line.
 * `pack run` packs once (src/experiments/pack-run.ts) and prints the contract's JSON
 * fields (loss, maxAbsCos, meanAbsCos, k, factors with size/dim/label, timing);
 * `pack experiment` runs the experiment that tests the post's prediction.
 */
import { Command, Option } from 'commander';
import type { BackendChoice } from '../core/backend.js';
import { executionTarget } from '../core/execution-target.js';
import { runPack } from '../experiments/pack-run.js';
import { PACKING_PROFILE_NAMES, type PackingProfileName } from '../experiments/packing-profiles.js';
import { runPackingExperiment } from '../experiments/run-packing-experiment.js';
import { PACK_RUN_FIELDS, type PackRunInput } from '../packing/pack-run-schema.js';
import { resolvePackRun } from '../packing/resolve-pack-run.js';
import { parseChoice } from './parse-options.js';
import { addKernelOptions } from './kernel-options.js';
import { addSchemaOptions, inputFromOptions } from './schema-options.js';
import { UsageError } from './usage-error.js';
import { checkOutputDir, checkOutputFile } from '../experiments/output-paths.js';

interface RunFlags {
  json?: boolean;
  save?: string;
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

interface ExperimentFlags {
  profile: PackingProfileName;
  out: string;
  backend?: BackendChoice;
  threads?: number;
}

/** Prints a finished packing: the contract's JSON, or a few lines. */
export function printPackRun(report: Awaited<ReturnType<typeof runPack>>, flags: RunFlags): void {
  const { n, d, timing } = report;
  if (flags.json) return print(JSON.stringify(report, null, 2));
  const labels = new Map<string, number>();
  for (const f of report.factors) labels.set(f.label, (labels.get(f.label) ?? 0) + 1);
  print(
    [
      `n = ${n}, d = ${d}, objective ${report.objective} ${JSON.stringify(report.params)}${report.constrainedK ? `, ${report.constrainedK} blocks${report.evenBlocks ? '' : ' (uneven)'}` : ''}`,
      `loss ${report.loss.toPrecision(6)}   max|cos| ${report.maxAbsCos.toFixed(6)}   mean|cos| ${report.meanAbsCos.toFixed(6)}`,
      `tegum factors: k = ${report.k}: ${[...labels].map(([l, c]) => `${c} × ${l}`).join(', ')}`,
      ...(report.surrogate ? [`note: ${report.surrogate}`] : []),
      ...(flags.save ? [`saved V (${d} × ${n}, float32) to ${flags.save}`] : []),
      `${timing.steps} steps in ${timing.wallSeconds.toFixed(1)} s (${timing.stepsPerSecond.toFixed(1)} steps/s, ${timing.backend}, ${timing.threads} thread${timing.threads > 1 ? 's' : ''})`,
    ].join('\n'),
  );
}

/** Registers `tegum pack run` and `tegum pack experiment`. */
export function registerPackCommand(program: Command): void {
  const packCommand = program
    .command('pack')
    .description('optimize n unit vectors in R^d and see which tegum structure appears');

  const run = packCommand
    .command('run')
    .description(
      'pack once (unconstrained, or tegum-constrained with --blocks) and report the geometry',
    );
  addSchemaOptions(run, PACK_RUN_FIELDS)
    .option('--json', 'print JSON')
    .option('--save <file.npy>', 'write V (d × n, float32) as a NumPy .npy file')
    .action(async (flags: RunFlags & Record<string, unknown>) => {
      if (flags.save !== undefined && !flags.save.endsWith('.npy')) {
        throw new UsageError(`--save must name a .npy file, got '${flags.save}'`);
      }
      const input = inputFromOptions(PACK_RUN_FIELDS, flags) as PackRunInput;
      if (input.n === undefined || input.d === undefined) {
        throw new UsageError('tegum pack run needs --n and --d');
      }
      const config = resolvePackRun(input, await executionTarget());
      if (flags.save !== undefined) checkOutputFile('--save', flags.save);
      // A DivergenceError reaches the CLI's edge: one line, exit 1.
      printPackRun(await runPack({ run: config, save: flags.save }), flags);
    });

  addKernelOptions(
    packCommand
      .command('experiment')
      .description(
        "test the post's prediction: measured L(k), k* and α* beside the theory; figures and data under --out",
      )
      .addOption(
        new Option(
          '--profile <name>',
          "sweep size: quick, full, or post (n = 8192, d = 1024, the post's own regime; ~26 min on native, 2 cores)",
        )
          .argParser(parseChoice([...PACKING_PROFILE_NAMES]))
          .default('quick'),
      )
      .option('--out <dir>', 'output directory', 'out/packing'),
    'worker threads (default: all cores)',
  ).action(async (flags: ExperimentFlags) => {
    checkOutputDir('--out', flags.out);
    let last = -1;
    const result = await runPackingExperiment({
      out: flags.out,
      profile: flags.profile,
      backend: flags.backend,
      threads: flags.threads,
      onProgress: (message, fraction) => {
        if (message) process.stderr.write(`tegum pack experiment: ${message}\n`);
        const pct = Math.floor((fraction ?? 0) * 10);
        if (!message && pct !== last) process.stderr.write(`  ${pct * 10}%\n`);
        last = pct;
      },
    });
    for (const f of result.written) print(f);
    process.stderr.write(
      `tegum pack experiment: ${result.profile} profile in ${result.seconds.toFixed(1)} s (${result.backend}, ${result.threads} thread${result.threads === 1 ? '' : 's'})\n`,
    );
  });
}
