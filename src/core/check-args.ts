/** Argument checks shared by the kernels' public entry points (RangeError naming the fix). */

/** Every dimension must be a non-negative integer. */
export function checkDims(fn: string, dims: Record<string, number>): void {
  for (const [name, value] of Object.entries(dims)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`${fn}: ${name} must be a non-negative integer, got ${value}`);
    }
  }
}

/** A buffer must hold exactly `length` elements. */
export function checkLength(
  fn: string,
  name: string,
  buffer: { length: number } | undefined,
  length: number,
): void {
  if (!(buffer instanceof Float32Array)) {
    throw new RangeError(`${fn}: ${name} must be a Float32Array of length ${length}`);
  }
  if (buffer.length !== length) {
    throw new RangeError(`${fn}: ${name} must have length ${length}, got ${buffer.length}`);
  }
}

/** An argument must be a (non-null, non-array) object: a config, a model, a state. */
export function checkObject(fn: string, name: string, value: unknown, what = 'an object'): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RangeError(`${fn}: ${name} must be ${what}, got ${describe(value)}`);
  }
}

/** An argument must be a function. */
export function checkFunction(fn: string, name: string, value: unknown): void {
  if (typeof value !== 'function') {
    throw new RangeError(`${fn}: ${name} must be a function, got ${describe(value)}`);
  }
}

/** An argument must be a finite number (optionally within [min, max]). */
export function checkFinite(
  fn: string,
  name: string,
  value: unknown,
  min = -Infinity,
  max = Infinity,
): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range =
      min === -Infinity && max === Infinity ? '' : ` in [${min}, ${max === Infinity ? '∞' : max}]`;
    throw new RangeError(`${fn}: ${name} must be a finite number${range}, got ${describe(value)}`);
  }
}

/** An argument must be an integer in [min, max]. */
export function checkInteger(
  fn: string,
  name: string,
  value: unknown,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${fn}: ${name} must be an integer in [${min}, ${max}], got ${describe(value)}`,
    );
  }
}

/** A short description of a bad value for a message. */
function describe(value: unknown): string {
  if (value === undefined) return 'undefined (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return value.constructor?.name ?? 'an object';
  if (typeof value === 'string') return `'${value.slice(0, 40)}'`;
  return String(value);
}
