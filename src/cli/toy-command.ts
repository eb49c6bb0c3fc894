/**
 * `tegum toy run`: train toy models of superposition (a preset, or --n/--m/
 * --sparsity), print each instance's loss and geometry (a table, or --json), save
 * the weights as .npy (--save DIR) and write data and figures (--out DIR; presets
 * write to out/toy/PRESET by default). A progress bar goes to stderr.
 */
import cliProgress from 'cli-progress';
import type { BackendChoice } from '../core/backend.js';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runToy, type ToyRunResult } from '../experiments/toy-run.js';
import { importanceDecay } from '../toy/grids.js';
import { lrScheduleNames } from '../toy/lr-schedule.js';
import { toyPreset, toyPresetNames } from '../toy/presets.js';
import { checkFeatureSets, parseFeatureSets } from '../core/toy-sampling.js';
import type { ToyProgress } from '../toy/train-toy.js';
import type { ToyRunInput } from '../toy/resolve-toy-run.js';
import { formatTable } from './format-table.js';
import {
  parseChoice,
  parseIntIn,
  parseNonNegativeInt,
  parseNumber,
  parsePositiveInt,
  parsePositiveNumber,
} from './parse-options.js';
import { addKernelOptions } from './kernel-options.js';
import { UsageError } from './usage-error.js';
import { checkOutputDir } from '../experiments/output-paths.js';
import { checkMemory, toyMemoryBytes } from '../experiments/resource-bounds.js';
import { assertFinite } from '../core/finite-guard.js';

/**
 * The largest --batch-size: a thousand times the notebook's 1024. The kernels
 * count samples in 32-bit integers, and a step over more samples than this takes
 * minutes without changing the expected gradient.
 */
export const MAX_BATCH_SIZE = 1_048_576;

interface ToyRunFlags {
  preset?: string;
  n?: number;
  m?: number;
  instances?: number;
  sparsity?: number[];
  importance?: (n: number) => number[] | number;
  correlated?: number[][];
  anticorrelated?: number[][];
  steps?: number;
  seed?: number;
  lr?: number;
  batchSize?: number;
  schedule?: string;
  activation?: 'relu' | 'linear';
  optimizer?: 'adam' | 'adamw';
  weightDecay?: number;
  backend?: BackendChoice;
  threads?: number;
  json?: boolean;
  save?: string;
  out?: string;
  figures: boolean;
}

/** A comma-separated list of sparsities S ∈ [0, 1). */
export function parseSparsityList(value: string): number[] {
  return value.split(',').map((part) => {
    let s: number;
    try {
      s = parseNumber(part);
    } catch {
      throw new InvalidArgumentError(
        `'${part}' is not a number (a comma-separated list of S in [0, 1)).`,
      );
    }
    if (!(s >= 0 && s < 1)) {
      throw new InvalidArgumentError(`S = ${part} is outside [0, 1) (S = 1 would leave no data).`);
    }
    return s;
  });
}

/**
 * Feature sets: a semicolon-separated list of comma-separated feature indices, e.g.
 * '0,1;2,3' (checked against n, for overlap and size, once n is known).
 */
