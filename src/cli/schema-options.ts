/**
 * A run kind's flags, derived from its declaration (src/core/run-schema.ts;
 * docs/ARCHITECTURE.md §6): `--kebab-name PLACEHOLDER`, the field's description and
 * default as help, its text parsed and checked by the field's own schema (so a bad value
 * is commander's one line naming the flag and what is allowed). No commander defaults:
 * an absent flag is an absent field, which the kind's resolver fills in.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { availableParallelism } from 'node:os';
import { defaultText, flagFields, kebabCase, type RunFields } from '../core/run-schema.js';

/** The option of one field. */
export function fieldOption(name: string, fields: RunFields): Option {
  const field = fields[name];
  const flag = field.flag;
  if (flag === null) throw new RangeError(`field ${name} has no flag`);
  const def = defaultText(field);
  const help = `${field.description}${def === undefined ? '' : ` (default ${def})`}`;
  return new Option(`--${kebabCase(name)} ${flag.placeholder}`, help).argParser((text) => {
    let value: unknown;
    try {
      value = flag.parse(text);
    } catch (err) {
      // Text that is no number at all: say what the field allows, where it says it.
      const allowed = field.schema.safeParse(Number.NaN);
      const message = allowed.success ? (err as Error).message : allowed.error.issues[0].message;
      throw new InvalidArgumentError(`${message}.`);
    }
    const r = field.schema.safeParse(value);
    if (!r.success) throw new InvalidArgumentError(`${r.error.issues[0].message}.`);
    // More threads than cores only adds contention (and 1000 workers exhaust memory).
    if (name === 'threads' && (r.data as number) > availableParallelism()) {
      throw new InvalidArgumentError(
        `must be an integer from 1 to ${availableParallelism()}, the cores of this machine.`,
      );
    }
    return r.data;
  });
}

/** Adds the flags of `names` (default: every field with a flag) to `command`. */
export function addSchemaOptions(
  command: Command,
  fields: RunFields,
  names: readonly string[] = flagFields(fields),
): Command {
  for (const name of names) command.addOption(fieldOption(name, fields));
  return command;
}

/** The fields the parsed flags give, by their one name (commander camel-cases flags). */
export function inputFromOptions(
  fields: RunFields,
  options: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(fields)
      .filter((k) => options[k] !== undefined)
      .map((k) => [k, options[k]]),
  );
}
