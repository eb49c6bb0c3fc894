/**
 * Canonical JSON: object keys sorted at every depth, no whitespace, typed arrays as
 * plain arrays, `undefined` members dropped. Two equal configs give the same text
 * whatever order their keys were built in, so the text can be hashed into an identity.
 */

/** The canonical JSON text of plain data. @throws RangeError on a non-finite number. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, '$'));
}

function sortKeys(value: unknown, path: string): unknown {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${path} must be finite, got ${value}`);
    return value;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (v, i) =>
      sortKeys(v, `${path}[${i}]`),
    );
  }
  if (Array.isArray(value)) return value.map((v, i) => sortKeys(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v, `${path}.${key}`);
    }
    return out;
  }
  return value;
}