export function parseFeatureSetsFlag(value: string): number[][] {
  try {
    return parseFeatureSets(value);
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
}

/** 'uniform' or 'decay:R' (importance R^i, R > 0). */
export function parseImportance(value: string): (n: number) => number[] | number {
  if (value === 'uniform') return () => 1;
  const m = /^decay:(.+)$/.exec(value);
  if (m) {
    const r = Number(m[1]);
    if (Number.isFinite(r) && r > 0) return (n) => importanceDecay(n, r);
  }
  throw new InvalidArgumentError("must be 'uniform' or 'decay:R' with R > 0 (e.g. decay:0.9).");
}

const CUSTOM_FLAGS = ['n', 'm', 'instances', 'sparsity', 'importance'] as const;

/** The training config the flags describe (custom runs); throws UsageError on conflicts. */
export function configFromFlags(flags: ToyRunFlags): ToyRunInput {
  if (flags.n !== undefined && flags.m !== undefined && flags.sparsity !== undefined) {
    // Before any per-feature or per-instance array is built (1e9 features would take minutes).
    const I = flags.instances ?? flags.sparsity.length;
    checkMemory(
      `a toy run of ${I} instance(s) with n = ${flags.n}, m = ${flags.m}`,
      toyMemoryBytes(I, flags.n, flags.m, 1),
      'lower --n, --m or --instances',
    );
  }
  if (flags.n === undefined || flags.m === undefined || flags.sparsity === undefined) {
    throw new UsageError('tegum toy run needs --preset NAME, or --n, --m and --sparsity');
  }
  const S = flags.sparsity;
  const I = flags.instances ?? S.length;
  if (I % S.length !== 0) {
    throw new UsageError(
      `--instances ${I} must be a multiple of the ${S.length} sparsities given (each repeated with its own seed)`,
    );
  }
  const repeat = I / S.length;
  const importance = flags.importance ? flags.importance(flags.n) : 1;
  if (typeof importance !== 'number' && importance.some((v) => !(v <= 3.4e38))) {
    throw new UsageError(
      `--importance gives a weight past the float32 range for n = ${flags.n} (R^(n−1) overflows); choose R closer to 1`,
    );
  }
  return {
    nFeatures: flags.n,
    nHidden: flags.m,
    nInstances: I,
    featureProbability: S.flatMap((s) => Array<number>(repeat).fill(1 - s)),
    importance,
  };
}

function overridesFromFlags(flags: ToyRunFlags): Partial<ToyRunInput> {
  const o: Partial<ToyRunInput> = {};
  if (flags.steps !== undefined) o.steps = flags.steps;
  if (flags.seed !== undefined) o.seed = flags.seed;
  if (flags.lr !== undefined) o.lr = flags.lr;
  if (flags.batchSize !== undefined) o.batchSize = flags.batchSize;
  if (flags.schedule !== undefined) o.schedule = flags.schedule;
  if (flags.activation !== undefined) o.activation = flags.activation;
  if (flags.optimizer !== undefined) o.optimizer = flags.optimizer;
  if (flags.weightDecay !== undefined) o.weightDecay = flags.weightDecay;
  if (flags.correlated !== undefined) o.correlated = flags.correlated;
  if (flags.anticorrelated !== undefined) o.anticorrelated = flags.anticorrelated;
  return o;
}

function progressBar(enabled: boolean): {
  onProgress?: (p: ToyProgress) => void;
  stop: () => void;
} {
  if (!enabled) return { stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        ' training {bar} {percentage}% | step {value}/{total} | ETA {eta_formatted} | loss {loss}',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (p) => {
      if (!started) {
        bar.start(p.steps, 0, { loss: '' });
        started = true;
      }
      bar.update(p.step, { loss: p.meanLoss.toPrecision(4) });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** The JSON the CLI prints: config, timing, and per instance the contract's fields. */
export function toyRunJson(result: ToyRunResult): unknown {
  return {
    preset: result.preset,
    config: result.config,
    identity: result.identity,
    timing: result.timing,
    instances: result.instances.map((r) => ({
      instance: r.instance,
      seed: r.seed,
      sparsity: r.sparsity,
      featureProbability: r.featureProbability,
      loss: r.loss,
      dimsPerFeature: r.dimsPerFeature,
      featureDimensionality: r.featureDimensionality,
      norms: r.norms,
      superposition: r.superposition,
      factors: r.factors,
      k: r.k,
    })),
    ...(result.tegum ? { tegum: result.tegum } : {}),
    ...(result.sparseLimit ? { sparseLimit: result.sparseLimit } : {}),
    files: result.files,
  };
}

/** Registers `tegum toy` and `tegum toy run`. */
export function registerToyCommand(program: Command): void {
  const toy = program
    .command('toy')
    .description(
      'toy models of superposition (Elhage et al. 2022): train, measure, count tegum factors',
    );
  addKernelOptions(
    toy
      .command('run')
      .description('train toy models (a preset, or --n --m --sparsity) and report their geometry')
      .addOption(
        new Option('--preset <name>', 'a named experiment').argParser(
          parseChoice(toyPresetNames()),
        ),
      )
      .option('--n <int>', 'features n', parsePositiveInt)
      .option('--m <int>', 'hidden dimensions m', parsePositiveInt)
      .option(
        '--instances <int>',
        'instances (a multiple of the number of sparsities)',
        parsePositiveInt,
      )
      .option(
        '--sparsity <list>',
        'sparsities S, comma-separated, each in [0, 1)',
        parseSparsityList,
      )
      .option(
        '--importance <spec>',
        "'uniform' (default) or 'decay:R' (importance R^i)",
        parseImportance,
      )
      .option('--steps <int>', 'training steps (default 10000)', parseNonNegativeInt)
      .option(
        '--seed <int>',
        'seed of instance 0; instance i gets seed + i (default 0)',
        parseNonNegativeInt,
      )
      .option('--lr <x>', 'learning rate (default 1e-3)', parsePositiveNumber)
      .option(
        '--batch-size <int>',
        `samples per step (default 1024, at most ${MAX_BATCH_SIZE})`,
        parseIntIn(1, MAX_BATCH_SIZE),
      )
      .addOption(
        new Option('--schedule <name>', 'learning-rate schedule (default constant)').argParser(
          parseChoice(lrScheduleNames()),
        ),
      )
      .addOption(
        new Option('--activation <name>', 'relu (default) or linear output').argParser(
          parseChoice(['relu', 'linear']),
        ),
      )
      .addOption(
        new Option('--optimizer <name>', 'adamw (default) or adam').argParser(
          parseChoice(['adamw', 'adam']),
        ),
      )
      .option('--weight-decay <x>', 'weight decay (default 0.01 for adamw)', parseNumber)
      .option(
        '--correlated <sets>',
        "feature sets active together, e.g. '0,1;2,3' (one activity draw per set)",
        parseFeatureSetsFlag,
      )
      .option(
        '--anticorrelated <sets>',
        "feature sets with at most one feature active, e.g. '0,1;2,3' (each keeps density 1 − S)",
        parseFeatureSetsFlag,
      ),
    'worker threads (default: all cores, at most one per instance)',
  )
    .option('--save <dir>', 'write W_iii.npy, b_iii.npy and manifest.json to DIR')
    .option(
      '--out <dir>',
      'write results.json, results.csv and figures to DIR (presets: out/toy/PRESET)',
    )
    .option('--no-figures', 'skip the figures and data files')
    .option('--json', 'print JSON instead of a table')
    .action(async (flags: ToyRunFlags) => {
      if (flags.preset !== undefined) {
        const clash = CUSTOM_FLAGS.find((f) => flags[f] !== undefined);
        if (clash)
          throw new UsageError(`--${clash} cannot be combined with --preset (the preset fixes it)`);
      }
      if (flags.weightDecay !== undefined && !(flags.weightDecay >= 0)) {
        throw new UsageError(`--weight-decay must be ≥ 0, got ${flags.weightDecay}`);
      }
      const config = flags.preset === undefined ? configFromFlags(flags) : undefined;
      if (flags.correlated !== undefined || flags.anticorrelated !== undefined) {
        const n = config?.nFeatures ?? toyPreset(flags.preset ?? '').config.nFeatures;
        try {
          checkFeatureSets(n, flags.correlated, flags.anticorrelated);
        } catch (err) {
          const message = (err as Error).message; // names the set: 'correlated set {…} …'
          const flag = message.startsWith('anti') ? '--anticorrelated' : '--correlated';
          throw new UsageError(`${flag}: ${message}`);
        }
      }
      const out = flags.figures
        ? (flags.out ?? (flags.preset ? `out/toy/${flags.preset}` : undefined))
        : undefined;
      // Output paths are checked before minutes of training, not after.
      if (flags.save !== undefined) checkOutputDir('--save', flags.save);
      if (out !== undefined) checkOutputDir('--out', out);
      const progress = progressBar(process.stderr.isTTY === true);
      let result: ToyRunResult;
      try {
        result = await runToy({
          preset: flags.preset,
          config,
          overrides: overridesFromFlags(flags),
          backend: flags.backend,
          threads: flags.threads,
          onProgress: progress.onProgress,
          save: flags.save,
          out,
        });
      } finally {
        progress.stop();
      }
      assertFinite(toyRunJson(result), 'toy run');
      if (flags.json) {
        process.stdout.write(JSON.stringify(toyRunJson(result), null, 2) + '\n');
        return;
      }
      const t = result.timing;
      process.stdout.write(
        formatTable(
          ['instance', 'S', 'loss', 'm/‖W‖²', 'k', 'factors'],
          result.instances.map((r) => [
            r.instance,
            r.sparsity,
            r.loss,
            r.dimsPerFeature,
            r.k,
            r.factors.map((f) => (f.size > 1 ? f.label : 'dedicated')).join(', ') || '—',
          ]),
        ) +
          `\n${t.steps} steps in ${t.wallSeconds.toFixed(1)} s (${t.stepsPerSecond.toFixed(1)} steps/s, ${t.backend}, ${t.threads} thread${t.threads > 1 ? 's' : ''})\n` +
          (result.tegum ? `tegum claim ${result.tegum.verdict}: ${result.tegum.summary}\n` : '') +
          result.files.map((f) => `${f}\n`).join(''),
      );
    });
}
