/**
 * The explorer's form fields and URL parameters, read from the run declarations
 * (src/core/run-schema.ts; docs/ARCHITECTURE.md §6): a view's URL parameter is the run
 * field's one name (`#/toy?n=5&m=2&sparsity=0.9&importance=decay:0.9`), its value is
 * parsed as the flag's text and checked by the field's own schema, and a control's label
 * is the field's description, so the explorer, the CLI and a stored config read alike.
 * A value the field does not allow keeps the view's default; where the caller passes a
 * `problems` list, one line per such value says what was wrong, what is allowed (the
 * schema's own words, as `toy run` prints them) and what the view kept.
 */
import type { RunFields } from '../../src/index.js';

/** A kept value as a problem line writes it. */
function shown(v: unknown): string {
  return Array.isArray(v) && v.length === 1 ? String(v[0]) : String(v);
}

/**
 * The value of field `name` in the URL, as the flag would take it, or `fallback` when
 * absent or not allowed (then a line in `problems`, when given).
 */
export function fieldParam<T>(
  params: URLSearchParams,
  fields: RunFields,
  name: string,
  fallback: T,
  problems?: string[],
): T {
  const raw = params.get(name);
  const field = fields[name];
  if (raw === null || field?.flag == null) return fallback;
  let allowed: string;
  try {
    const r = field.schema.safeParse(field.flag.parse(raw));
    if (r.success) return r.data as T;
    allowed = r.error.issues[0].message;
  } catch (err) {
    allowed = (err as Error).message; // the flag's own parse: 'must be a finite number'
  }
  problems?.push(`${name} ${allowed}, got '${raw}'; kept ${shown(fallback)}.`);
  return fallback;
}

/**
 * A number field in the URL, clamped to a control's range [min, max]; a clamped value
 * adds a line to `problems`, when given.
 */
export function fieldNumber(
  params: URLSearchParams,
  fields: RunFields,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems?: string[],
): number {
  const v = fieldParam<unknown>(params, fields, name, fallback, problems);
  // A list flag (`sparsity`) gives a list; a control takes its one value.
  const x = Array.isArray(v) && v.length === 1 ? (v[0] as unknown) : v;
  if (typeof x !== 'number') {
    problems?.push(`${name} takes one value here, got '${params.get(name)}'; kept ${fallback}.`);
    return fallback;
  }
  const clamped = Math.min(max, Math.max(min, x));
  if (clamped !== x) {
    problems?.push(
      `${name} = ${x} is outside this control's range [${min}, ${max}]; using ${clamped}.`,
    );
  }
  return clamped;
}

/** A control's label: the field's name and the first clause of its description. */
export function fieldLabel(fields: RunFields, name: string): string {
  const text = fields[name].description.split(/ \(|;/)[0];
  return text.includes(name) ? text : `${name}: ${text}`;
}

/**
 * A text field's description read as `name: meaning; name: meaning` (the toy run's
 * `model`): each allowed name's meaning, as the declaration words it.
 */
export function fieldChoices(fields: RunFields, name: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of fields[name].description.split('; ')) {
    const at = part.indexOf(': ');
    if (at > 0) out.set(part.slice(0, at), part.slice(at + 2));
  }
  return out;
}
