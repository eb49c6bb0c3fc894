/**
 * `tegum reproduce`: runs every experiment (quick profile by default, --full for
 * the papers' own settings) under --out, reusing finished results unless --force,
 * shows a progress bar per experiment, and ends by printing the report's path.
 */
import type { Command } from 'commander';
import { experiments } from '../experiments/registry.js';
import { reproduce } from '../experiments/reproduce.js';
import { createProgressDisplay } from './progress-display.js';

/** Registers `tegum reproduce`. */
export function registerReproduceCommand(program: Command): void {
  program
    .command('reproduce')
    .description("reproduce the post's and the paper's figures and write out/report.html")
    .option('--out <dir>', 'output directory', 'out')
    .option('--full', "the papers' own settings (slow) instead of the quick profile")
    .option('--force', 'recompute experiments that already finished')
    .action(async (flags: { out: string; full?: boolean; force?: boolean }) => {
      const profile = flags.full ? 'full' : 'quick';
      const list = experiments();
      const display = createProgressDisplay(list, profile);
      try {
        const result = await reproduce({
          out: flags.out,
          profile,
          force: flags.force ?? false,
          experiments: list,
          onProgress: display.update,
        });
        display.stop();
        process.stdout.write(`${result.reportPath}\n`);
      } finally {
        display.stop();
      }
    });
}
