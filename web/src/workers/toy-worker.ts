/**
 * The toy view's worker: trains several seeds of one toy model at once with the
 * library's fused training step (Elhage et al. 2022; DESIGN.md §3), in chunks, and
 * posts the weights of the seed with the lowest running loss after each chunk.
 * Between chunks it yields, so 'pause' and 'resume' messages take effect.
 */
import { createToyState, getBackend, toyTrainStep, type ToyState } from '../../../src/index.js';
import { loadKernels } from './load-kernels.js';

/** What the view sends to start a run. */
export interface ToyRequest {
  type: 'start';
  nFeatures: number;
  nHidden: number;
  /** S: a feature is zero with probability S. */
  sparsity: number;
  /** Importance I_i = decay^i (1 = uniform). */
  importanceDecay: number;
  /** Feature sets active together (Elhage et al. 2022 §7); default none. */
  correlated?: number[][];
  /** Feature sets with at most one feature active; default none. */
  anticorrelated?: number[][];
  seed: number;
  seeds: number;
  steps: number;
  lr: number;
}

/** What the worker posts. */
export type ToyMessage =
  | {
      type: 'snapshot';
      step: number;
      steps: number;
      /** Running loss of every seed. */
      losses: number[];
      best: number;
      /** [nHidden, nFeatures] of the best seed. */
      W: Float32Array;
      b: Float32Array;
      done: boolean;
      /** Steps per second over the last chunk. */
      stepsPerSecond: number;
      /** The compute backend: 'wasm' or 'js'. */
      backend: string;
    }
  | { type: 'error'; message: string };

let paused = false;
let generation = 0;

const CHUNK = 100;

async function run(r: ToyRequest, gen: number): Promise<void> {
  await loadKernels();
  const importance = Array.from({ length: r.nFeatures }, (_, i) => r.importanceDecay ** i);
  const state: ToyState = createToyState({
    nInstances: r.seeds,
    nFeatures: r.nFeatures,
    nHidden: r.nHidden,
    featureProbability: 1 - r.sparsity,
    importance,
    correlated: r.correlated,
    anticorrelated: r.anticorrelated,
    seed: r.seed,
  });
  const loss = new Float32Array(r.seeds);
  const running = new Float64Array(r.seeds).fill(Number.NaN);
  const mn = r.nHidden * r.nFeatures;
  let step = 0;
  while (step < r.steps) {
    if (gen !== generation) return;
    if (paused) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    const t0 = performance.now();
    const start = step;
    const end = Math.min(r.steps, step + CHUNK);
    for (; step < end; step++) {
      if (toyTrainStep(state, r.lr, loss) > 0) {
        postMessage({
          type: 'error',
          message: `training diverged at step ${step} (loss not finite)`,
        });
        return;
      }
      for (let i = 0; i < r.seeds; i++) {
        running[i] = Number.isNaN(running[i]) ? loss[i] : 0.98 * running[i] + 0.02 * loss[i];
      }
    }
    const elapsed = (performance.now() - t0) / 1000;
    let best = 0;
    for (let i = 1; i < r.seeds; i++) if (running[i] < running[best]) best = i;
    const message: ToyMessage = {
      type: 'snapshot',
      step,
      steps: r.steps,
      losses: Array.from(running),
      best,
      W: state.W.slice(best * mn, (best + 1) * mn),
      b: state.b.slice(best * r.nFeatures, (best + 1) * r.nFeatures),
      done: step >= r.steps,
      stepsPerSecond: (step - start) / Math.max(elapsed, 1e-6),
      backend: getBackend(),
    };
    postMessage(message);
    // Yield so that pause/resume/start messages are handled.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

self.onmessage = (event: MessageEvent<ToyRequest | { type: 'pause' | 'resume' }>) => {
  const msg = event.data;
  if (msg.type !== 'start') {
    paused = msg.type === 'pause';
    return;
  }
  paused = false;
  generation++;
  run(msg, generation).catch((e: unknown) =>
    postMessage({ type: 'error', message: (e as Error).message }),
  );
};
