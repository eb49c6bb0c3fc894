/**
 * `tegum reproduce`: runs the reproduction (for now the post's figures) into
 * `out/` and prints what it wrote.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { writeTheoryFigures } from '../experiments/theory-figures.js';

/** Registers `tegum reproduce`. */
export function registerReproduceCommand(program: Command): void {
  program
    .command('reproduce')
    .description("reproduce the post's figures (and, as they land, the paper's) under --out")
    .option('--out <dir>', 'output directory', 'out')
    .action((flags: { out: string }) => {
      const started = performance.now();
      process.stderr.write('tegum reproduce: the post’s loss-vs-k figures …\n');
      const written = writeTheoryFigures({ out: join(flags.out, 'theory') });
      for (const f of written) process.stdout.write(`${f}\n`);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(`tegum reproduce: wrote ${written.length} files in ${seconds} s\n`);
    });
}
