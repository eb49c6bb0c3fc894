/**
 * The `tegum` command line: parses options and calls experiments; nothing else.
 * Bad input (commander's own parse errors and our UsageError) becomes one line on
 * stderr and exit code 2, without a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { TEGUM_VERSION } from '../core/version.js';
import { EXIT_USAGE, UsageError } from './usage-error.js';
import { registerTheoryCommand } from './theory-command.js';
import { registerReproduceCommand } from './reproduce-command.js';
import { registerPackCommand } from './pack-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerToyCommand } from './toy-command.js';
import { registerSweepCommand } from './sweep-command.js';
import { registerWorkerCommand } from './worker-command.js';

/** Builds the program; exported so tests can drive it in-process. */
export function buildProgram(): Command {
  const program = new Command('tegum')
    .description(
      'A lab for the geometry of superposition: why features split into orthogonal subspaces (tegum products).',
    )
    .version(TEGUM_VERSION)
    .exitOverride()
    // Keep commander's errors to one line (its "Did you mean …?" hint joins the same line).
    .configureOutput({
      outputError: (text, write) => write(`${text.trimEnd().replace(/\n+/g, ' ')}\n`),
    });
  registerTheoryCommand(program);
  registerReproduceCommand(program);
  registerPackCommand(program);
  registerServeCommand(program);
  registerToyCommand(program);
  registerSweepCommand(program);
  registerWorkerCommand(program);
  return program;
}

/** Runs the CLI on `argv` (node-style, with the two leading entries). */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has already printed its one-line message (or the help/version text).
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (err instanceof UsageError || err instanceof RangeError) {
      process.stderr.write(`tegum: error: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}
