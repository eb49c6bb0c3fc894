/**
 * Training with a look back (docs/ARCHITECTURE.md §3): the one training loop
 * (./training-loop.ts, stretches run in place by ./toy-chunk.ts) with each instance's
 * evaluated loss (./evaluate-toy-loss.ts, the run's evaluation batches and seed) and its
 * weights recorded at chosen steps on the way. An experiment that trains fewer steps than
 * the paper states whether its numbers had settled: the loss and what it reads from W at
 * 4/5 of the run against the end. Plain data in and out, so it is also a worker pool task;
 * evaluating leaves the generators where they were, so the trained numbers equal
 * trainToyModels' for the same run.
 */

import { checkObject } from '../core/check-args.js';
import { createToyState } from './create-toy-state.js';
import { runStretch, snapshotOf, type ToySnapshot } from './toy-chunk.js';
import { evaluateToyLoss } from './evaluate-toy-loss.js';
import type { ResolvedToyRun } from './toy-run-schema.js';
import { ToyTrainingLoop } from './training-loop.js';

/** The state of every instance at one checkpoint. */
export interface ToyCheckpoint {
  step: number;
  /** [instances] the evaluated loss. */
  loss: Float64Array;
  /** [instances, nHidden, nFeatures] W. */
  W: Float32Array;
  /** [instances, nFeatures, nHidden] W2 (the untied model; empty otherwise). */
  W2: Float32Array;
}

/** A trained run and its checkpoints. */
export interface ToyCheckpointsResult {
  /** The trained state's snapshot (restoreSnapshot rebuilds the state from it). */
  snapshot: ToySnapshot;
  /** In the order of the steps given. */
  checkpoints: ToyCheckpoint[];
}

/**
 * Trains `run` on this thread, recording the evaluated loss and the weights after each of
 * `steps` (integers in [0, run.steps], ascending).
 * @throws RangeError when a checkpoint step is out of range or out of order;
 *   ToyDivergenceError when a loss becomes NaN or infinite.
 */
export function trainToyCheckpoints(
  run: ResolvedToyRun,
  steps: readonly number[],
): ToyCheckpointsResult {
  checkObject('trainToyCheckpoints', 'run', run, 'a ResolvedToyRun (from resolveToyRun)');
  steps.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 0 || s > run.steps || (i > 0 && s <= steps[i - 1])) {
      throw new RangeError(
        `checkpoint steps must be ascending integers in [0, ${run.steps}] (the run's steps), got ${steps.join(', ')}`,
      );
    }
  });
  const state = createToyState(run);
  const loop = new ToyTrainingLoop(run, Math.max(1, run.steps));
  const checkpoints: ToyCheckpoint[] = [];
  const record = (step: number) => {
    const loss = evaluateToyLoss(
      new Float64Array(run.instances),
      state,
      run.evalBatches,
      run.evalSeed,
    );
    checkpoints.push({ step, loss, W: state.W.slice(), W2: state.W2.slice() });
  };
  let from = 0;
  for (const to of [...steps, run.steps]) {
    if (to > from) {
      loop.record(to, [runStretch(state, run, from, to)]);
      from = to;
    }
    if (checkpoints.length < steps.length && steps[checkpoints.length] === to) record(to);
  }
  return { snapshot: snapshotOf(state), checkpoints };
}
