import { describe, expect, it } from 'vitest';
import {
  defaultText,
  kebabCase,
  optionTable,
  parseRunInput,
  withDefaults,
  type RunFields,
} from './run-schema.js';
import { PACK_RUN_FIELDS } from '../packing/pack-run-schema.js';
import { THEORY_RUN_FIELDS } from '../theory/theory-run-schema.js';
import { TOY_RUN_FIELDS } from '../toy/toy-run-schema.js';
import { PHASE_POINT_FIELDS } from '../sweep/kinds/phase-point-run.js';

const KINDS: [string, RunFields][] = [
  ['toy', TOY_RUN_FIELDS],
  ['pack', PACK_RUN_FIELDS],
  ['theory', THEORY_RUN_FIELDS],
  ['phase point', PHASE_POINT_FIELDS],
];

describe.each(KINDS)('the %s run declaration', (kind, fields) => {
  it('gives every default value in a form its own field accepts', () => {
    for (const [name, field] of Object.entries(fields)) {
      if (field.default === undefined) continue;
      expect(field.schema.safeParse(field.default).success, name).toBe(true);
    }
  });

  it('describes every field in one line, and says each default it has', () => {
    for (const [name, field] of Object.entries(fields)) {
      expect(field.description, name).toMatch(/^[^\n]{3,}$/);
      if (field.default !== undefined) expect(defaultText(field), name).toBeDefined();
    }
  });

  it('refuses an unknown key, naming it and the allowed ones', () => {
    expect(() => parseRunInput(kind, fields, { nope: 1 })).toThrow(
      new RegExp(`unknown ${kind} run key 'nope' \\(allowed: `),
    );
  });

  it('parses flag texts into values its schema accepts', () => {
    for (const [name, field] of Object.entries(fields)) {
      if (field.flag === null || field.default === undefined) continue;
      const text = Array.isArray(field.default)
        ? null
        : typeof field.default === 'string'
          ? field.default
          : String(field.default);
      if (text === null) continue;
      expect(field.schema.safeParse(field.flag.parse(text)).success, name).toBe(true);
    }
  });
});

describe('parseRunInput', () => {
  it('names the field and what it allows, and shows the value it got', () => {
    expect(() => parseRunInput('toy', TOY_RUN_FIELDS, { n: 0 })).toThrow(
      'n must be an integer ≥ 1, got 0',
    );
    expect(() => parseRunInput('toy', TOY_RUN_FIELDS, { beta1: 1 })).toThrow(
      'beta1 must be in [0, 1), got 1',
    );
    expect(() => parseRunInput('toy', TOY_RUN_FIELDS, { optimizer: 'sgd' })).toThrow(
      "optimizer must be one of adamw, adam, got 'sgd'",
    );
    expect(() => parseRunInput('toy', TOY_RUN_FIELDS, { correlated: '0,x' })).toThrow(
      /^correlated '0,x' is not a set of feature indices/,
    );
  });

  it('accepts a resolved config of its kind, and refuses one of another kind', () => {
    expect(parseRunInput('theory', THEORY_RUN_FIELDS, { kind: 'theory', n: 9 })).toEqual({ n: 9 });
    expect(() => parseRunInput('theory', THEORY_RUN_FIELDS, { kind: 'toy' })).toThrow(
      "kind must be 'theory' here, got 'toy'",
    );
  });

  it('refuses what is not an object', () => {
    expect(() => parseRunInput('toy', TOY_RUN_FIELDS, [1])).toThrow(/must be an object/);
    expect(() => parseRunInput('toy', TOY_RUN_FIELDS, null)).toThrow(/must be an object/);
  });
});

describe('withDefaults', () => {
  it('fills the declared default values and leaves given and derived ones alone', () => {
    const v = withDefaults(TOY_RUN_FIELDS, { steps: 5 });
    expect(v.steps).toBe(5);
    expect(v.lr).toBe(0.001);
    expect(v.batchSize).toBe(1024);
    expect(v.weightDecay).toBeUndefined(); // derived from the optimizer by the resolver
  });
});

describe('optionTable', () => {
  it('writes one row per flag with its kebab-case name, default and description', () => {
    const table = optionTable(TOY_RUN_FIELDS).split('\n');
    expect(table).toHaveLength(2 + Object.values(TOY_RUN_FIELDS).filter((f) => f.flag).length);
    expect(table).toContain('| `--batch-size <int>` | `1024` | samples per step |');
    // A | inside a description is escaped, so the row keeps three cells.
    expect(table.find((r) => r.startsWith('| `--cosine-tolerance'))).toContain('\\|cos\\|');
  });

  it('spells flags in kebab case', () => {
    expect(kebabCase('batchSize')).toBe('batch-size');
    expect(kebabCase('minLrFactor')).toBe('min-lr-factor');
    expect(kebabCase('n')).toBe('n');
  });
});
