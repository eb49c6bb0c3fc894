/**
 * The one place a toy run's config is resolved (docs/ARCHITECTURE.md §6): the defaults of
 * Elhage et al. 2022's notebook (10,000 steps, lr 1e-3 constant, batch 1024,
 * AdamW with PyTorch's defaults β = (0.9, 0.999), ε = 1e-8, decay 0.01) filled in,
 * every field validated, per-instance fields written out, so the result is
 * complete plain data (`ResolvedToyRun`) that trainers, pool chunks and the
 * explorer's worker take as it is.
 */
import type { ResolvedToyRun, RunBackend } from '../core/run-config.js';
import type { ToyConfig } from '../core/toy-state.js';
import { TEGUM_DEFAULTS, type TegumOptions } from '../geometry/tegum-factors.js';
import { lrSchedule } from './lr-schedule.js';
import { checkInteger, checkObject } from '../core/check-args.js';

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;
import { buildToySampling } from '../core/toy-sampling.js';

/** What a caller may give: a toy model, how to train it, and how to analyse and run it. */
export interface ToyRunInput extends ToyConfig {
  /** Training steps; default 10,000. */
  steps?: number;
  /** Base learning rate; default 1e-3. */
  lr?: number;
  /** Learning-rate schedule name ('constant', 'linear', 'cosine'); default 'constant'. */
  schedule?: string;
  /** Batches of the loss evaluation after training; default 16 (4 past 50 features). */
  evalBatches?: number;
  tegum?: TegumOptions;
  /** Default 'wasm'. */
  backend?: RunBackend;
  /** Worker threads; default 1. */
  threads?: number;
}

/**
 * Validates `input` once and returns the complete run.
 * @throws RangeError naming the first bad field and what is allowed.
 */
export function resolveToyRun(input: ToyRunInput): ResolvedToyRun {
  checkObject('resolveToyRun', 'input', input, 'a toy run { nFeatures, nHidden, nInstances, … }');
  const nI = positiveInt('nInstances', input.nInstances);
  const n = positiveInt('nFeatures', input.nFeatures);
  const m = positiveInt('nHidden', input.nHidden);
  const activation = oneOf('activation', input.activation ?? 'relu', ['relu', 'linear'] as const);
  const optimizer = oneOf('optimizer', input.optimizer ?? 'adamw', ['adam', 'adamw'] as const);
  const fp = input.featureProbability;
  const featureProbability =
    typeof fp !== 'number' && fp.length === nI * n && n > 1
      ? Array.from(fp) // [nInstances, nFeatures]
      : perInstance('featureProbability', fp, nI, 1, false, `${nI} or ${nI * n}`);
  for (const p of featureProbability) inRange('featureProbability', p, 0, 1);
  const correlated = featureSets('correlated', input.correlated);
  const anticorrelated = featureSets('anticorrelated', input.anticorrelated);
  // Sets against n, and one probability per set in every instance.
  const perFeature = new Float32Array(nI * n);
  for (let i = 0; i < nI; i++) {
    for (let f = 0; f < n; f++) {
      perFeature[i * n + f] =
        featureProbability.length === nI ? featureProbability[i] : featureProbability[i * n + f];
    }
  }
  buildToySampling(perFeature, nI, n, correlated, anticorrelated);
  const importance = perInstance('importance', input.importance ?? 1, nI, n, true);
  // The kernels hold importance in float32: past its range (1e300) it would be Infinity.
  for (const v of importance) inRange('importance', v, 0, FLOAT32_MAX);
  let seeds: number[];
  if (input.seeds !== undefined) {
    if (input.seeds.length !== nI) {
      throw new RangeError(`seeds must have nInstances = ${nI} entries, got ${input.seeds.length}`);
    }
    seeds = Array.from(input.seeds, (s) => integer('seeds[]', s));
  } else {
    const seed = integer('seed', input.seed ?? 0);
    seeds = Array.from({ length: nI }, (_, i) => seed + i);
  }
  const schedule = input.schedule ?? 'constant';
  lrSchedule(schedule);
  const given = Object.entries(input.tegum ?? {}).filter(([, v]) => v !== undefined);
  const tegum = { ...TEGUM_DEFAULTS, ...Object.fromEntries(given) };
  for (const [k, v] of Object.entries(tegum)) inRange(`tegum.${k}`, v, 0, Number.MAX_VALUE);
  const lr = positiveFinite('lr', input.lr ?? 1e-3);
  const weightDecay = inRange(
    'weightDecay',
    input.weightDecay ?? (optimizer === 'adamw' ? 0.01 : 0),
    0,
    Number.MAX_VALUE,
  );
  if (lr * weightDecay >= 1) {
    throw new RangeError(
      `lr × weightDecay (--lr × --weight-decay) must be < 1, got ${lr} × ${weightDecay} = ${lr * weightDecay}: weight decay scales W by (1 − lr·weightDecay) each step, which zeroes or flips it; lower one of them`,
    );
  }
  return {
    kind: 'toy',
    nInstances: nI,
    nFeatures: n,
    nHidden: m,
    batchSize: positiveInt('batchSize', input.batchSize ?? 1024),
    featureProbability,
    correlated,
    anticorrelated,
    importance,
    activation,
    optimizer,
    weightDecay,
    beta1: inRange('beta1', input.beta1 ?? 0.9, 0, 1, true),
    beta2: inRange('beta2', input.beta2 ?? 0.999, 0, 1, true),
    eps: inRange('eps', input.eps ?? 1e-8, 0, Number.MAX_VALUE),
    seeds,
    steps: nonNegativeInt('steps', input.steps ?? 10_000),
    lr,
    schedule,
    evalBatches: positiveInt('evalBatches', input.evalBatches ?? (n > 50 ? 4 : 16)),
    tegum: {
      normThreshold: tegum.normThreshold,
      cosineTolerance: tegum.cosineTolerance,
      rankTolerance: tegum.rankTolerance,
    },
    backend: oneOf('backend', input.backend ?? 'wasm', ['wasm', 'js', 'native'] as const),
    threads: positiveInt('threads', input.threads ?? 1),
  };
}

