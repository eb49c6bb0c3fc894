/**
 * The one guard every result passes before it leaves the program (printed or
 * written): no NaN or ±Infinity anywhere inside. JSON would print them as null
 * and a table as "NaN"; a statistic that is undefined is null with its reason
 * in words, never a silent NaN.
 */
import { DivergenceError, UsageError } from './errors.js';

/** The path of the first non-finite number inside `value`, or null when all are finite. */
export function findNonFinite(value: unknown, path = ''): { path: string; value: number } | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : { path, value };
  if (value === null || typeof value !== 'object') return null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const a = value as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (typeof x === 'number' && !Number.isFinite(x)) return { path: `${path}[${i}]`, value: x };
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonFinite(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const found = findNonFinite(v, path === '' ? key : `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/** How {@link assertFinite} words its refusal. */
export interface FiniteGuardOptions {
  /** What to change (default: smaller sizes or a smaller learning rate). */
  remedy?: string;
  /**
   * True when the input itself asks for a number past the double range (a closed
   * form at an extreme α): a UsageError (exit 2) instead of a DivergenceError (exit 1).
   */
  input?: boolean;
}

/**
 * Returns `value` when every number inside is finite.
 * @param what names the result in the message (`'toy run'`).
 * @throws DivergenceError (or UsageError with `input`) naming the first non-finite field.
 */
export function assertFinite<T>(value: T, what: string, options: FiniteGuardOptions = {}): T {
  const found = findNonFinite(value);
  if (found) {
    const message = `${what}: the result ${found.path || 'value'} would be ${found.value}, past the floating-point range, so nothing was printed or written; ${options.remedy ?? 'try smaller sizes or a smaller learning rate'}`;
    throw options.input ? new UsageError(message) : new DivergenceError(message);
  }
  return value;
}
