/**
 * A run's identity (docs/ARCHITECTURE.md §6): sha256 (hex) of its resolved config's canonical
 * JSON together with tegum's version. Equal identities are the same computation;
 * a sweep keys its jobs by it.
 *
 * The config's `threads` is left out of the hash (it stays recorded in the config):
 * a toy or packing run's numbers do not depend on it (instances and restarts keep
 * their seeds; src/toy/train-toy-parallel.test.ts and
 * src/experiments/pool-pack-runner.test.ts check them against the single-threaded
 * run), so runs that differ only in threads are the same computation.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { TEGUM_VERSION } from './version.js';

/** Config keys that do not change a run's numbers, so not its identity. */
const NOT_IDENTITY: ReadonlySet<string> = new Set(['threads']);

/** The hex sha256 identity of a resolved config. */
export function runIdentity(config: object, version: string = TEGUM_VERSION): string {
  const computation = Object.fromEntries(
    Object.entries(config).filter(([key]) => !NOT_IDENTITY.has(key)),
  );
  return createHash('sha256')
    .update(canonicalJson({ config: computation, tegumVersion: version }))
    .digest('hex');
}
