/**
 * `tegum rerun CONFIG`: reruns a recorded run from its resolved config — the `config` of
 * a `--json` output, a manifest, a results.json or a sweep row (`tegum sweep show DIR
 * KEY`) — given as a file, as `-` (stdin) or inline. The config goes through its kind's
 * resolver like any input (a resolved run resolves to itself), so it is checked at the
 * edge, and it runs on the backend and with the values it records: the same numbers, bit
 * for bit, on the same backend. Prints what the kind's command prints.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { executionTarget } from '../core/execution-target.js';
import { runPack } from '../experiments/pack-run.js';
import { runToy } from '../experiments/toy-run.js';
import { resolvePackRun } from '../packing/resolve-pack-run.js';
import { optimum } from '../theory/optimum.js';
import { resolveTheoryRun } from '../theory/resolve-theory-run.js';
import { theoryModel } from '../theory/theory-model.js';
import { transition } from '../theory/transition.js';
import { resolveToyRun } from '../toy/resolve-toy-run.js';
import { assertFinite } from '../core/finite-guard.js';
import { printPackRun } from './pack-command.js';
import { printToyRun, toyProgressBar } from './toy-command.js';
import { UsageError } from './usage-error.js';

/** The kinds a config may record. */
const KINDS = ['toy', 'pack', 'theory'];

/**
 * Coordinates a phase-diagram job records beside its toy run (src/sweep/kinds/): derived
 * from the run's fields, so a rerun of the toy run leaves them out.
 */
const PHASE_COORDINATES = ['relativeImportance', 'density'];

/**
 * A toy config recorded before the model field named its output `activation` ('relu' or
 * 'linear'): the same run under today's name.
 */
function withModelField(config: Record<string, unknown>): Record<string, unknown> {
  if (!('activation' in config) || 'model' in config) return config;
  const { activation, ...rest } = config;
  if (activation !== 'relu' && activation !== 'linear') {
    throw new UsageError(
      `CONFIG's activation must be relu or linear (today's model relu-output or linear), got ${JSON.stringify(activation)}`,
    );
  }
  return { ...rest, model: activation === 'relu' ? 'relu-output' : 'linear' };
}

/** The config text of CONFIG: a file, '-' for stdin, or the JSON itself. */
function readConfigText(arg: string): string {
  if (arg === '-') return readFileSync(0, 'utf8');
  if (arg.trimStart().startsWith('{')) return arg;
  return readFileSync(arg, 'utf8');
}

/**
 * The resolved config in a text: the object itself, or the `config` of a record that
 * holds one (a `--json` output, a manifest, a results.json).
 */
export function configOfRecord(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`CONFIG is not JSON (${(err as Error).message})`);
  }
  const record = value as Record<string, unknown> | null;
  const config =
    record !== null && typeof record === 'object' && !Array.isArray(record) && 'config' in record
      ? record.config
      : record;
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new UsageError('CONFIG must be a JSON object: a resolved config, or a record with one');
  }
  const kind = (config as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind)) {
    throw new UsageError(
      `CONFIG's kind must be one of ${KINDS.join(', ')}, got ${kind === undefined ? 'none' : JSON.stringify(kind)}`,
    );
  }
  return config as Record<string, unknown>;
}

/** Registers `tegum rerun`. */
export function registerRerunCommand(program: Command): void {
  program
    .command('rerun')
    .description(
      'rerun a recorded run from its resolved config (a file, - for stdin, or the JSON): the same numbers on the same backend',
    )
    .argument('<config>', 'a resolved config as JSON: a file, - (stdin), or the JSON itself')
    .option('--json', 'print JSON instead of a table')
    .action(async (arg: string, flags: { json?: boolean }) => {
      let text: string;
      try {
        text = readConfigText(arg);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new UsageError(`CONFIG '${arg}' cannot be read (${code ?? (err as Error).message})`);
      }
      const config = configOfRecord(text);
      const json = flags.json === true;
      if (config.kind === 'toy') {
        const input = Object.fromEntries(
          Object.entries(withModelField(config)).filter(([k]) => !PHASE_COORDINATES.includes(k)),
        );
        const run = resolveToyRun(input, await executionTarget());
        const progress = toyProgressBar();
        try {
          printToyRun(await runToy({ run, onProgress: progress.onProgress }), json);
        } finally {
          progress.stop();
        }
      } else if (config.kind === 'pack') {
        const run = resolvePackRun(config, await executionTarget());
        printPackRun(await runPack({ run }), { json });
      } else {
        const run = resolveTheoryRun(config);
        const model = theoryModel(run);
        const result = assertFinite(
          { config: run, ...optimum(model), alphaStar: transition(model).alphaStar },
          'theory rerun',
        );
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      }
    });
}
