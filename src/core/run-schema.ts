/**
 * A run kind declared once (docs/ARCHITECTURE.md §6): each field of a run — its name, the
 * values it takes (a zod schema whose one error message says what is allowed), its
 * default (a value, or in words where the kind's resolver derives it), how it spreads
 * over instances, a one-line description and how a command-line flag's text becomes a
 * value. Everything else is derived from these declarations: the input and resolved
 * TypeScript types, the strict parse of a library, JSON or sweep input (an unknown key is
 * a RangeError naming it), the defaults, the commander options
 * (src/cli/schema-options.ts), the sweep kinds' keys, the explorer's URL parameters and
 * the README's option tables. A field has one name everywhere: the flag
 * is its kebab-case (`batchSize` ↔ `--batch-size`).
 */
import { z } from 'zod';

/** How a field's value spreads over a run's instances. */
export type Spread = 'run' | 'instance' | 'feature';

/** What the README and `--help` say of a spread. */
export const SPREAD_TEXT: Readonly<Record<Spread, string>> = {
  run: 'one per run',
  instance: 'one, or one per instance',
  feature: 'one, one per feature, or one per instance and feature',
};

/** How a flag's text becomes a value (the field's schema then checks it). */
export interface FlagSpec {
  /** The value's placeholder in `--help` ('<int>', '<x>', '<list>', '<name>'). */
  readonly placeholder: string;
  readonly parse: (text: string) => unknown;
}

/** One field of a run kind. */
export interface RunField<S extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** The values a caller may give (library, JSON, sweep spec, parsed flag). */
  readonly schema: S;
  /** The value's form in the resolved run, where it differs from the given one. */
  readonly resolved?: R;
  readonly description: string;
  /**
   * The default value, where it is one value (the resolver fills it in from here: no
   * other table of defaults exists).
   */
  readonly default?: unknown;
  /**
   * The default in words where it depends on other fields or the machine (the kind's
   * resolver computes it); absent when the field is required.
   */
  readonly defaultText?: string;
  readonly spread: Spread;
  /** The command-line flag; null: the field is set through the library or JSON only. */
  readonly flag: FlagSpec | null;
}

/** A run kind's fields by name. */
export type RunFields = Readonly<Record<string, RunField>>;

/** What a caller may give: every field optional, in its given form. */
export type RunInput<F extends RunFields> = {
  [K in keyof F]?: z.input<F[K]['schema']>;
};

/** The given values after their schemas' checks (the output form of each schema). */
export type ParsedInput<F extends RunFields> = {
  [K in keyof F]?: z.output<F[K]['schema']>;
};

/** The fields that have a default value. */
type Defaulted<F extends RunFields> = {
  [K in keyof F]: F[K] extends { default: NonNullable<unknown> } ? K : never;
}[keyof F];

/** The given values with the declared defaults filled in (derived ones still optional). */
export type WithDefaults<F extends RunFields> = ParsedInput<F> & {
  [K in Defaulted<F>]-?: z.output<F[K]['schema']>;
};

/** The given values with every declared default value filled in. */
export function withDefaults<F extends RunFields>(
  fields: F,
  given: ParsedInput<F>,
): WithDefaults<F> {
  const out: Record<string, unknown> = { ...given };
  for (const [name, field] of Object.entries(fields)) {
    if (out[name] === undefined && field.default !== undefined) out[name] = field.default;
  }
  return out as WithDefaults<F>;
}

/**
 * A resolved run: `kind` first, then every field in declaration order from `values` (the
 * defaulted input with the resolver's derived values over it), so every record of a kind
 * lists its fields alike.
 */
export function resolvedRun<K extends string, F extends RunFields>(
  kind: K,
  fields: F,
  values: ResolvedFields<F>,
): { kind: K } & ResolvedFields<F> {
  const out: Record<string, unknown> = { kind };
  for (const name of Object.keys(fields)) out[name] = values[name as keyof F];
  return out as { kind: K } & ResolvedFields<F>;
}

