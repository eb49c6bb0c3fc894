/**
 * Strict parsers for CLI flag values. Each throws commander's
 * InvalidArgumentError, which commander prints as one line naming the flag and
 * the bad value (`error: option '--n <int>' argument 'x' is invalid. …`).
 */
import { InvalidArgumentError } from 'commander';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** A finite number written in plain or exponent notation (no hex, no blanks). */
export function parseNumber(value: string): number {
  const v = value.trim();
  if (!NUMBER.test(v)) throw new InvalidArgumentError('must be a finite number.');
  const x = Number(v);
  if (!Number.isFinite(x)) throw new InvalidArgumentError('must be a finite number.');
  return x;
}

/** A finite number > 0. */
export function parsePositiveNumber(value: string): number {
  const x = parseNumber(value);
  if (!(x > 0)) throw new InvalidArgumentError('must be a number > 0.');
  return x;
}

/** An integer ≥ 1 (1e5 is accepted). */
export function parsePositiveInt(value: string): number {
  if (!NUMBER.test(value.trim())) throw new InvalidArgumentError('must be an integer ≥ 1.');
  const x = Number(value);
  if (!Number.isInteger(x) || x < 1) throw new InvalidArgumentError('must be an integer ≥ 1.');
  return x;
}

/** An integer ≥ 0. */
export function parseNonNegativeInt(value: string): number {
  if (!NUMBER.test(value.trim())) throw new InvalidArgumentError('must be an integer ≥ 0.');
  const x = Number(value);
  if (!Number.isInteger(x) || x < 0) throw new InvalidArgumentError('must be an integer ≥ 0.');
  return x;
}

/** An integer in [min, max] (the bound says what is allowed). */
export function parseIntIn(min: number, max: number): (value: string) => number {
  const allowed = `must be an integer from ${min} to ${max}.`;
  return (value) => {
    if (!NUMBER.test(value.trim())) throw new InvalidArgumentError(allowed);
    const x = Number(value);
    if (!Number.isInteger(x) || x < min || x > max) throw new InvalidArgumentError(allowed);
    return x;
  };
}

/** A comma-separated list of numbers > 0 (`0.5,1,1.5`). */
export function parsePositiveList(value: string): number[] {
  const parts = value.split(',');
  if (parts.some((p) => p.trim() === '')) {
    throw new InvalidArgumentError('must be a comma-separated list of numbers > 0.');
  }
  return parts.map((p) => {
    try {
      return parsePositiveNumber(p);
    } catch {
      throw new InvalidArgumentError(`'${p}' is not a number > 0 (a comma-separated list).`);
    }
  });
}

/** One of a fixed set of names. */
export function parseChoice(allowed: readonly string[]): (value: string) => string {
  return (value) => {
    if (!allowed.includes(value)) {
      throw new InvalidArgumentError(`must be one of ${allowed.join(', ')}.`);
    }
    return value;
  };
}
