/** tegum's public API: re-exports only. */
export { Rng } from './core/rng.js';
export { logGamma, digamma } from './core/special-functions.js';
