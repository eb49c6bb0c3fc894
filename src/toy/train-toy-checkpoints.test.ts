import { describe, expect, it } from 'vitest';
import { evaluateToyLoss } from './evaluate-toy-loss.js';
import { resolveToyRun } from './resolve-toy-run.js';
import { trainToyCheckpoints } from './train-toy-checkpoints.js';
import { trainToyModels } from './train-toy.js';
import type { ToyRunInput } from './toy-run-schema.js';

const input = {
  model: 'abs',
  n: 5,
  m: 4,
  instances: 2,
  batchSize: 64,
  sparsity: [0, 0.7],
  importance: 'decay:0.8',
  seed: 3,
  steps: 50,
  lr: 0.01,
  backend: 'js',
} satisfies ToyRunInput;

describe('trainToyCheckpoints', () => {
  it('trains the same numbers as trainToyModels and records each checkpoint as a shorter run ends', () => {
    const run = resolveToyRun(input);
    const r = trainToyCheckpoints(run, [0, 40]);
    const full = trainToyModels(run).state;
    expect(r.snapshot.W).toEqual(full.W);
    expect(r.snapshot.W2).toEqual(full.W2);
    expect(r.snapshot.b).toEqual(full.b);
    expect(r.snapshot.rngState).toEqual(full.rngState);

    // A constant learning rate: step 40 of a 50-step run is the end of a 40-step run.
    const short = trainToyModels(resolveToyRun({ ...input, steps: 40 })).state;
    const at40 = r.checkpoints[1];
    expect(at40.step).toBe(40);
    expect(at40.W).toEqual(short.W);
    expect(at40.W2).toEqual(short.W2);
    const loss = evaluateToyLoss(new Float64Array(2), short, run.evalBatches, run.evalSeed);
    expect(at40.loss).toEqual(loss);

    // Step 0 is the initialisation.
    const init = trainToyModels(resolveToyRun({ ...input, steps: 0 })).state;
    expect(r.checkpoints[0].W).toEqual(init.W);
    expect(r.checkpoints[0].loss[0]).toBeGreaterThan(at40.loss[0]);
  });

  it('refuses checkpoints out of range or out of order', () => {
    const run = resolveToyRun(input);
    expect(() => trainToyCheckpoints(run, [60])).toThrow(
      /checkpoint steps must be ascending integers in \[0, 50\] \(the run's steps\), got 60/,
    );
    expect(() => trainToyCheckpoints(run, [30, 20])).toThrow(/ascending/);
    expect(() => trainToyCheckpoints(run, [2.5])).toThrow(/ascending integers/);
  });
});
