/**
 * The state of many toy models of superposition trained at once (Elhage et al. 2022,
 * "Toy Models of Superposition", §2; docs/ARCHITECTURE.md §3): per instance W [nHidden, nFeatures]
 * with Xavier-normal init (Glorot & Bengio 2010: std = √(2 / (fan_in + fan_out)) with
 * fan_in = nFeatures, fan_out = nHidden), b = 0, Adam moments, importance, feature
 * probabilities (and the correlated or anticorrelated sets of §7: toy-sampling.ts) and its
 * own seeded generator. Everything is allocated here, once, so the
 * training step allocates nothing; the initialisation is drawn in
 * src/toy/create-toy-state.ts from a resolved run.
 */

import type { StreamCursor } from './toy-sample-stream.js';
import type { ToySampling } from './toy-sampling.js';
import { hasNeurons, type ToyModel } from './toy-models.js';

/**
 * The shape and settings of a state, all explicit: what `allocateToyState` needs. Built
 * from a resolved toy run by src/toy/create-toy-state.ts (the only caller outside tests).
 */
export interface ToyStateSpec {
  readonly nInstances: number;
  readonly nFeatures: number;
  readonly nHidden: number;
  readonly batchSize: number;
  /** The model (docs/ARCHITECTURE.md §3): which kernel trains it and what W2 holds. */
  readonly model: ToyModel;
  readonly decoupled: boolean;
  readonly weightDecay: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  /** [nInstances, nFeatures] */
  readonly importance: Float32Array;
  /** [nInstances, nFeatures] 1 − S */
  readonly featureProbability: Float32Array;
  /** How the data is drawn: units (free features, correlated and anticorrelated sets). */
  readonly sampling: ToySampling;
}

/** Preallocated buffers of a batch of toy models, beside their spec; shapes in the comments. */
export interface ToyState extends ToyStateSpec {
  /** The output is ReLU'd: every model but 'linear' (from the model). */
  readonly relu: boolean;
  /** Active features are U[−1, 1) rather than U[0, 1): the absolute-value model's data. */
  readonly signed: boolean;
  /** Adam steps taken so far (bias correction uses step + 1 on the next step). */
  step: number;
  readonly W: Float32Array; // [nInstances, nHidden, nFeatures]
  readonly b: Float32Array; // [nInstances, nFeatures]
  readonly mW: Float32Array; // [nInstances, nHidden, nFeatures] first moment
  readonly vW: Float32Array; // [nInstances, nHidden, nFeatures] second moment
  readonly mb: Float32Array; // [nInstances, nFeatures]
  readonly vb: Float32Array; // [nInstances, nFeatures]
  /** The untied second layer (the 'abs' model; empty otherwise): y' = ReLU(W2 h + b). */
  readonly W2: Float32Array; // [nInstances, nFeatures, nHidden]
  readonly mW2: Float32Array; // [nInstances, nFeatures, nHidden]
  readonly vW2: Float32Array; // [nInstances, nFeatures, nHidden]
  /** 1 / ln(1 − p) per instance, p = sampling.density: the geometric skip's scale (−0 for p = 1). */
  readonly invLogQ: Float64Array; // [nInstances]
  readonly rngState: Uint32Array; // [nInstances, 4] xoshiro128** words
  /** Scratch of the reference kernel (one instance at a time). */
  readonly scratch: ToyScratch;
}

