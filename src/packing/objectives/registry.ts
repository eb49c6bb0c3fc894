/**
 * Packing objectives by name, in one place: each lives in its own file and is
 * registered here; registering a name twice throws (STYLE.md, after SAELens's
 * registry).
 */
import { checkObject } from '../../core/check-args.js';
import type { Objective, ObjectiveDefinition, ObjectiveParams } from './objective.js';
import { powerObjective } from './power.js';
import { thresholdObjective } from './threshold.js';
import { minimaxObjective } from './minimax.js';

const definitions = new Map<string, ObjectiveDefinition>();

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
  if (definitions.has(definition.name)) {
    throw new RangeError(`objective '${definition.name}' is already registered`);
  }
  definitions.set(definition.name, definition);
}

/** The registered names, in registration order. */
export function objectiveNames(): string[] {
  return [...definitions.keys()];
}

/** The definition registered under `name`. @throws RangeError naming the allowed names. */
export function objectiveDefinition(name: string): ObjectiveDefinition {
  const definition = definitions.get(name);
  if (!definition) {
    throw new RangeError(`unknown objective '${name}' (allowed: ${objectiveNames().join(', ')})`);
  }
  return definition;
}

/** Builds the objective `name` with `params` (defaults filled in, validated). */
export function createObjective(name: string, params: ObjectiveParams = {}): Objective {
  return objectiveDefinition(name).create(params);
}

registerObjective(powerObjective);
registerObjective(thresholdObjective);
registerObjective(minimaxObjective);
