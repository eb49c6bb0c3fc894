/**
 * `npm run bench`: every benchmark, printed as tables of medians and ratios.
 * Speed goals live here, never in unit tests.
 */
import { benchTheoryFigures } from './theory-figures.js';
import { benchPackingStep } from './packing-step.js';
import { benchComputeCore } from './compute-core.js';
import { benchSweepScheduling } from './sweep-scheduling.js';

function printTable(title: string, rows: object[]): void {
  console.log(`\n## ${title}\n`);
  console.table(rows);
}

printTable('Theory: the post’s figure data', benchTheoryFigures());
const step = await benchPackingStep();
printTable('Packing: one Riemannian Adam step (effective FLOPs = 4·d·n²)', step.rows);
for (const note of step.notes) console.log(note);
printTable(
  'Sweeps: scheduling overhead, local pool against two workers on Redis',
  await benchSweepScheduling(),
);
console.log('\n## Compute core: tegum against the PyTorch peer\n');
await benchComputeCore();
