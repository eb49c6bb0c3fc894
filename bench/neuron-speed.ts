/**
 * A quick timing of the neuron models' training step (docs/ARCHITECTURE.md §3, §5) on each
 * backend and thread count, without the whole `npm run bench` (whose compute core runs the
 * same workloads beside the PyTorch peer): `node --import tsx bench/neuron-speed.ts`.
 * Prints steps/s, medians of timed blocks; a shared machine makes them noisy.
 */

import { createToyState, resolveToyRun, setBackend, toyTrainStep } from '../src/index.js';
import type { BackendName } from '../src/index.js';
import { NEURON_WORKLOADS } from './neuron-workloads.js';

function medianSeconds(fn: () => void, blockSeconds = 0.3, blocks = 5): number {
  for (let k = 0; k < 3; k++) fn();
  let t = performance.now();
  fn();
  const per = Math.max(
    1,
    Math.round((blockSeconds * 1000) / Math.max(performance.now() - t, 1e-3)),
  );
  const times: number[] = [];
  for (let b = 0; b < blocks; b++) {
    t = performance.now();
    for (let k = 0; k < per; k++) fn();
    times.push((performance.now() - t) / 1000 / per);
  }
  times.sort((a, b) => a - b);
  return times[blocks >> 1];
}

const only = process.argv[2];
for (const [name, config, key] of NEURON_WORKLOADS) {
  if (only !== undefined && key !== only) continue;
  for (const [backend, threads] of [
    ['js', 1],
    ['wasm', 1],
    ['wasm', 2],
    ['native', 1],
    ['native', 2],
  ] as [BackendName, number][]) {
    await setBackend(backend, { threads });
    const state = createToyState(resolveToyRun({ ...config, backend }));
    const loss = new Float32Array(config.instances);
    const sec = medianSeconds(() => toyTrainStep(state, 1e-3, loss));
    console.log(`${name} | ${backend}, ${threads} thread(s) | ${(1 / sec).toFixed(0)} steps/s`);
  }
}
