/**
 * The state of many toy models of superposition trained at once (Elhage et al. 2022,
 * "Toy Models of Superposition", §2; docs/ARCHITECTURE.md §3): per instance W [nHidden, nFeatures]
 * with Xavier-normal init (Glorot & Bengio 2010: std = √(2 / (fan_in + fan_out)) with
 * fan_in = nFeatures, fan_out = nHidden), b = 0, Adam moments, importance, feature probabilities
 * (and the correlated or anticorrelated sets of Elhage et al. 2022 §7: toy-sampling.ts) and its
 * own seeded generator. Everything is allocated here, once, so the training step allocates nothing.
 */

import { checkObject } from './check-args.js';
import { Rng } from './rng.js';
import type { StreamCursor } from './toy-sample-stream.js';
import { buildToySampling, type FeatureSets, type ToySampling } from './toy-sampling.js';

/** What to build; a config is plain data, validated once by `createToyState`. */
export interface ToyConfig {
  nInstances: number;
  nFeatures: number;
  nHidden: number;
  /** Samples per step; default 1024 (the paper's). */
  batchSize?: number;
  /**
   * 1 − S: one number for all, [nInstances] per instance, or [nInstances, nFeatures] per
   * feature (the notebook's `feature_probability`, broadcast over instances and features).
   */
  featureProbability: number | ArrayLike<number>;
  /**
   * Sets of features active together (Elhage et al. 2022 §7): one activity draw per set with
   * the set's probability (its features must share one), values independent. Default none.
   */
  correlated?: FeatureSets;
  /**
   * Sets of which at most one feature is active: the set with probability min(1, |set|·p),
   * then one member uniformly, so each feature keeps density p. Sets may not overlap.
   */
  anticorrelated?: FeatureSets;
  /** I_f: one number, [nFeatures] shared, or [nInstances, nFeatures]; default 1. */
  importance?: number | ArrayLike<number>;
  /** x' = ReLU(WᵀWx + b) ('relu', default) or WᵀWx + b ('linear'). */
  activation?: 'relu' | 'linear';
  /** 'adamw' (decoupled decay, default) or 'adam' (L2 added to the gradient). */
  optimizer?: 'adam' | 'adamw';
  /** Default 0.01 for 'adamw' (PyTorch's AdamW default), 0 for 'adam'. */
  weightDecay?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Instance i is seeded with seed + i unless `seeds` is given; default 0. */
  seed?: number;
  /** [nInstances] explicit seeds: instance i alone, seeded seeds[i], replays exactly. */
  seeds?: ArrayLike<number>;
}

/** Preallocated buffers of a batch of toy models; shapes in the comments. */
export interface ToyState {
  readonly nInstances: number;
  readonly nFeatures: number;
  readonly nHidden: number;
  readonly batchSize: number;
  readonly relu: boolean;
  readonly decoupled: boolean;
  readonly weightDecay: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  /** Adam steps taken so far (bias correction uses step + 1 on the next step). */
  step: number;
  readonly W: Float32Array; // [nInstances, nHidden, nFeatures]
  readonly b: Float32Array; // [nInstances, nFeatures]
  readonly mW: Float32Array; // [nInstances, nHidden, nFeatures] first moment
  readonly vW: Float32Array; // [nInstances, nHidden, nFeatures] second moment
  readonly mb: Float32Array; // [nInstances, nFeatures]
  readonly vb: Float32Array; // [nInstances, nFeatures]
  readonly importance: Float32Array; // [nInstances, nFeatures]
  readonly featureProbability: Float32Array; // [nInstances, nFeatures]
  /** How the data is drawn: units (free features, correlated and anticorrelated sets). */
  readonly sampling: ToySampling;
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
}

