/**
 * The packing view's worker: optimizes n unit vectors in R^d (no tegum constraint)
 * with the library's sphere optimizer, posting a snapshot of V and the loss every
 * few steps. Pausing terminates the worker; resuming starts a new one from the
 * last snapshot (the optimizer's moments restart, which the view states). Gram and
 * gradient run on the compute core's WebAssembly kernels.
 */
import {
  Rng,
  createObjective,
  createSphereWorkspace,
  objectiveParamsOf,
  optimizeOnSpheres,
  sphereSettingsOf,
  type ResolvedPackRun,
} from '../../../src/index.js';
import { loadKernels } from './load-kernels.js';

/** What the view sends: the resolved run (`resolvePackRun`, unconstrained). */
export interface PackingRequest {
  config: ResolvedPackRun;
  /** Resume from this V [d, n] instead of a random start. */
  V?: Float64Array;
}

/** What the worker posts. */
export type PackingMessage =
  | {
      type: 'snapshot';
      step: number;
      steps: number;
      loss: number;
      V: Float64Array;
      /** The compute backend: 'wasm' or 'js'. */
      backend: string;
    }
  | {
      type: 'done';
      loss: number;
      steps: number;
      stopReason: string;
      message?: string;
      V: Float64Array;
    }
  | { type: 'error'; message: string };

self.onmessage = async (event: MessageEvent<PackingRequest>) => {
  const { config: c, V: resume } = event.data;
  const backend = await loadKernels();
  try {
    const objective = createObjective(c.objective, objectiveParamsOf(c));
    const V = resume ?? new Float64Array(c.d * c.n);
    if (!resume) {
      const rng = new Rng(c.seed);
      for (let e = 0; e < V.length; e++) V[e] = rng.normal();
    }
    const run = optimizeOnSpheres(
      V,
      c.d,
      c.n,
      objective,
      sphereSettingsOf(c),
      createSphereWorkspace(c.d, c.n),
      {
        every: 25,
        onProgress: (p) =>
          postMessage({
            type: 'snapshot',
            step: p.step,
            steps: p.steps,
            loss: p.loss,
            V: V.slice(),
            backend,
          }),
      },
    );
    postMessage({
      type: 'done',
      loss: run.loss,
      steps: run.steps,
      stopReason: run.stopReason,
      message: run.message,
      V,
    });
  } catch (e) {
    postMessage({ type: 'error', message: (e as Error).message });
  }
};
