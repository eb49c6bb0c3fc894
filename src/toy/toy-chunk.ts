/**
 * How one stretch of the toy training loop (./training-loop.ts) runs: the compute core's
 * fused step over steps [from, to) of a run at lr · schedule(t, steps). `runStretch`
 * trains a state in place (the CLI's thread, the explorer's worker); `trainToyChunk` is
 * the worker pool's task, plain data in and out, the optimizer state travelling in a
 * snapshot, so the main thread reports progress and stops on divergence between
 * stretches.
 */

import { checkObject } from '../core/check-args.js';
import { checkToyState, type ToyState } from '../core/toy-state.js';
import { toyTrainStep } from '../core/toy-train-step.js';
import { createToyState } from './create-toy-state.js';
import { lrSchedule } from './lr-schedule.js';
import type { ResolvedToyRun } from './toy-run-schema.js';
import { tailWindow, type StretchOutcome } from './training-loop.js';

/** Everything of a ToyState that training changes. */
export interface ToySnapshot {
  step: number;
  W: Float32Array;
  b: Float32Array;
  mW: Float32Array;
  vW: Float32Array;
  mb: Float32Array;
  vb: Float32Array;
  W2: Float32Array;
  mW2: Float32Array;
  vW2: Float32Array;
  rngState: Uint32Array;
}

/** A pool stretch's outcome and the state it left. */
export interface ToyChunkResult extends StretchOutcome {
  snapshot: ToySnapshot;
}

/** A copy of the trainable state. */
export function snapshotOf(state: ToyState): ToySnapshot {
  return {
    step: state.step,
    W: state.W.slice(),
    b: state.b.slice(),
    mW: state.mW.slice(),
    vW: state.vW.slice(),
    mb: state.mb.slice(),
    vb: state.vb.slice(),
    W2: state.W2.slice(),
    mW2: state.mW2.slice(),
    vW2: state.vW2.slice(),
    rngState: state.rngState.slice(),
  };
}

/** Writes a snapshot into a state of the same shape, at instance `offset`. */
export function restoreSnapshot(state: ToyState, s: ToySnapshot, offset = 0): void {
  const mn = state.nHidden * state.nFeatures;
  const n = state.nFeatures;
  state.step = s.step;
  state.W.set(s.W, offset * mn);
  state.b.set(s.b, offset * n);
  state.mW.set(s.mW, offset * mn);
  state.vW.set(s.vW, offset * mn);
  state.mb.set(s.mb, offset * n);
  state.vb.set(s.vb, offset * n);
  if (s.W2.length > 0) {
    state.W2.set(s.W2, offset * mn);
    state.mW2.set(s.mW2, offset * mn);
    state.vW2.set(s.vW2, offset * mn);
  }
  state.rngState.set(s.rngState, offset * 4);
}

/**
 * Runs steps [from, to) of `run` on `state` in place; `onStep` (if given) sees each
 * step's batch losses. Stops at the first non-finite loss.
 * @param offset the first of the run's instances that `state` holds.
 */
export function runStretch(
  state: ToyState,
  run: ResolvedToyRun,
  from: number,
  to: number,
  offset = 0,
  onStep?: (loss: Float32Array) => void,
): StretchOutcome {
  checkToyState('runStretch', state);
  checkObject('runStretch', 'run', run, 'a ResolvedToyRun (from resolveToyRun)');
  const { steps, lr } = run;
  const scale = lrSchedule(run.schedule);
  const tailStart = steps - tailWindow(steps);
  const nI = state.nInstances;
  const tailLoss = new Float64Array(nI);
  const lastLoss = new Float32Array(nI);
  for (let t = from; t < to; t++) {
    if (toyTrainStep(state, lr * scale(t, steps), lastLoss) > 0) {
      const badInstances: number[] = [];
      for (let i = 0; i < nI; i++) if (!Number.isFinite(lastLoss[i])) badInstances.push(i);
      return { offset, tailLoss, lastLoss, divergedAt: t + 1, badInstances };
    }
    if (t >= tailStart) for (let i = 0; i < nI; i++) tailLoss[i] += lastLoss[i];
    onStep?.(lastLoss);
  }
  return { offset, tailLoss, lastLoss, divergedAt: 0, badInstances: [] };
}

/**
 * The pool task: the state of `slice` (instances from `offset` of the run) drawn afresh
 * on the first stretch, or allocated and filled from `snapshot` after it (nothing drawn
 * or checked twice); trains steps [from, to) and returns the new snapshot.
 */
export function trainToyChunk(
  slice: ResolvedToyRun,
  snapshot: ToySnapshot | null,
  from: number,
  to: number,
  offset: number,
): ToyChunkResult {
  const state = createToyState(slice, snapshot === null);
  if (snapshot) restoreSnapshot(state, snapshot);
  const outcome = runStretch(state, slice, from, to, offset);
  return { ...outcome, snapshot: snapshotOf(state) };
}
