/**
 * The toy training loop — the only one: `runSteps` drives the compute core's fused
 * step for the CLI's trainer (src/toy/train-toy.ts), every pool chunk
 * (`trainToyChunk`, run by src/toy/train-toy-parallel.ts) and the explorer's web
 * worker. A stretch is plain data in and out, so a worker can run it and the main
 * thread can report progress and stop on divergence between stretches. The
 * optimizer state travels in a snapshot; steps [from, to) of `steps` run at
 * lr · schedule(t, steps).
 */

import { createToyState, type ToyState } from '../core/toy-state.js';
import { toyTrainStep } from '../core/toy-train-step.js';
import type { ResolvedToyRun } from '../core/run-config.js';
import { lrSchedule } from './lr-schedule.js';

/** Everything of a ToyState that training changes. */
export interface ToySnapshot {
  step: number;
  W: Float32Array;
  b: Float32Array;
  mW: Float32Array;
  vW: Float32Array;
  mb: Float32Array;
  vb: Float32Array;
  rngState: Uint32Array;
}

/** What a stretch leaves. */
export interface ToyChunkResult {
  snapshot: ToySnapshot;
  /** [nInstances] sum of the losses of the steps inside the final tail window. */
  tailLoss: Float64Array;
  /** [nInstances] the last step's batch loss. */
  lastLoss: Float32Array;
  /** The 1-based step at which a loss stopped being finite, or 0. */
  divergedAt: number;
  /** Instances (local indices) whose loss was not finite then. */
  badInstances: number[];
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
    rngState: state.rngState.slice(),
  };
}

/** Writes a snapshot back into a state of the same shape. */
export function restoreSnapshot(state: ToyState, s: ToySnapshot): void {
  state.step = s.step;
  state.W.set(s.W);
  state.b.set(s.b);
  state.mW.set(s.mW);
  state.vW.set(s.vW);
  state.mb.set(s.mb);
  state.vb.set(s.vb);
  state.rngState.set(s.rngState);
}

/** The number of final steps whose losses are averaged into the reported loss. */
export function tailWindow(steps: number): number {
  return Math.min(100, steps);
}

/**
 * Runs steps [from, to) of `config` on `state` in place, adding the losses of the tail
 * window into `tailLoss`; `loss` [nInstances] holds the last step's batch losses, and
 * `onStep` (if given) sees them after every step. Stops at the first non-finite loss.
 */
export function runSteps(
  state: ToyState,
  config: ResolvedToyRun,
  from: number,
  to: number,
  tailLoss: Float64Array,
  loss: Float32Array,
  onStep?: (loss: Float32Array) => void,
): { divergedAt: number; badInstances: number[] } {
  const { steps, lr } = config;
  const scale = lrSchedule(config.schedule);
  const tailStart = steps - tailWindow(steps);
  const nI = state.nInstances;
  for (let t = from; t < to; t++) {
    if (toyTrainStep(state, lr * scale(t, steps), loss) > 0) {
      const badInstances: number[] = [];
      for (let i = 0; i < nI; i++) if (!Number.isFinite(loss[i])) badInstances.push(i);
      return { divergedAt: t + 1, badInstances };
    }
    if (t >= tailStart) for (let i = 0; i < nI; i++) tailLoss[i] += loss[i];
    onStep?.(loss);
  }
  return { divergedAt: 0, badInstances: [] };
}

/**
 * The pool task: rebuilds the state of `config` (or restores `snapshot`), trains
 * steps [from, to), and returns the new snapshot.
 */
export function trainToyChunk(
  config: ResolvedToyRun,
  snapshot: ToySnapshot | null,
  from: number,
  to: number,
): ToyChunkResult {
  const state = createToyState(config);
  if (snapshot) restoreSnapshot(state, snapshot);
  const tailLoss = new Float64Array(state.nInstances);
  const lastLoss = new Float32Array(state.nInstances);
  const d = runSteps(state, config, from, to, tailLoss, lastLoss);
  return { snapshot: snapshotOf(state), tailLoss, lastLoss, ...d };
}