/** The default as `--help` and the README print it: the value, or the words. */
export function defaultText(field: RunField): string | undefined {
  if (field.defaultText !== undefined) return field.defaultText;
  if (field.default === undefined) return undefined;
  return typeof field.default === 'string' ? field.default : JSON.stringify(field.default);
}

/** The resolved run's fields: every one present, in its resolved form. */
export type ResolvedFields<F extends RunFields> = {
  -readonly [K in keyof F]: F[K] extends { resolved: infer R extends z.ZodType }
    ? z.output<R>
    : z.output<F[K]['schema']>;
};

/** Declares a kind's fields (identity at run time; keeps the literal types). */
export function defineRunFields<const F extends RunFields>(fields: F): F {
  return fields;
}

/** `batchSize` → `batch-size`. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A value for an error message: short, quoted when a string. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  if (Array.isArray(v)) {
    return v.length > 8 ? `a list of ${v.length}` : `[${v.map((x) => showValue(x)).join(', ')}]`;
  }
  if (v !== null && typeof v === 'object') return 'an object';
  return String(v);
}

/**
 * Checks one given value against its field; returns the schema's output.
 * @throws RangeError `NAME must …, got VALUE`.
 */
export function parseField(name: string, field: RunField, value: unknown): unknown {
  const r = field.schema.safeParse(value);
  if (!r.success) {
    throw new RangeError(`${name} ${r.error.issues[0].message}, got ${showValue(value)}`);
  }
  return r.data;
}

/**
 * The strict parse of a run's input (docs/ARCHITECTURE.md §6): a plain object whose keys
 * are all fields of the kind (or `kind` itself, equal to `kind`), each value checked by
 * its field's schema. Undefined values count as absent.
 * @throws RangeError naming the first unknown key or bad value and what is allowed.
 */
export function parseRunInput<F extends RunFields>(
  kind: string,
  fields: F,
  input: unknown,
): ParsedInput<F> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new RangeError(`a ${kind} run must be an object of its fields, got ${showValue(input)}`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'kind') {
      if (value !== kind) {
        throw new RangeError(`kind must be '${kind}' here, got ${showValue(value)}`);
      }
      continue;
    }
    if (!Object.hasOwn(fields, key)) {
      throw new RangeError(
        `unknown ${kind} run key '${key}' (allowed: ${Object.keys(fields).join(', ')})`,
      );
    }
    if (value === undefined) continue;
    // A resolved run writes null where a field does not apply (another objective's
    // parameter, no blocks): given back, it is absent.
    if (value === null && fields[key].resolved?.safeParse(null).success) continue;
    out[key] = parseField(key, fields[key], value);
  }
  return out as ParsedInput<F>;
}

/** The field names that have a flag, in declaration order. */
export function flagFields(fields: RunFields): string[] {
  return Object.keys(fields).filter((k) => fields[k].flag !== null);
}

/**
 * The README's option table of a kind: one row per flag — the flag, its default, how it
 * spreads and what it is. A test keeps the README's copy equal to this.
 */
export function optionTable(
  fields: RunFields,
  names: readonly string[] = flagFields(fields),
): string {
  const rows = names.map((name) => {
    const f = fields[name];
    const flag = `\`--${kebabCase(name)}${f.flag ? ` ${f.flag.placeholder}` : ''}\``;
    const spread = f.spread === 'run' ? '' : ` (${SPREAD_TEXT[f.spread]})`;
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    const text = defaultText(f);
    const def = text === undefined ? '—' : `\`${cell(text)}\``;
    return `| ${flag} | ${def} | ${cell(`${f.description}${spread}`)} |`;
  });
  return ['| flag and key | default | what it is |', '| --- | --- | --- |', ...rows].join('\n');
}

// Field schemas with one message each: what is allowed.

/** An integer in [min, max]. */
export function intIn(min: number, max = Number.MAX_SAFE_INTEGER) {
  const allowed =
    max === Number.MAX_SAFE_INTEGER
      ? `must be an integer ≥ ${min}`
      : `must be an integer from ${min} to ${max}`;
  return z
    .number({ error: allowed })
    .refine((v) => Number.isInteger(v) && v >= min && v <= max, { error: allowed });
}

