/**
 * Things registered by name in one place (docs/ARCHITECTURE.md §8, after SAELens's
 * `registry.py`): objectives, bounds, presets, schedules, figures, experiments.
 * One wording for every registry: "unknown KIND 'NAME' (allowed: a, b)" and
 * "KIND 'NAME' is already registered".
 */

/** A name → value map that refuses a taken name and names the allowed ones on a miss. */
export class Registry<T> {
  private readonly entries = new Map<string, T>();

  /** @param kind what is registered, for messages ('objective', 'toy figure', …). */
  constructor(readonly kind: string) {}

  /** Adds `value` under `name`. @throws RangeError when the name is taken (a caller's argument). */
  register(name: string, value: T): void {
    if (this.entries.has(name)) throw new RangeError(nameTaken(this.kind, name));
    this.entries.set(name, value);
  }

  /** Whether `name` is registered. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The value under `name`. @throws RangeError naming the allowed names. */
  get(name: string): T {
    const value = this.entries.get(name);
    if (value === undefined) throw new RangeError(unknownName(this.kind, name, this.names()));
    return value;
  }

  /** Checks every name of `names` (before any work that would need them). @throws RangeError on the first unknown one. */
  check(names: readonly string[]): void {
    for (const name of names) this.get(name);
  }

  /** The registered names, in registration order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The registered values, in registration order. */
  values(): T[] {
    return [...this.entries.values()];
  }
}

/** The message for a name nobody registered. */
export function unknownName(kind: string, name: string, allowed: readonly string[]): string {
  return `unknown ${kind} '${name}' (allowed: ${allowed.join(', ')})`;
}

/** The message for a name registered twice. */
export function nameTaken(kind: string, name: string): string {
  return `${kind} '${name}' is already registered`;
}
