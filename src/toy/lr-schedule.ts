/**
 * Learning-rate schedules of Elhage et al. 2022's notebook, as multipliers of the
 * base rate at step t of T: constant 1, linear 1 − t/T, cosine cos(π t / (2 (T − 1))).
 * Registered by name; a duplicate name throws.
 */
import { checkFunction } from '../core/check-args.js';

/** lr multiplier at `step` (0-based) of `steps`. */
export type LrSchedule = (step: number, steps: number) => number;

const SCHEDULES = new Map<string, LrSchedule>();

/** Adds a schedule under `name`; throws if the name is taken. */
export function registerLrSchedule(name: string, schedule: LrSchedule): void {
  if (typeof name !== 'string' || name === '')
    throw new RangeError('registerLrSchedule: name must be a non-empty string');
  checkFunction('registerLrSchedule', 'schedule', schedule);
  if (SCHEDULES.has(name)) throw new RangeError(`lr schedule '${name}' is already registered`);
  SCHEDULES.set(name, schedule);
}

/** The schedule registered as `name`; throws naming the registered ones otherwise. */
export function lrSchedule(name: string): LrSchedule {
  const s = SCHEDULES.get(name);
  if (!s)
    throw new RangeError(`unknown lr schedule '${name}'; known: ${lrScheduleNames().join(', ')}`);
  return s;
}

/** Registered schedule names. */
export function lrScheduleNames(): string[] {
  return [...SCHEDULES.keys()];
}

registerLrSchedule('constant', () => 1);
registerLrSchedule('linear', (step, steps) => 1 - step / steps);
registerLrSchedule('cosine', (step, steps) =>
  steps <= 1 ? 1 : Math.cos((0.5 * Math.PI * step) / (steps - 1)),
);