/** A finite number in [lo, hi] (either end open on request). */
export function numberIn(lo: number, hi: number, open: { lo?: boolean; hi?: boolean } = {}) {
  const loText = lo === -Infinity ? '' : `${open.lo ? '>' : '≥'} ${lo}`;
  const hiText = hi === Infinity ? '' : `${open.hi ? '<' : '≤'} ${hi}`;
  const allowed =
    lo !== -Infinity && hi !== Infinity
      ? `must be in ${open.lo ? '(' : '['}${lo}, ${hi}${open.hi ? ')' : ']'}`
      : `must be a finite number${loText || hiText ? ` ${loText}${hiText}` : ''}`;
  return z
    .number({ error: allowed })
    .refine(
      (v) => Number.isFinite(v) && (open.lo ? v > lo : v >= lo) && (open.hi ? v < hi : v <= hi),
      { error: allowed },
    );
}

/** One of fixed names. */
export function oneOf<const T extends readonly [string, ...string[]]>(names: T) {
  return z.enum(names, { error: `must be one of ${names.join(', ')}` });
}

/** A name from a registry, read when checked (so later registrations count). */
export function registeredName(names: () => readonly string[]) {
  return z.string({ error: 'must be a name' }).superRefine((v, ctx) => {
    if (!names().includes(v)) {
      ctx.addIssue({ code: 'custom', message: `must be one of ${names().join(', ')}` });
    }
  });
}

// How flags' texts become values (the field's schema then checks the value).

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** A number written in plain or exponent notation (no hex, no blanks). */
export function numberText(text: string): number {
  const v = text.trim();
  if (!NUMBER_TEXT.test(v)) throw new RangeError('must be a finite number');
  return Number(v);
}

/** A number flag: `--lr 1e-3`. */
export function numberFlag(placeholder = '<x>'): FlagSpec {
  return { placeholder, parse: numberText };
}

/** A text flag: `--schedule cosine`. */
export function textFlag(placeholder = '<name>'): FlagSpec {
  return { placeholder, parse: (text) => text };
}

/** A comma-separated list of numbers: `--sparsity 0,0.9`. */
export function numberListFlag(placeholder = '<list>'): FlagSpec {
  return {
    placeholder,
    parse: (text) => {
      const parts = text.split(',');
      return parts.map((p) => {
        try {
          return numberText(p);
        } catch {
          throw new RangeError(`'${p}' is not a number (a comma-separated list)`);
        }
      });
    },
  };
}

/** The kernels a run asks for; resolved to the one that runs (`auto`: ./execution-target.ts). */
export const BACKEND_FIELD = {
  schema: oneOf(['auto', 'native', 'wasm', 'js']),
  resolved: oneOf(['native', 'wasm', 'js']),
  description: 'kernels: auto (native where built, else wasm), native, wasm, js',
  default: 'auto',
  spread: 'run',
  flag: textFlag(),
} as const satisfies RunField;

/** Worker threads: `what` they split; the numbers never depend on them. */
export function threadsField(what: string, defaultText: string) {
  return {
    schema: intIn(1, 1024),
    description: `worker threads for ${what}, at most the cores (the numbers do not depend on them)`,
    defaultText,
    spread: 'run',
    flag: numberFlag('<int>'),
  } as const satisfies RunField;
}

/** Adam's moment decays, β₁ and β₂ (PyTorch's defaults), for every kind that trains with it. */
export const ADAM_BETA_FIELDS = {
  beta1: {
    schema: numberIn(0, 1, { hi: true }),
    description: "Adam's first-moment decay β₁ (the coefficient, where the optimizer is momentum)",
    default: 0.9,
    spread: 'run',
    flag: numberFlag(),
  },
  beta2: {
    schema: numberIn(0, 1, { hi: true }),
    description: "Adam's second-moment decay β₂",
    default: 0.999,
    spread: 'run',
    flag: numberFlag(),
  },
} as const satisfies RunFields;
