/**
 * `tegum reproduce`: runs every experiment (quick profile by default, --full for
 * the papers' own settings) under --out, reusing finished results unless --force,
 * shows a progress bar per experiment, and ends by printing the report's path.
 */
import type { Command } from 'commander';
import { experiments } from '../experiments/registry.js';
import { createProgressDisplay } from './progress-display.js';
import { UsageError } from './usage-error.js';
import { checkOutputDir } from '../experiments/output-paths.js';

/** Registers `tegum reproduce`. */
export function registerReproduceCommand(program: Command): void {
  program
    .command('reproduce')
    .description("reproduce the post's and the paper's figures and write out/report.html")
    .option('--out <dir>', 'output directory', 'out')
    .option('--full', "the papers' own settings (slow) instead of the quick profile")
    .option('--force', 'recompute experiments that already finished')
    .option(
      '--only <ids>',
      `run only these experiments (comma-separated: ${experiments()
        .map((e) => e.id)
        .join(', ')})`,
    )
    .action(async (flags: { out: string; full?: boolean; force?: boolean; only?: string }) => {
      checkOutputDir('--out', flags.out);
      const profile = flags.full ? 'full' : 'quick';
      const all = experiments();
      const ids = flags.only?.split(',').map((s) => s.trim());
      for (const id of ids ?? []) {
        if (!all.some((e) => e.id === id)) {
          throw new UsageError(
            `--only: unknown experiment '${id}'; allowed: ${all.map((e) => e.id).join(', ')}`,
          );
        }
      }
      const inProfile = experiments(profile);
      for (const id of ids ?? []) {
        if (!inProfile.some((e) => e.id === id)) {
          throw new UsageError(`--only: experiment '${id}' runs only with --full`);
        }
      }
      const list = ids ? inProfile.filter((e) => ids.includes(e.id)) : inProfile;
      const display = createProgressDisplay(list, profile);
      try {
        const { reproduce } = await import('../experiments/reproduce.js');
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