/** The largest finite float32 (importance is stored in float32). */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Validates `config` and allocates and initialises every buffer of the toy models. */
export function createToyState(config: ToyConfig): ToyState {
  checkObject(
    'createToyState',
    'config',
    config,
    'a ToyConfig { nFeatures, nHidden, nInstances, featureProbability }',
  );
  const c = config;
  const nI = positiveInt('nInstances', c.nInstances);
  const n = positiveInt('nFeatures', c.nFeatures);
  const m = positiveInt('nHidden', c.nHidden);
  const batchSize = positiveInt('batchSize', c.batchSize ?? 1024);
  const activation = c.activation ?? 'relu';
  if (activation !== 'relu' && activation !== 'linear') {
    throw new RangeError(`activation must be 'relu' or 'linear', got ${String(activation)}`);
  }
  const optimizer = c.optimizer ?? 'adamw';
  if (optimizer !== 'adam' && optimizer !== 'adamw') {
    throw new RangeError(`optimizer must be 'adam' or 'adamw', got ${String(optimizer)}`);
  }
  const weightDecay = inRange(
    'weightDecay',
    c.weightDecay ?? (optimizer === 'adamw' ? 0.01 : 0),
    0,
    Number.MAX_VALUE,
  );
  const beta1 = inRange('beta1', c.beta1 ?? 0.9, 0, 1, true);
  const beta2 = inRange('beta2', c.beta2 ?? 0.999, 0, 1, true);
  const eps = inRange('eps', c.eps ?? 1e-8, 0, Number.MAX_VALUE);

  const featureProbability = perFeatureProbability(c.featureProbability, nI, n);
  for (const p of featureProbability) inRange('featureProbability', p, 0, 1);
  const sampling = buildToySampling(
    featureProbability,
    nI,
    n,
    c.correlated ?? [],
    c.anticorrelated ?? [],
  );
  const importance = broadcast('importance', c.importance ?? 1, nI, n);
  // Stored as float32: a value past its range (1e300) arrives here as Infinity.
  for (const v of importance) inRange('importance', v, 0, FLOAT32_MAX);
  const seeds = new Float64Array(nI);
  if (c.seeds !== undefined) {
    if (c.seeds.length !== nI) {
      throw new RangeError(`seeds must have nInstances = ${nI} entries, got ${c.seeds.length}`);
    }
    for (let i = 0; i < nI; i++) seeds[i] = c.seeds[i];
  } else {
    const seed = c.seed ?? 0;
    for (let i = 0; i < nI; i++) seeds[i] = seed + i;
  }

  const W = new Float32Array(nI * m * n);
  const rngState = new Uint32Array(nI * 4);
  const invLogQ = new Float64Array(nI);
  const std = Math.sqrt(2 / (n + m));
  for (let i = 0; i < nI; i++) {
    const rng = new Rng(seeds[i]);
    for (let k = 0; k < m * n; k++) W[i * m * n + k] = rng.normal() * std;
    rngState.set(rng.state, 4 * i);
    invLogQ[i] = 1 / Math.log1p(-sampling.density[i]);
  }
  return {
    nInstances: nI,
    nFeatures: n,
    nHidden: m,
    batchSize,
    relu: activation === 'relu',
    decoupled: optimizer === 'adamw',
    weightDecay,
    beta1,
    beta2,
    eps,
    step: 0,
    W,
    b: new Float32Array(nI * n),
    mW: new Float32Array(nI * m * n),
    vW: new Float32Array(nI * m * n),
    mb: new Float32Array(nI * n),
    vb: new Float32Array(nI * n),
    importance,
    featureProbability,
    sampling,
    invLogQ,
    rngState,
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
    },
  };
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${v}`);
  }
  return v;
}

function inRange(name: string, v: number, lo: number, hi: number, openHi = false): number {
  if (!(typeof v === 'number' && v >= lo && (openHi ? v < hi : v <= hi))) {
    throw new RangeError(`${name} must be in [${lo}, ${hi}${openHi ? ')' : ']'}, got ${v}`);
  }
  return v;
}

/** featureProbability as [nInstances, nFeatures]: one number, [nInstances], or the full array. */
function perFeatureProbability(v: number | ArrayLike<number>, nI: number, n: number): Float32Array {
  if (typeof v === 'number' || v.length !== nI * n || n === 1) {
    const perInstance = broadcast('featureProbability', v, nI, 1, `${nI} or ${nI * n}`);
    const out = new Float32Array(nI * n);
    for (let i = 0; i < nI; i++) out.fill(perInstance[i], i * n, (i + 1) * n);
    return out;
  }
  return Float32Array.from(v);
}

/** One number, a per-column array [cols], or the full [rows, cols]. */
function broadcast(
  name: string,
  v: number | ArrayLike<number>,
  rows: number,
  cols: number,
  allowed = cols === 1 ? `${rows}` : `${cols} or ${rows * cols}`,
): Float32Array {
  const out = new Float32Array(rows * cols);
  if (typeof v === 'number') return out.fill(v);
  if (v.length === rows * cols) {
    for (let k = 0; k < v.length; k++) out[k] = v[k];
  } else if (v.length === cols) {
    for (let r = 0; r < rows; r++) for (let k = 0; k < cols; k++) out[r * cols + k] = v[k];
  } else {
    throw new RangeError(`${name} must be a number or have ${allowed} entries, got ${v.length}`);
  }
  return out;
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
    s.W.length === (s.nInstances ?? 0) * (s.nFeatures ?? 0) * (s.nHidden ?? 0);
  if (!ok) {
    throw new RangeError(
      `${fn}: state must be a ToyState (from createToyState(config)), got ${s === undefined ? 'undefined (missing)' : s === null ? 'null' : typeof s}`,
    );
  }
}
