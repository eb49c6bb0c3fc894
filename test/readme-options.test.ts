import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeTables, README, TABLES, tableKinds, withTables } from './readme-options.js';

describe("the README's option tables", () => {
  const readme = readFileSync(README, 'utf8');

  it('hold one table per run kind', () => {
    expect(tableKinds(readme).sort()).toEqual(Object.keys(TABLES).sort());
  });

  it('say what the run declarations say (npx tsx test/readme-options.ts --write rewrites them)', () => {
    expect(normalizeTables(readme)).toBe(normalizeTables(withTables(readme)));
  });

  it('fail when a flag is missing from a table, or a default differs', () => {
    const missing = readme.replace(/^\| `--batch-size .*\n/m, '');
    expect(missing).not.toBe(readme);
    expect(normalizeTables(missing)).not.toBe(normalizeTables(withTables(missing)));
    const changed = readme.replace(/(\| `--steps <int>`\s*\| )`10000`/, '$1`5000`');
    expect(changed).not.toBe(readme);
    expect(normalizeTables(changed)).not.toBe(normalizeTables(withTables(changed)));
  });
});
