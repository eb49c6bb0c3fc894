/**
 * Learning-rate schedules of Elhage et al. 2022's notebook, as multipliers of the
 * base rate at step t of T: constant 1, linear 1 − t/T, cosine cos(π t / (2 (T − 1))).
 * Registered by name; a duplicate name throws.
 */
import { Registry } from '../core/registry.js';

/** lr multiplier at `step` (0-based) of `steps`. */
export type LrSchedule = (step: number, steps: number) => number;

const SCHEDULES = new Registry<LrSchedule>('lr schedule');

/** Adds a schedule under `name`; throws if the name is taken. */
export function registerLrSchedule(name: string, schedule: LrSchedule): void {
  SCHEDULES.register(name, schedule);
}

/** The schedule registered as `name`; throws naming the registered ones otherwise. */
export function lrSchedule(name: string): LrSchedule {
  return SCHEDULES.get(name);
}

/** Registered schedule names. */
export function lrScheduleNames(): string[] {
  return SCHEDULES.names();
}

registerLrSchedule('constant', () => 1);
registerLrSchedule('linear', (step, steps) => 1 - step / steps);
registerLrSchedule('cosine', (step, steps) =>
  steps <= 1 ? 1 : Math.cos((0.5 * Math.PI * step) / (steps - 1)),
);
