/**
 * The toy view's worker: trains several seeds of one toy model at once (Elhage et al.
 * 2022; docs/ARCHITECTURE.md §3) from the resolved run the view built (`resolveToyRun`), with the
 * library's one training loop (`ToyTrainingLoop`, each stretch by `runStretch`), and posts the weights of the
 * seed with the lowest running loss after each chunk (W, b, and the absolute-value
 * model's untied second layer W2). Between chunks it yields, so 'pause' and 'resume'
 * messages take effect.
 */
import {
  createToyState,
  getBackend,
  runStretch,
  ToyDivergenceError,
  ToyTrainingLoop,
  type ResolvedToyRun,
} from '../../../src/index.js';
import { loadKernels } from './load-kernels.js';

/** What the view sends to start a run: the resolved run, one instance per seed. */
export interface ToyRequest {
  type: 'start';
  config: ResolvedToyRun;
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
      /** The model trained (the run's `model`). */
      model: ResolvedToyRun['model'];
      /** [nHidden, nFeatures] of the best seed: the first (or only) layer. */
      W: Float32Array;
      /** [nFeatures] */
      b: Float32Array;
      /** [nFeatures, nHidden] of the best seed: the 'abs' model's second layer; empty otherwise. */
      W2: Float32Array;
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

async function run(config: ResolvedToyRun, gen: number): Promise<void> {
  await loadKernels();
  const state = createToyState(config);
  const nI = config.instances;
  const running = new Float64Array(nI).fill(Number.NaN);
  const ema = (l: Float32Array) => {
    for (let i = 0; i < nI; i++) {
      running[i] = Number.isNaN(running[i]) ? l[i] : 0.98 * running[i] + 0.02 * l[i];
    }
  };
  const mn = config.m * config.n;
  const loop = new ToyTrainingLoop(config, CHUNK);
  for (const [start, end] of loop.stretches()) {
    while (paused && gen === generation) await new Promise((resolve) => setTimeout(resolve, 50));
    if (gen !== generation) return;
    const t0 = performance.now();
    try {
      loop.record(end, [runStretch(state, config, start, end, 0, ema)]);
    } catch (err) {
      if (!(err instanceof ToyDivergenceError)) throw err;
      postMessage({ type: 'error', message: err.message } satisfies ToyMessage);
      return;
    }
    const elapsed = (performance.now() - t0) / 1000;
    let best = 0;
    for (let i = 1; i < nI; i++) if (running[i] < running[best]) best = i;
    const message: ToyMessage = {
      type: 'snapshot',
      step: end,
      steps: config.steps,
      losses: Array.from(running),
      best,
      model: config.model,
      W: state.W.slice(best * mn, (best + 1) * mn),
      b: state.b.slice(best * config.n, (best + 1) * config.n),
      // Empty unless 'abs' (the state allocates W2 for the untied model only).
      W2: state.W2.length > 0 ? state.W2.slice(best * mn, (best + 1) * mn) : new Float32Array(0),
      done: end >= config.steps,
      stepsPerSecond: (end - start) / Math.max(elapsed, 1e-6),
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
  run(msg.config, generation).catch((e: unknown) =>
    postMessage({ type: 'error', message: (e as Error).message }),
  );
};
