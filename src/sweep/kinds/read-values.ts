/**
 * Reading a job's base and axis values (plain spec data) into a kind's input: each
 * reader checks the type and names the key in its RangeError.
 */
import type { AxisValue } from '../spec-schema.js';

/** A job's values: base flags overlaid with the point's axis values. */
export type JobValues = Readonly<Record<string, AxisValue | number[]>>;

/** A number, or undefined when absent. */
export function optionalNumber(values: JobValues, key: string): number | undefined {
  const v = values[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number') throw new RangeError(`${key} must be a number, got ${String(v)}`);
  return v;
}

/** A number that must be present. */
export function requiredNumber(values: JobValues, key: string): number {
  const v = optionalNumber(values, key);
  if (v === undefined) throw new RangeError(`${key} is required`);
  return v;
}

/** A string, or undefined when absent. */
export function optionalString(values: JobValues, key: string): string | undefined {
  const v = values[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new RangeError(`${key} must be a string, got ${String(v)}`);
  return v;
}
