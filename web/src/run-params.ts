/**
 * The explorer's form fields and URL parameters, read from the run declarations
 * (src/core/run-schema.ts; docs/ARCHITECTURE.md §6): a view's URL parameter is the run
 * field's one name (`#/toy?n=5&m=2&sparsity=0.9&importance=decay:0.9`), its value is
 * parsed as the flag's text and checked by the field's own schema, and a control's label
 * is the field's description, so the explorer, the CLI and a stored config read alike.
 */
import type { RunFields } from '../../src/index.js';

/**
 * The value of field `name` in the URL, as the flag would take it, or `fallback` when
 * absent or not allowed.
 */
export function fieldParam<T>(
  params: URLSearchParams,
  fields: RunFields,
  name: string,
  fallback: T,
): T {
  const raw = params.get(name);
  const field = fields[name];
  if (raw === null || field?.flag == null) return fallback;
  try {
    const r = field.schema.safeParse(field.flag.parse(raw));
    return r.success ? (r.data as T) : fallback;
  } catch {
    return fallback;
  }
}

/** A number field in the URL, clamped to a control's range [min, max]. */
export function fieldNumber(
  params: URLSearchParams,
  fields: RunFields,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const v = fieldParam<unknown>(params, fields, name, fallback);
  // A list flag (`sparsity`) gives a list; a control takes its one value.
  const x = Array.isArray(v) && v.length === 1 ? (v[0] as unknown) : v;
  return typeof x === 'number' ? Math.min(max, Math.max(min, x)) : fallback;
}

/** A control's label: the field's name and the first clause of its description. */
export function fieldLabel(fields: RunFields, name: string): string {
  const text = fields[name].description.split(/ \(|;/)[0];
  return text.includes(name) ? text : `${name}: ${text}`;
}
