import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { runGridSweep } from './run-grid-sweep.js';
it('x', async () => {
  const rows = await runGridSweep({ name: 'k', kind: 'pack', base: { d: 2, objective: 'power', restarts: 1, steps: 10 }, axes: { n: [4], alpha: [1], blocks: [1, 2] }, seeds: [0] }, mkdtempSync(join(tmpdir(), 'zz-')), () => undefined);
  console.log(rows.map((r) => [r.n, r.alpha, r.blocks, r.loss]));
});
