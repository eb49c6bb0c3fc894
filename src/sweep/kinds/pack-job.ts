/**
 * The `pack` job kind: one packing of n unit vectors in R^d (docs/ARCHITECTURE.md §2), one seed,
 * on one thread, then its tegum factors. Keys are `tegum pack run`'s flags in
 * camelCase, except that the tegum constraint's k is `constrainedK` (as in its JSON),
 * since `k` is the measured number of factors.
 */
import type { ResolvedPackRun } from '../../core/run-config.js';
import { tegumFactors } from '../../geometry/tegum-factors.js';
import { pack } from '../../packing/pack.js';
import { packConfigOf, resolvePackRun } from '../../packing/resolve-pack-run.js';
import type { JobKind } from '../job-kind.js';
import { optionalNumber, optionalString, requiredNumber } from './read-values.js';

/** Pack: see the module header. */
export const packJob: JobKind<ResolvedPackRun> = {
  name: 'pack',
  keys: [
    'n',
    'd',
    'constrainedK',
    'objective',
    'alpha',
    'threshold',
    'p',
    'steps',
    'restarts',
    'lr',
    'method',
    'schedule',
    'cosineTolerance',
    'backend',
  ],
  columns: [
    { name: 'loss', type: 'DOUBLE' },
    { name: 'maxAbsCos', type: 'DOUBLE' },
    { name: 'meanAbsCos', type: 'DOUBLE' },
    { name: 'k', type: 'INTEGER' },
    { name: 'factors', type: 'JSON' },
  ],
  resolve(values, seed) {
    const params: Record<string, number> = {};
    for (const key of ['alpha', 'threshold', 'p']) {
      const v = optionalNumber(values, key);
      if (v !== undefined) params[key] = v;
    }
    return resolvePackRun({
      n: requiredNumber(values, 'n'),
      d: requiredNumber(values, 'd'),
      k: optionalNumber(values, 'constrainedK'),
      objective: optionalString(values, 'objective') ?? 'power',
      objectiveParams: params,
      seed,
      restarts: optionalNumber(values, 'restarts'),
      optimizer: {
        steps: optionalNumber(values, 'steps'),
        learningRate: optionalNumber(values, 'lr'),
        method: optionalString(values, 'method') as ResolvedPackRun['optimizer']['method'],
        schedule: optionalString(values, 'schedule') as ResolvedPackRun['optimizer']['schedule'],
      },
      cosineTolerance: optionalNumber(values, 'cosineTolerance'),
      backend: optionalString(values, 'backend') as ResolvedPackRun['backend'],
      threads: 1,
    });
  },
  run(config) {
    const result = pack(packConfigOf(config));
    const { V, d, n } = result;
    const t = tegumFactors(V, d, n, { cosineTolerance: config.cosineTolerance });
    return {
      metrics: {
        loss: result.loss,
        maxAbsCos: result.maxAbsCos,
        meanAbsCos: result.meanAbsCos,
        k: t.k,
        factors: t.factors,
      },
      arrays: [{ name: 'V', data: V, shape: [d, n] }],
    };
  },
};
