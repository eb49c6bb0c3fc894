/**
 * The README's option tables, written from the run declarations (src/core/run-schema.ts):
 * each table sits between `<!-- options: KIND -->` and `<!-- /options -->`. The test
 * beside this file fails when the README and the declarations disagree;
 * `npx tsx test/readme-options.ts --write && npx prettier --write README.md` rewrites
 * the tables.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { optionTable, type RunFields } from '../src/core/run-schema.js';
import { PACK_RUN_FIELDS } from '../src/packing/pack-run-schema.js';
import { THEORY_RUN_FIELDS } from '../src/theory/theory-run-schema.js';
import { TOY_RUN_FIELDS } from '../src/toy/toy-run-schema.js';

/** The README. */
export const README = fileURLToPath(new URL('../README.md', import.meta.url));

/** Each table's declaration. */
export const TABLES: Readonly<Record<string, RunFields>> = {
  toy: TOY_RUN_FIELDS,
  pack: PACK_RUN_FIELDS,
  theory: THEORY_RUN_FIELDS,
};

const BLOCK = /(<!-- options: ([a-z]+) -->)[\s\S]*?(<!-- \/options -->)/g;

/** The README with every table written from its declaration. */
export function withTables(readme: string): string {
  return readme.replace(BLOCK, (_, open: string, kind: string, close: string) => {
    const fields = TABLES[kind];
    if (fields === undefined) throw new RangeError(`README: no declaration for options: ${kind}`);
    return `${open}\n\n${optionTable(fields)}\n\n${close}`;
  });
}

/**
 * A README's text with its tables' cells trimmed and separator rows written `---`, so
 * prettier's column alignment does not count as a difference.
 */
export function normalizeTables(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => (/^\s*:?-+:?\s*$/.test(cell) ? '---' : cell.trim()))
            .join('|')
        : line,
    )
    .join('\n');
}

/** The kinds whose tables the README holds. */
export function tableKinds(readme: string): string[] {
  return [...readme.matchAll(BLOCK)].map((m) => m[2]);
}

if (process.argv.includes('--write')) {
  writeFileSync(README, withTables(readFileSync(README, 'utf8')));
}
