/**
 * Strict parsers for the CLI flags that are not fields of a run declaration (those parse
 * through src/cli/schema-options.ts). Each throws commander's InvalidArgumentError,
 * which the CLI prints as one line naming the flag and the bad value (`tegum: error:
 * option '--port <int>' argument 'x' is invalid. …`).
 */
import { InvalidArgumentError } from 'commander';
import { numberText } from '../core/run-schema.js';

/** An integer in [min, max] (the bound says what is allowed). */
export function parseIntIn(min: number, max: number): (value: string) => number {
  const allowed = `must be an integer from ${min} to ${max}.`;
  return (value) => {
    let x: number;
    try {
      x = numberText(value);
    } catch {
      throw new InvalidArgumentError(allowed);
    }
    if (!Number.isInteger(x) || x < min || x > max) throw new InvalidArgumentError(allowed);
    return x;
  };
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
