/**
 * The bounds, registered by name in one place (as SAELens registers its
 * variants); registering a name twice throws.
 */
import type { Bound } from './bound.js';
import { Registry } from '../../core/registry.js';
import { jlBound } from './bound-jl.js';
import { jlCubicBound } from './bound-jl-cubic.js';
import { randomBound } from './bound-random.js';
import { welchBound } from './bound-welch.js';

const registry = new Registry<Bound>('bound');

/** Adds a bound under its name. @throws Error if the name is taken. */
export function registerBound(bound: Bound): void {
  registry.register(bound.name, bound);
}

for (const b of [jlBound, jlCubicBound, welchBound, randomBound]) registerBound(b);

/** The registered bound names, in registration order. */
export function boundNames(): string[] {
  return registry.names();
}

/** The bound called `name`. @throws RangeError listing the known names. */
export function boundByName(name: string): Bound {
  return registry.get(name);
}
