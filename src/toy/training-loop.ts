/**
 * The toy training loop — the only one (Elhage et al. 2022's notebook `optimize`): a run's
 * steps in stretches, divergence stopped and reported between them, progress reported
 * after each, and the reported training loss averaged over the last steps. The CLI's
 * trainer runs each stretch on its own thread (./train-toy.ts), the worker pool runs it
 * on slices of instances (./train-toy-parallel.ts), the explorer's web worker runs it
 * between pauses; each only says how a stretch is run (`runStretch` in ./toy-chunk.ts).
 */
import type { ResolvedToyRun } from './toy-run-schema.js';
import { ToyDivergenceError } from './toy-divergence-error.js';

/** Progress reported after every stretch. */
export interface ToyProgress {
  step: number;
  steps: number;
  /** Mean over instances of the last step's batch loss. */
  meanLoss: number;
}

/** What a stretch over some instances leaves. */
export interface StretchOutcome {
  /** The first of the run's instances it trained. */
  offset: number;
  /** [instances] the sum of the losses of its steps inside the final tail window. */
  tailLoss: Float64Array;
  /** [instances] the last step's batch loss. */
  lastLoss: Float32Array;
  /** The 1-based step at which a loss stopped being finite, or 0. */
  divergedAt: number;
  /** Local indices of the instances whose loss was not finite then. */
  badInstances: number[];
}

/** The number of final steps whose losses are averaged into the reported loss. */
export function tailWindow(steps: number): number {
  return Math.min(100, steps);
}

/** The loop's bookkeeping: stretches out, outcomes in, the final loss at the end. */
export class ToyTrainingLoop {
  private readonly tail: Float64Array;
  private readonly last: Float32Array;

  constructor(
    readonly run: ResolvedToyRun,
    /** Steps per stretch. */
    readonly every: number,
    private readonly onProgress?: (p: ToyProgress) => void,
  ) {
    if (!Number.isInteger(every) || every < 1) {
      throw new RangeError(`steps per stretch must be an integer ≥ 1, got ${every}`);
    }
    this.tail = new Float64Array(run.instances);
    this.last = new Float32Array(run.instances);
  }

  /** The stretches [from, to) covering the run's steps. */
  stretches(): [number, number][] {
    const out: [number, number][] = [];
    for (let t = 0; t < this.run.steps; t += this.every) {
      out.push([t, Math.min(this.run.steps, t + this.every)]);
    }
    return out;
  }

  /**
   * Takes the outcomes of the stretch ending at step `to` (one per slice of instances).
   * @throws ToyDivergenceError when a loss stopped being finite, naming the likely cause.
   */
  record(to: number, outcomes: readonly StretchOutcome[]): void {
    for (const o of outcomes) {
      if (o.divergedAt > 0) {
        throw new ToyDivergenceError(
          o.divergedAt,
          o.badInstances.map((i) => i + o.offset),
          this.run,
        );
      }
      for (let i = 0; i < o.tailLoss.length; i++) this.tail[o.offset + i] += o.tailLoss[i];
      this.last.set(o.lastLoss, o.offset);
    }
    this.onProgress?.({ step: to, steps: this.run.steps, meanLoss: mean(this.last) });
  }

  /** [instances] the mean batch loss over the last min(100, steps) steps. */
  finalLoss(): Float64Array {
    const w = tailWindow(this.run.steps);
    return this.tail.map((x) => (w > 0 ? x / w : x));
  }
}

/** The mean of a loss vector. */
export function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}
