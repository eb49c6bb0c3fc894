/**
 * The `pack` job kind: one packing of n unit vectors in R^d (docs/ARCHITECTURE.md §2), one
 * seed, on one thread, then its tegum factors. Its keys are the packing run's fields
 * (src/packing/pack-run-schema.ts) — the flags of `tegum pack run` by the same names —
 * less those a job fixes: the job's seed, one thread.
 */
import { knownExecutionTarget } from '../../core/execution-target.js';
import { tegumFactors } from '../../geometry/tegum-factors.js';
import { pack } from '../../packing/pack.js';
import { PACK_RUN_FIELDS, type ResolvedPackRun } from '../../packing/pack-run-schema.js';
import { resolvePackRun } from '../../packing/resolve-pack-run.js';
import type { JobKind } from '../job-kind.js';

/** The fields a job fixes itself. */
const FIXED = ['seed', 'threads'];

/** Pack: see the module header. */
export const packJob: JobKind<ResolvedPackRun> = {
  name: 'pack',
  keys: Object.keys(PACK_RUN_FIELDS).filter((k) => !FIXED.includes(k)),
  columns: [
    { name: 'loss', type: 'DOUBLE' },
    { name: 'maxAbsCos', type: 'DOUBLE' },
    { name: 'meanAbsCos', type: 'DOUBLE' },
    { name: 'k', type: 'INTEGER' },
    { name: 'factors', type: 'JSON' },
  ],
  resolve(values, seed) {
    return resolvePackRun({ ...values, seed, threads: 1 }, knownExecutionTarget());
  },
  run(config) {
    const result = pack(config);
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
