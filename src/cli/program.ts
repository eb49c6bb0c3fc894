/**
 * The `tegum` command line: parses options and calls experiments; nothing else.
 * Every error becomes one line on stderr and an exit code (./exit-for-error.ts):
 * 2 for bad input and resources, 1 for a run that diverged; no stack trace. A
 * command's files are written all-or-nothing (an output batch around the run).
 */
import { Command, CommanderError } from 'commander';
import { TEGUM_VERSION } from '../core/version.js';
import { withOutputBatch } from '../core/output-batch.js';
import { exitForError } from './exit-for-error.js';
import { EXIT_USAGE } from './usage-error.js';
import { registerTheoryCommand } from './theory-command.js';
import { registerReproduceCommand } from './reproduce-command.js';
import { registerPackCommand } from './pack-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerToyCommand } from './toy-command.js';
import { registerSweepCommand } from './sweep-command.js';
import { registerWorkerCommand } from './worker-command.js';
import { registerRerunCommand } from './rerun-command.js';

/** Builds the program; exported so tests can drive it in-process. */
export function buildProgram(): Command {
  const program = new Command('tegum')
    .description(
      'A lab for the geometry of superposition: why features split into orthogonal subspaces (tegum products).',
    )
    .version(TEGUM_VERSION)
    .exitOverride()
    // Commander's errors in our form: one line (its "Did you mean …?" hint joins it),
    // with the prefix every other error has (`tegum: error: …`).
    .configureOutput({ outputError: (text, write) => write(`${commanderErrorLine(text)}\n`) });
  registerTheoryCommand(program);
  registerReproduceCommand(program);
  registerPackCommand(program);
  registerServeCommand(program);
  registerToyCommand(program);
  registerSweepCommand(program);
  registerWorkerCommand(program);
  registerRerunCommand(program);
  return program;
}

/** A commander error message (`error: option …`, maybe several lines) as tegum's one line. */
export function commanderErrorLine(text: string): string {
  const line = text.trim().replace(/\s*\n\s*/g, ' ');
  return `tegum: ${line.startsWith('error: ') ? line : `error: ${line}`}`;
}

/** Commands whose outputs are not all-or-nothing: each finished job is kept. */
const RESUMABLE_COMMANDS = ['sweep', 'worker'];

/** Runs the CLI on `argv` (node-style, with the two leading entries). */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  // `tegum` alone asks what there is: the help on stdout, not an error.
  if (argv.length <= 2) {
    process.stdout.write(program.helpInformation());
    return 0;
  }
  try {
    // Sweeps are resumable by design (their store is the record of finished jobs, and an
    // export may read back what it wrote): their files are written as they finish.
    const resumable = RESUMABLE_COMMANDS.includes(argv[2]);
    await (resumable ? program.parseAsync(argv) : withOutputBatch(() => program.parseAsync(argv)));
    // A command may set the exit code itself (a run that finished but must report failure).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has already printed its one-line message (or the help/version text).
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    const { code, line } = exitForError(err);
    process.stderr.write(`${line}\n`);
    return code;
  }
}
