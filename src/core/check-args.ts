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