/** Instances [from, to) of a resolved run: the same run for those instances alone. */
export function sliceToyRun(run: ResolvedToyRun, from: number, to: number): ResolvedToyRun {
  checkObject('sliceToyRun', 'run', run, 'a ResolvedToyRun (from resolveToyRun)');
  checkInteger('sliceToyRun', 'from', from, 0, run.nInstances);
  checkInteger('sliceToyRun', 'to', to, from, run.nInstances);
  const n = run.nFeatures;
  const shared = run.importance.length === n;
  const fpCols = run.featureProbability.length === run.nInstances ? 1 : n;
  return {
    ...run,
    nInstances: to - from,
    featureProbability: run.featureProbability.slice(from * fpCols, to * fpCols),
    importance: shared ? run.importance : run.importance.slice(from * n, to * n),
    seeds: run.seeds.slice(from, to),
  };
}

/** Feature sets as plain arrays (checked against n by buildToySampling); [] when absent. */
function featureSets(name: string, v: unknown): number[][] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((set) => Array.isArray(set))) {
    throw new RangeError(
      `${name} must be a list of feature sets, each a list of feature indices (e.g. [[0, 1], [2, 3]])`,
    );
  }
  return v.map((set: unknown[]) => Array.from(set as number[]));
}

function positiveInt(name: string, v: unknown): number {
  if (!Number.isInteger(v) || (v as number) < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${String(v)}`);
  }
  return v as number;
}

function nonNegativeInt(name: string, v: unknown): number {
  if (!Number.isInteger(v) || (v as number) < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(v)}`);
  }
  return v as number;
}

function integer(name: string, v: unknown): number {
  if (!Number.isInteger(v)) throw new RangeError(`${name} must be an integer, got ${String(v)}`);
  return v as number;
}

function positiveFinite(name: string, v: unknown): number {
  if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) {
    throw new RangeError(`${name} must be a finite number > 0, got ${String(v)}`);
  }
  return v;
}

function inRange(name: string, v: unknown, lo: number, hi: number, openHi = false): number {
  if (!(typeof v === 'number' && v >= lo && (openHi ? v < hi : v <= hi))) {
    throw new RangeError(`${name} must be in [${lo}, ${hi}${openHi ? ')' : ']'}, got ${String(v)}`);
  }
  return v;
}

function oneOf<T extends string>(name: string, v: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(v as T)) {
    throw new RangeError(`${name} must be one of ${allowed.join(', ')}, got ${String(v)}`);
  }
  return v as T;
}

/**
 * One number, [cols] shared, or [rows, cols], as a plain array: [rows] when cols is 1,
 * otherwise [cols] when shared (`keepShared`) or [rows, cols].
 */
function perInstance(
  name: string,
  v: number | ArrayLike<number>,
  rows: number,
  cols: number,
  keepShared = false,
  allowed = cols === 1 ? `${rows}` : `${cols} or ${rows * cols}`,
): number[] {
  if (typeof v === 'number') return Array<number>(keepShared ? cols : rows * cols).fill(v);
  if (v.length === rows * cols) return Array.from(v);
  if (v.length === cols) {
    const row = Array.from(v);
    return keepShared ? row : Array.from({ length: rows }, () => row).flat();
  }
  throw new RangeError(`${name} must be a number or have ${allowed} entries, got ${v.length}`);
}
