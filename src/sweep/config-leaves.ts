/**
 * A resolved config's leaves, and which of them a store must show as columns so
 * that rows of different runs are never told apart by their `config` JSON alone
 * (README, Sweeps). Generic over the kinds: nothing here knows a config's fields.
 *
 * A leaf is a scalar (number, string, boolean, null) or an array, reached through
 * nested objects; its path is the list of keys, its column name the keys joined by
 * '.' (`steps`, `optimizer.learningRate`). Arrays are one leaf, kept whole (a JSON
 * column): `importance` is one value, not n columns.
 *
 * Within one spec every difference between jobs comes from an axis or the seed, so
 * the axis columns and `seed` tell its rows apart. Across the specs run into one
 * store a leaf needs a column of its own when
 *   (a) two jobs at the same axis values and seed differ there (say `steps` changed
 *       in base and the grid overlaps), or
 *   (b) it is the same throughout each spec but not the same in all of them (a
 *       changed base value, even where the grids do not overlap).
 */
import { canonicalJson } from '../core/canonical-json.js';
import type { ColumnDef } from './job-kind.js';

/** A leaf's path: the keys from the config's top down. */
export type LeafPath = readonly string[];

/** A path as a map key (JSON of its keys). */
export type PathKey = string;

/** What one spec's jobs hold at a leaf: one value for all of them, or several. */
export type SpecLeaf = { value: unknown } | 'varies';

/** The path of a key. */
export function pathOf(key: PathKey): LeafPath {
  return JSON.parse(key) as string[];
}

/** The key of a path. */
export function keyOf(path: LeafPath): PathKey {
  return JSON.stringify(path);
}

/** The column name of a leaf: its keys joined by '.'. */
export function leafName(path: LeafPath): string {
  return path.join('.');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every leaf of a config, by path key. */
export function configLeaves(config: object): Map<PathKey, unknown> {
  const leaves = new Map<PathKey, unknown>();
  const walk = (value: unknown, path: string[]) => {
    if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) if (v !== undefined) walk(v, [...path, k]);
    } else {
      leaves.set(keyOf(path), value);
    }
  };
  walk(config, []);
  return leaves;
}

/** The value at `path` in a config, or undefined. */
export function leafValue(config: unknown, path: LeafPath): unknown {
  let value = config;
  for (const k of path) {
    if (!isObject(value)) return undefined;
    value = value[k];
  }
  return isObject(value) ? undefined : value;
}

/** Whether two leaf values are the same data (arrays element by element). */
export function sameLeaf(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameLeaf(x, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Each leaf of a spec's jobs: its one value, or 'varies' (a leaf some jobs lack
 * varies too).
 */
export function specLeaves(configs: Iterable<object>): Record<PathKey, SpecLeaf> {
  const out = new Map<PathKey, SpecLeaf>();
  let first = true;
  for (const config of configs) {
    const leaves = configLeaves(config);
    for (const [key, seen] of out) {
      if (seen !== 'varies' && (!leaves.has(key) || !sameLeaf(seen.value, leaves.get(key)))) {
        out.set(key, 'varies');
      }
    }
    for (const [key, value] of leaves) {
      if (!out.has(key)) out.set(key, first ? { value } : 'varies');
    }
    first = false;
  }
  return Object.fromEntries(out);
}

/** A spec's jobs without the leaf (no JSON text starts with a NUL). */
const ABSENT = '\u0000absent';

/**
 * Rule (b): the leaves that are one value throughout each spec but not the same in
 * all of them; a spec without the leaf counts as one more value (absent).
 */
export function changedBetweenSpecs(specs: readonly Record<PathKey, SpecLeaf>[]): PathKey[] {
  if (specs.length < 2) return [];
  const keys = new Set(specs.flatMap((s) => Object.keys(s)));
  return [...keys].filter((key) => {
    const values = new Set<string>();
    for (const s of specs) {
      const leaf = s[key];
      if (leaf !== 'varies') values.add(leaf === undefined ? ABSENT : canonicalJson(leaf.value));
    }
    return values.size > 1;
  });
}

/** Rule (a): the leaves at which two configs differ (present in one only included). */
export function differingLeaves(a: object, b: object): PathKey[] {
  const la = configLeaves(a);
  const lb = configLeaves(b);
  const keys = new Set([...la.keys(), ...lb.keys()]);
  return [...keys].filter((k) => !la.has(k) || !lb.has(k) || !sameLeaf(la.get(k), lb.get(k)));
}

/**
 * The column type that holds every value seen at a leaf: DOUBLE, BOOLEAN or VARCHAR
 * when all are numbers, booleans or strings; JSON otherwise (arrays, mixed kinds).
 */
export function leafColumnType(values: Iterable<unknown>): ColumnDef['type'] {
  const kinds = new Set<string>();
  for (const v of values) {
    if (v === null || v === undefined) continue;
    kinds.add(Array.isArray(v) ? 'array' : typeof v);
  }
  if (kinds.size !== 1) return kinds.size === 0 ? 'DOUBLE' : 'JSON';
  const [only] = kinds;
  if (only === 'number') return 'DOUBLE';
  if (only === 'boolean') return 'BOOLEAN';
  if (only === 'string') return 'VARCHAR';
  return 'JSON';
}
