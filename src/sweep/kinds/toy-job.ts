/**
 * The `toy` job kind: one toy model of superposition (Elhage et al. 2022 §2), one seed,
 * trained on one thread with the library's one training loop, then measured
 * (evaluated loss, m/‖W‖_F², D_i, tegum factors). Keys are `tegum toy run`'s flags
 * in camelCase: n, m and sparsity (or featureProbability: one number, or a list of n, one
 * per feature) are required; correlated and anticorrelated take `toy run`'s SETS strings
 * ('0,1;2,3').
 */
import type { ResolvedToyRun } from '../../core/run-config.js';
import { parseFeatureSets } from '../../core/toy-sampling.js';
import { evaluateToyLoss } from '../../toy/evaluate-toy-loss.js';
import { importanceDecay } from '../../toy/grids.js';
import { resolveToyRun } from '../../toy/resolve-toy-run.js';
import { instanceBias, instanceWeights, summarizeInstance } from '../../toy/summarize-instance.js';
import { trainToyModels } from '../../toy/train-toy.js';
import type { JobKind } from '../job-kind.js';
import { optionalNumber, optionalString, requiredNumber, type JobValues } from './read-values.js';

function importanceOf(values: JobValues, n: number): number | number[] | undefined {
  const v = values.importance;
  if (v === undefined || v === 'uniform') return undefined;
  if (typeof v === 'number' || Array.isArray(v)) return v;
  const m = typeof v === 'string' ? /^decay:(.+)$/.exec(v) : null;
  const r = m ? Number(m[1]) : Number.NaN;
  if (!(Number.isFinite(r) && r > 0)) {
    throw new RangeError(
      `importance must be 'uniform', 'decay:R' with R > 0, a number or a list of n numbers, got ${String(v)}`,
    );
  }
  return importanceDecay(n, r);
}

/** The sets a SETS string ('0,1;2,3') names, or undefined when absent. */
function setsOf(values: JobValues, key: string): number[][] | undefined {
  const v = optionalString(values, key);
  if (v === undefined) return undefined;
  try {
    return parseFeatureSets(v);
  } catch (err) {
    throw new RangeError(`${key}: ${(err as Error).message}`);
  }
}

function featureProbabilityOf(values: JobValues, n: number): number | number[] {
  const s = optionalNumber(values, 'sparsity');
  const list = values.featureProbability;
  if (Array.isArray(list)) {
    if (s !== undefined) {
      throw new RangeError('sparsity and featureProbability cannot both be given (p = 1 − S)');
    }
    if (list.length !== n) {
      throw new RangeError(
        `featureProbability must be a number or a list of n = ${n} numbers (one per feature), got ${list.length}`,
      );
    }
    return list;
  }
  const p = optionalNumber(values, 'featureProbability');
  if (s !== undefined && p !== undefined) {
    throw new RangeError('sparsity and featureProbability cannot both be given (p = 1 − S)');
  }
  if (s !== undefined) {
    if (!(s >= 0 && s < 1)) throw new RangeError(`sparsity must be in [0, 1), got ${s}`);
    return 1 - s;
  }
  if (p === undefined) throw new RangeError('sparsity is required (or featureProbability)');
  return p;
}

/** Toy: see the module header. */
export const toyJob: JobKind<ResolvedToyRun> = {
  name: 'toy',
  keys: [
    'n',
    'm',
    'sparsity',
    'featureProbability',
    'correlated',
    'anticorrelated',
    'importance',
    'steps',
    'lr',
    'batchSize',
    'schedule',
    'activation',
    'optimizer',
    'weightDecay',
    'beta1',
    'beta2',
    'eps',
    'evalBatches',
    'normThreshold',
    'cosineTolerance',
    'rankTolerance',
    'backend',
  ],
  columns: [
    { name: 'loss', type: 'DOUBLE' },
    { name: 'dimsPerFeature', type: 'DOUBLE' },
    { name: 'k', type: 'INTEGER' },
    { name: 'factors', type: 'JSON' },
    { name: 'featureDimensionality', type: 'JSON' },
  ],
  resolve(values, seed) {
    const n = requiredNumber(values, 'n');
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
    const m = requiredNumber(values, 'm');
    if (!Number.isInteger(m) || m < 1) throw new RangeError(`m must be an integer ≥ 1, got ${m}`);
    return resolveToyRun({
      nInstances: 1,
      nFeatures: n,
      nHidden: m,
      featureProbability: featureProbabilityOf(values, n),
      correlated: setsOf(values, 'correlated'),
      anticorrelated: setsOf(values, 'anticorrelated'),
      importance: importanceOf(values, n),
      seeds: [seed],
      steps: optionalNumber(values, 'steps'),
      lr: optionalNumber(values, 'lr'),
      batchSize: optionalNumber(values, 'batchSize'),
      schedule: optionalString(values, 'schedule'),
      activation: optionalString(values, 'activation') as ResolvedToyRun['activation'],
      optimizer: optionalString(values, 'optimizer') as ResolvedToyRun['optimizer'],
      weightDecay: optionalNumber(values, 'weightDecay'),
      beta1: optionalNumber(values, 'beta1'),
      beta2: optionalNumber(values, 'beta2'),
      eps: optionalNumber(values, 'eps'),
      evalBatches: optionalNumber(values, 'evalBatches'),
      tegum: {
        normThreshold: optionalNumber(values, 'normThreshold'),
        cosineTolerance: optionalNumber(values, 'cosineTolerance'),
        rankTolerance: optionalNumber(values, 'rankTolerance'),
      },
      backend: optionalString(values, 'backend') as ResolvedToyRun['backend'],
      threads: 1,
    });
  },
  run(config) {
    const { state } = trainToyModels(config);
    const loss = evaluateToyLoss(new Float64Array(1), state, config.evalBatches);
    const r = summarizeInstance(state, 0, loss[0], config.seeds[0], config.tegum);
    return {
      metrics: {
        loss: r.loss,
        dimsPerFeature: r.dimsPerFeature,
        k: r.k,
        factors: r.factors,
        featureDimensionality: r.featureDimensionality,
      },
      arrays: [
        {
          name: 'W',
          data: instanceWeights(state, 0).slice(),
          shape: [state.nHidden, state.nFeatures],
        },
        { name: 'b', data: instanceBias(state, 0).slice(), shape: [state.nFeatures] },
      ],
    };
  },
};
