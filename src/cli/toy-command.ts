/**
 * `tegum toy run`: train toy models of superposition (a preset, or --n/--m/
 * --sparsity), print each instance's loss and geometry (a table, or --json), save
 * the weights as .npy (--save DIR) and write data and figures (--out DIR; presets
 * write to out/toy/PRESET by default). A progress bar goes to stderr.
 */
import { Command, Option } from 'commander';
import { runToy, type ToyRunResult } from '../experiments/toy-run.js';
import { toyPreset, toyPresetNames } from '../toy/presets.js';
import type { ToyProgress } from '../toy/train-toy.js';
import { resolveToyRun } from '../toy/resolve-toy-run.js';
import { TOY_RUN_FIELDS, type ResolvedToyRun, type ToyRunInput } from '../toy/toy-run-schema.js';
import { executionTarget } from '../core/execution-target.js';
import { formatTable } from './format-table.js';
import { createStepProgress } from './progress-display.js';
import { parseChoice } from './parse-options.js';
import { addSchemaOptions, inputFromOptions } from './schema-options.js';
import { UsageError } from './usage-error.js';
import { checkOutputDir } from '../experiments/output-paths.js';
import { checkMemory, toyMemoryBytes } from '../experiments/resource-bounds.js';
import { assertFinite } from '../core/finite-guard.js';

interface ToyRunFlags {
  preset?: string;
  json?: boolean;
  save?: string;
  out?: string;
  figures: boolean;
}

/** The fields a preset fixes: with --preset, giving one is an error. */
const PRESET_FIELDS = ['n', 'm', 'instances', 'sparsity', 'importance'] as const;

/**
 * The run the flags describe: the preset's fields (if any) under the flags given, each
 * field by its one name. A run too large for memory is refused before any array of it
 * is built (1e9 features would take minutes).
 */
export function toyInputFromFlags(flags: ToyRunFlags & Record<string, unknown>): ToyRunInput {
  const given = inputFromOptions(TOY_RUN_FIELDS, flags) as ToyRunInput;
  if (flags.preset !== undefined) {
    const clash = PRESET_FIELDS.find((f) => given[f] !== undefined);
    if (clash)
      throw new UsageError(`--${clash} cannot be combined with --preset (the preset fixes it)`);
    return { ...toyPreset(flags.preset).config, ...given };
  }
  if (given.n === undefined || given.m === undefined || given.sparsity === undefined) {
    throw new UsageError('tegum toy run needs --preset NAME, or --n, --m and --sparsity');
  }
  const instances =
    given.instances ?? (typeof given.sparsity === 'number' ? 1 : given.sparsity.length);
  checkMemory(
    `a toy run of ${instances} instance(s) with n = ${given.n}, m = ${given.m}`,
    toyMemoryBytes(instances, given.n, given.m, 1, given),
    'lower --n, --m or --instances',
  );
  return given;
}

/** The resolved run of the flags, on this machine's kernels and cores. */
export async function toyRunFromFlags(
  flags: ToyRunFlags & Record<string, unknown>,
): Promise<ResolvedToyRun> {
  return resolveToyRun(toyInputFromFlags(flags), await executionTarget());
}

/** The training progress of a toy run: the CLI's one display (./progress-display.ts). */
export function toyProgressBar(): { onProgress: (p: ToyProgress) => void; stop: () => void } {
  const display = createStepProgress();
  return {
    onProgress: (p) => display.update(p.step, p.steps, p.meanLoss),
    stop: display.stop,
  };
}

/** The JSON the CLI prints: config, timing, and per instance the contract's fields. */
export function toyRunJson(result: ToyRunResult): unknown {
  return {
    preset: result.preset,
    config: result.config,
    identity: result.identity,
    timing: result.timing,
    instances: result.instances,
    ...(result.tegum ? { tegum: result.tegum } : {}),
    ...(result.sparseLimit ? { sparseLimit: result.sparseLimit } : {}),
    files: result.files,
  };
}

/** Prints a finished toy run: the contract's JSON, or a table. */
export function printToyRun(result: ToyRunResult, json: boolean): void {
  assertFinite(toyRunJson(result), 'toy run');
  if (json) {
    process.stdout.write(JSON.stringify(toyRunJson(result), null, 2) + '\n');
    return;
  }
  const t = result.timing;
  // The models with a privileged basis add their neurons: monosemantic / polysemantic / dead.
  const neurons = result.instances.some((r) => r.neurons !== undefined);
  process.stdout.write(
    formatTable(
      ['instance', 'S', 'loss', 'm/‖W‖²', 'k', 'factors', ...(neurons ? ['neurons m/p/d'] : [])],
      result.instances.map((r) => [
        r.instance,
        r.sparsity,
        r.loss,
        r.dimsPerFeature,
        r.k,
        r.factors.map((f) => (f.size > 1 ? f.label : 'dedicated')).join(', ') || '—',
        ...(r.neurons === undefined
          ? []
          : [
              `${r.monosemanticNeurons}/${r.polysemanticNeurons}/${
                r.neurons.length - (r.monosemanticNeurons ?? 0) - (r.polysemanticNeurons ?? 0)
              }`,
            ]),
      ]),
    ) +
      `\n${t.steps} steps in ${t.wallSeconds.toFixed(1)} s (${t.stepsPerSecond.toFixed(1)} steps/s, ${t.backend}, ${t.threads} thread${t.threads > 1 ? 's' : ''})\n` +
      (result.tegum ? `tegum claim ${result.tegum.verdict}: ${result.tegum.summary}\n` : '') +
      result.files.map((f) => `${f}\n`).join(''),
  );
}

/** Registers `tegum toy` and `tegum toy run`. */
export function registerToyCommand(program: Command): void {
  const toy = program
    .command('toy')
    .description(
      'toy models of superposition (Elhage et al. 2022): train, measure, count tegum factors',
    );
  const run = toy
    .command('run')
    .description('train toy models (a preset, or --n --m --sparsity) and report their geometry')
    .addOption(
      new Option('--preset <name>', 'a named experiment').argParser(parseChoice(toyPresetNames())),
    );
  addSchemaOptions(run, TOY_RUN_FIELDS)
    .option(
      '--save <dir>',
      'write W_iii.npy, b_iii.npy (and W2_iii.npy for abs) and manifest.json to DIR',
    )
    .option(
      '--out <dir>',
      'write results.json, results.csv and figures to DIR (presets: out/toy/PRESET)',
    )
    .option('--no-figures', 'skip the figures and data files')
    .option('--json', 'print JSON instead of a table')
    .action(async (flags: ToyRunFlags & Record<string, unknown>) => {
      const config = await toyRunFromFlags(flags);
      const out = flags.figures
        ? (flags.out ?? (flags.preset ? `out/toy/${flags.preset}` : undefined))
        : undefined;
      // Output paths are checked before minutes of training, not after.
      if (flags.save !== undefined) checkOutputDir('--save', flags.save);
      if (out !== undefined) checkOutputDir('--out', out);
      const progress = toyProgressBar();
      let result: ToyRunResult;
      try {
        result = await runToy({
          run: config,
          preset: flags.preset,
          onProgress: progress.onProgress,
          save: flags.save,
          out,
        });
      } finally {
        progress.stop();
      }
      printToyRun(result, flags.json === true);
    });
}
