/**
 * A run's identity (DESIGN.md §6): sha256 (hex) of its resolved config's canonical
 * JSON together with tegum's version. Equal identities are the same computation;
 * a sweep keys its jobs by it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json.js';
import { TEGUM_VERSION } from '../core/version.js';

/** The hex sha256 identity of a resolved config. */
export function runIdentity(config: object, version: string = TEGUM_VERSION): string {
  return createHash('sha256')
    .update(canonicalJson({ config, tegumVersion: version }))
    .digest('hex');
}