/** Work space for one instance: Gram, ∂L/∂Gᵀ, one sample's pre-activation and nonzeros. */
export interface ToyScratch {
  readonly G: Float64Array; // [nFeatures, nFeatures]
  readonly E: Float64Array; // [nFeatures, nFeatures]
  readonly pre: Float64Array; // [nFeatures]
  readonly x: Float64Array; // [nFeatures] one dense sample, zero between samples
  readonly nzIndex: Int32Array; // [nFeatures]
  readonly nzValue: Float64Array; // [nFeatures]
  /** The geometric stream's cursor (toy-sample-stream.ts). */
  readonly cursor: StreamCursor;
  readonly gW: Float32Array; // [nInstances, nHidden, nFeatures]
  readonly gb: Float32Array; // [nInstances, nFeatures]
  readonly gW2: Float32Array; // [nInstances, nFeatures, nHidden] (the 'abs' model)
  /** The neuron models' per-sample hidden layer and its gradient. */
  readonly h: Float64Array; // [nHidden]
  readonly dh: Float64Array; // [nHidden]
  readonly active: Int32Array; // [nHidden] the neurons with h > 0
  /** Their gradients of one instance in float64: ∂L/∂W [m, n], then ∂L/∂W2 [n, m]. */
  readonly acc: Float64Array; // [2 nHidden nFeatures] (the neuron models; empty otherwise)
}

/**
 * Allocates every buffer of the toy models of `spec`: W, b, the Adam moments and the
 * generators' states at zero (src/toy/create-toy-state.ts draws W and seeds the
 * generators, or a pool chunk restores them from a snapshot). Checks nothing: the spec
 * comes from a resolved run.
 */
export function allocateToyState(spec: ToyStateSpec): ToyState {
  const { nInstances: nI, nFeatures: n, nHidden: m } = spec;
  const invLogQ = new Float64Array(nI);
  const w2 = spec.model === 'abs' ? nI * n * m : 0;
  for (let i = 0; i < nI; i++) invLogQ[i] = 1 / Math.log1p(-spec.sampling.density[i]);
  return {
    ...spec,
    relu: spec.model !== 'linear',
    signed: spec.model === 'abs',
    step: 0,
    W: new Float32Array(nI * m * n),
    b: new Float32Array(nI * n),
    mW: new Float32Array(nI * m * n),
    vW: new Float32Array(nI * m * n),
    mb: new Float32Array(nI * n),
    vb: new Float32Array(nI * n),
    W2: new Float32Array(w2),
    mW2: new Float32Array(w2),
    vW2: new Float32Array(w2),
    invLogQ,
    rngState: new Uint32Array(nI * 4),
    scratch: {
      G: new Float64Array(n * n),
      E: new Float64Array(n * n),
      pre: new Float64Array(n),
      x: new Float64Array(n),
      nzIndex: new Int32Array(n),
      nzValue: new Float64Array(n),
      cursor: { pos: 0, val: 0 },
      gW: new Float32Array(nI * m * n),
      gb: new Float32Array(nI * n),
      gW2: new Float32Array(w2),
      h: new Float64Array(m),
      dh: new Float64Array(m),
      active: new Int32Array(m),
      acc: new Float64Array(hasNeurons(spec.model) ? 2 * m * n : 0),
    },
  };
}

/**
 * Checks that `state` is a ToyState (what {@link createToyState} returns).
 * @throws RangeError naming the function and what it needs.
 */
export function checkToyState(fn: string, state: unknown): asserts state is ToyState {
  const s = state as Partial<ToyState> | null;
  const ok =
    s !== null &&
    typeof s === 'object' &&
    s.W instanceof Float32Array &&
    s.b instanceof Float32Array &&
    Number.isInteger(s.nInstances) &&
    Number.isInteger(s.nFeatures) &&
    Number.isInteger(s.nHidden) &&
    s.W.length === (s.nInstances ?? 0) * (s.nFeatures ?? 0) * (s.nHidden ?? 0) &&
    // The model's second layer and data, as allocateToyState derives them.
    s.W2 instanceof Float32Array &&
    s.W2.length === (s.model === 'abs' ? s.W.length : 0) &&
    s.relu === (s.model !== 'linear') &&
    s.signed === (s.model === 'abs');
  if (!ok) {
    throw new RangeError(
      `${fn}: state must be a ToyState (from createToyState(config)), got ${s === undefined ? 'undefined (missing)' : s === null ? 'null' : typeof s}`,
    );
  }
}
