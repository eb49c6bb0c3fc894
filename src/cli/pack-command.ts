/**
 * `tegum pack …`: packing n unit vectors in R^d from the command line.
 * `pack run` packs once (src/experiments/pack-run.ts) and prints the contract's JSON
 * fields (loss, maxAbsCos, meanAbsCos, k, factors with size/dim/label, timing);
 * `pack experiment` runs the experiment that tests the post's prediction.
 */
import { Command, Option } from 'commander';
import type { BackendChoice } from '../core/backend.js';
import { runPack } from '../experiments/pack-run.js';
import { PACKING_PROFILE_NAMES, type PackingProfileName } from '../experiments/packing-profiles.js';
import { runPackingExperiment } from '../experiments/run-packing-experiment.js';
import { objectiveNames } from '../packing/objectives/registry.js';
import type { PackConfig } from '../packing/pack.js';
import {
  parseChoice,
  parseNonNegativeInt,
  parseNumber,
  parsePositiveInt,
  parsePositiveNumber,
} from './parse-options.js';
import { addKernelOptions } from './kernel-options.js';
import { UsageError } from './usage-error.js';
import { checkOutputDir, checkOutputFile } from '../experiments/output-paths.js';

interface RunFlags {
  n: number;
  d: number;
  objective: string;
  alpha?: number;
  threshold?: number;
  p?: number;
  k?: number;
  seed: number;
  steps: number;
  restarts: number;
  lr?: number;
  json?: boolean;
  save?: string;
  backend?: BackendChoice;
  threads?: number;
}

function objectiveParams(flags: RunFlags): Record<string, number> {
  const given = { alpha: flags.alpha, threshold: flags.threshold, p: flags.p };
  const allowed: Record<string, string[]> = {
    power: ['alpha'],
    threshold: ['threshold', 'p'],
    minimax: [],
  };
  const params: Record<string, number> = {};
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!(allowed[flags.objective] ?? []).includes(name)) {
      throw new UsageError(
        `--${name} does not apply to --objective ${flags.objective} (it takes: ${(allowed[flags.objective] ?? []).map((a) => `--${a}`).join(', ') || 'no parameters'})`,
      );
    }
    params[name] = value;
  }
  return params;
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

/** Registers `tegum pack run` and `tegum pack experiment`. */
export function registerPackCommand(program: Command): void {
  const packCommand = program
    .command('pack')
    .description('optimize n unit vectors in R^d and see which tegum structure appears');

  addKernelOptions(
    packCommand
      .command('run')
      .description(
        'pack once (unconstrained, or tegum-constrained with --k) and report the geometry',
      )
      .requiredOption('--n <int>', 'number of vectors n (≥ 2)', parsePositiveInt)
      .requiredOption('--d <int>', 'dimensions d (≥ 1)', parsePositiveInt)
      .addOption(
        new Option('--objective <name>', 'loss ℓ(cos θ)')
          .argParser(parseChoice(objectiveNames()))
          .default('power'),
      )
      .option('--alpha <x>', 'power: ℓ(c) = |c|^alpha (default 2)', parsePositiveNumber)
      .option(
        '--threshold <b>',
        'threshold: ℓ(c) = max(0, |c| − b)^p, b in [0, 1) (default 0.1)',
        parseNumber,
      )
      .option('--p <x>', 'threshold: the power p ≥ 1 (default 2)', parseNumber)
      .option(
        '--k <int>',
        'tegum-constrained: k orthogonal blocks (1 ≤ k ≤ min(n, d))',
        parsePositiveInt,
      )
      .option('--seed <int>', 'random seed', parseNonNegativeInt, 0)
      .option('--steps <int>', 'maximum optimizer steps', parsePositiveInt, 2000)
      .option('--restarts <int>', 'random starts per block shape (best kept)', parsePositiveInt, 1)
      .option('--lr <x>', 'Adam learning rate (default 0.01)', parsePositiveNumber)
      .option('--json', 'print JSON')
      .option('--save <file.npy>', 'write V (d × n, float32) as a NumPy .npy file'),
    'worker threads for restarts and block shapes (default: all cores)',
  ).action(async (flags: RunFlags) => {
    if (flags.save !== undefined && !flags.save.endsWith('.npy')) {
      throw new UsageError(`--save must name a .npy file, got '${flags.save}'`);
    }
    const input: PackConfig = {
      n: flags.n,
      d: flags.d,
      k: flags.k,
      objective: flags.objective,
      objectiveParams: objectiveParams(flags),
      seed: flags.seed,
      restarts: flags.restarts,
      optimizer: { steps: flags.steps, learningRate: flags.lr },
    };
    if (flags.save !== undefined) checkOutputFile('--save', flags.save);
    // A DivergenceError reaches the CLI's edge: one line, exit 1.
    const report = await runPack({
      input,
      backend: flags.backend,
      threads: flags.threads,
      save: flags.save,
    });
    const { n, d, timing } = report;
    if (flags.json) return print(JSON.stringify(report, null, 2));
    const labels = new Map<string, number>();
    for (const f of report.factors) labels.set(f.label, (labels.get(f.label) ?? 0) + 1);
    print(
      [
        `n = ${n}, d = ${d}, objective ${report.objective} ${JSON.stringify(report.params)}${report.constrainedK ? `, k = ${report.constrainedK} blocks${report.evenBlocks ? '' : ' (uneven)'}` : ''}`,
        `loss ${report.loss.toPrecision(6)}   max|cos| ${report.maxAbsCos.toFixed(6)}   mean|cos| ${report.meanAbsCos.toFixed(6)}`,
        `tegum factors: k = ${report.k}: ${[...labels].map(([l, c]) => `${c} × ${l}`).join(', ')}`,
        ...(report.surrogate ? [`note: ${report.surrogate}`] : []),
        ...(flags.save ? [`saved V (${d} × ${n}, float32) to ${flags.save}`] : []),
        `${timing.steps} steps in ${timing.wallSeconds.toFixed(1)} s (${timing.stepsPerSecond.toFixed(1)} steps/s, ${timing.backend}, ${timing.threads} thread${timing.threads > 1 ? 's' : ''})`,
      ].join('\n'),
    );
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
