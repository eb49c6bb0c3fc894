/**
 * Packing objectives by name, in one place: each lives in its own file and is
 * registered here; registering a name twice throws (docs/ARCHITECTURE.md §8, after SAELens's
 * registry).
 */
import { checkObject } from '../../core/check-args.js';
import type { Objective, ObjectiveDefinition, ObjectiveParams } from './objective.js';
import { powerObjective } from './power.js';
import { thresholdObjective } from './threshold.js';
import { minimaxObjective } from './minimax.js';
import { Registry } from '../../core/registry.js';

const definitions = new Registry<ObjectiveDefinition>('objective');

/** Adds an objective under its name. @throws RangeError when the name is taken. */
export function registerObjective(definition: ObjectiveDefinition): void {
  checkObject(
    'registerObjective',
    'definition',
    definition,
    'an ObjectiveDefinition { name, create }',
  );
  if (typeof definition.name !== 'string' || definition.name === '')
    throw new RangeError('registerObjective: definition.name must be a non-empty string');
  definitions.register(definition.name, definition);
}

/** The registered names, in registration order. */
export function objectiveNames(): string[] {
  return definitions.names();
}

/** The definition registered under `name`. @throws RangeError naming the allowed names. */
export function objectiveDefinition(name: string): ObjectiveDefinition {
  return definitions.get(name);
}

/** Builds the objective `name` with `params` (defaults filled in, validated). */
export function createObjective(name: string, params: ObjectiveParams = {}): Objective {
  return objectiveDefinition(name).create(params);
}

registerObjective(powerObjective);
registerObjective(thresholdObjective);
registerObjective(minimaxObjective);
