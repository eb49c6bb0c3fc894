/**
 * The flags every compute command shares: which kernels (`--backend`) and how many
 * worker threads (`--threads`). One definition, so their names, parsing and errors
 * stay the same across `tegum toy run`, `tegum pack run` and `tegum pack experiment`.
 */
import { Option, type Command } from 'commander';
import { availableParallelism } from 'node:os';
import { BACKEND_CHOICES } from '../core/backend.js';
import { parseChoice, parseIntIn } from './parse-options.js';

/**
 * Adds `--backend auto|native|wasm|js` and `--threads N` to `command`; `threadsHelp` says
 * what they split.
 */
export function addKernelOptions(command: Command, threadsHelp: string): Command {
  return (
    command
      .addOption(
        new Option(
          '--backend <name>',
          'kernel backend: auto (native where built, else wasm), native, wasm, js',
        )
          .argParser(parseChoice([...BACKEND_CHOICES]))
          .default('auto'),
      )
      // More threads than cores only adds contention (and 1000 workers exhaust memory).
      .option(
        '--threads <int>',
        `${threadsHelp}; at most ${availableParallelism()}, the cores of this machine`,
        parseIntIn(1, availableParallelism()),
      )
  );
}
