/**
 * The one place a toy run is checked and completed (docs/ARCHITECTURE.md §6): the given
 * fields parsed strictly against the declaration (./toy-run-schema.ts), the defaults
 * filled in, the fields checked against each other (sparsity and importance against n
 * and the instances, feature sets against n, lr × weight decay), and the per-instance
 * fields written out, so the result is complete plain data that trainers, pool chunks
 * and the explorer's worker take as it is. A resolved run resolves to itself, so any
 * recorded config reruns (`tegum rerun`).
 */
import type { ExecutionTarget } from '../core/execution-target.js';
import { parseRunInput, resolvedRun, withDefaults } from '../core/run-schema.js';
import { buildToySampling } from '../core/toy-sampling.js';
import { checkInteger, checkObject } from '../core/check-args.js';
import { featureProbabilityOf } from './create-toy-state.js';
import { importanceDecay } from './grids.js';
import {
  decayRatio,
  featureSetsOf,
  FLOAT32_MAX,
  TOY_RUN_FIELDS,
  type ResolvedToyRun,
  type ToyModel,
  type ToyRunInput,
} from './toy-run-schema.js';
import { hasNeurons } from '../core/toy-models.js';

/** A target for runs that never say 'auto' and run on one thread. */
const SINGLE_THREAD: ExecutionTarget = { auto: 'wasm', cores: 1 };

/**
 * The default worker threads of a toy run: the cores, at most one per instance, and 1
 * for small models without a hidden nonlinearity (n·m·instances < 2000), which train
 * faster on one thread than through the pool's messages. The neuron models step sample
 * by sample, a cost the pool's messages never outweigh: measured on two cores, two
 * workers beat one from n = 5, m = 2 and 4 instances up. The CLI, sweeps and the
 * explorer use this one rule.
 */
export function defaultToyThreads(
  n: number,
  m: number,
  instances: number,
  cores: number,
  model: ToyModel = 'relu-output',
): number {
  const perSample = hasNeurons(model);
  return !perSample && n * m * instances < 2000 ? 1 : Math.max(1, Math.min(cores, instances));
}

/**
 * The kernels 'auto' gives a run: the machine's, except that the neuron models of fewer
 * than 100 weights per layer train faster on WebAssembly than through the native addon
 * (measured on two cores: n = 10, m = 5 about 10–20% faster, n = 20, m = 5 about 20%
 * slower), whose calls cost more than such a step.
 */
function autoBackend(target: ExecutionTarget, model: ToyModel, n: number, m: number) {
  const small = hasNeurons(model) && n * m < 100;
  return target.auto === 'native' && small ? 'wasm' : target.auto;
}

/**
 * Checks `input` once and returns the complete run.
 * @param target what 'auto' and the default thread count resolve to.
 * @throws RangeError naming the first bad or unknown field and what is allowed.
 */
export function resolveToyRun(
  input: ToyRunInput,
  target: ExecutionTarget = SINGLE_THREAD,
): ResolvedToyRun {
  const given = withDefaults(TOY_RUN_FIELDS, parseRunInput('toy', TOY_RUN_FIELDS, input));
  const { n, m } = given;
  if (n === undefined) throw new RangeError('n is required (features n)');
  if (m === undefined) throw new RangeError('m is required (hidden dimensions m)');
  if (given.sparsity === undefined) throw new RangeError('sparsity is required (S per instance)');
  const S = typeof given.sparsity === 'number' ? [given.sparsity] : given.sparsity;
  const instances = given.instances ?? S.length;
  const sparsity = spreadSparsity(S, instances, n);
  const importance = spreadImportance(given.importance, instances, n);
  const correlated = featureSetsOf(given.correlated);
  const anticorrelated = featureSetsOf(given.anticorrelated);
  // Sets against n, overlaps, and one density per set in every instance.
  buildToySampling(
    featureProbabilityOf(sparsity, instances, n),
    instances,
    n,
    correlated,
    anticorrelated,
  );
  const { optimizer, lr } = given;
  const weightDecay = given.weightDecay ?? (optimizer === 'adamw' ? 0.01 : 0);
  if (lr * weightDecay >= 1) {
    throw new RangeError(
      `lr × weightDecay must be < 1, got ${lr} × ${weightDecay} = ${lr * weightDecay}: weight decay scales W by (1 − lr·weightDecay) each step, which zeroes or flips it; lower one of them`,
    );
  }
  const threads = given.threads ?? defaultToyThreads(n, m, instances, target.cores, given.model);
  return resolvedRun('toy', TOY_RUN_FIELDS, {
    ...given,
    n,
    m,
    instances,
    sparsity,
    importance,
    correlated,
    anticorrelated,
    weightDecay,
    evalBatches: given.evalBatches ?? (n > 50 ? 4 : 16),
    backend: given.backend === 'auto' ? autoBackend(target, given.model, n, m) : given.backend,
    threads: Math.min(threads, instances),
  });
}

/**
 * S per instance [instances], or per instance and feature [instances × n]: a list of
 * `instances` entries is one per instance; of instances × n, one per instance and feature;
 * otherwise each entry is repeated to fill the instances (consecutive instances share
 * it), which needs `instances` to be a multiple of the list's length.
 */
function spreadSparsity(S: readonly number[], instances: number, n: number): number[] {
  if (S.length === instances) return [...S];
  if (S.length === instances * n && n > 1) return [...S];
  if (instances % S.length !== 0) {
    throw new RangeError(
      `instances ${instances} must be a multiple of the ${S.length} sparsities given (each repeated with its own seed), or sparsity must have instances × n = ${instances * n} entries`,
    );
  }
  const repeat = instances / S.length;
  return S.flatMap((s) => Array<number>(repeat).fill(s));
}

/** Importance [n] shared by every instance, or [instances × n]. */
function spreadImportance(
  v: string | number | readonly number[],
  instances: number,
  n: number,
): number[] {
  let out: number[];
  if (typeof v === 'string') {
    if (v === 'uniform') return Array<number>(n).fill(1);
    const r = decayRatio(v);
    if (r === null) throw new RangeError(`importance 'decay:R' needs R > 0, got '${v}'`);
    out = importanceDecay(n, r);
  } else if (typeof v === 'number') {
    return Array<number>(n).fill(v);
  } else if (v.length === n || v.length === instances * n) {
    out = [...v];
  } else {
    throw new RangeError(
      `importance must have n = ${n} or instances × n = ${instances * n} entries, got ${v.length}`,
    );
  }
  // The kernels hold importance in float32: R^(n−1) past its range would be Infinity.
  const bad = out.find((x) => !(x <= FLOAT32_MAX));
  if (bad !== undefined) {
    throw new RangeError(
      `importance gives a weight past the float32 range (${bad}) for n = ${n}; choose R closer to 1`,
    );
  }
  return out;
}

/** Instances [from, to) of a resolved run: the same run for those instances alone. */
export function sliceToyRun(run: ResolvedToyRun, from: number, to: number): ResolvedToyRun {
  checkObject('sliceToyRun', 'run', run, 'a ResolvedToyRun (from resolveToyRun)');
  checkInteger('sliceToyRun', 'from', from, 0, run.instances);
  checkInteger('sliceToyRun', 'to', to, from, run.instances);
  const n = run.n;
  const sCols = run.sparsity.length === run.instances ? 1 : n;
  return {
    ...run,
    instances: to - from,
    sparsity: run.sparsity.slice(from * sCols, to * sCols),
    importance:
      run.importance.length === n ? run.importance : run.importance.slice(from * n, to * n),
    seed: run.seed + from,
    threads: Math.min(run.threads, to - from),
  };
}
