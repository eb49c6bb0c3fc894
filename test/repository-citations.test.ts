/**
 * Comments cite what a reader of the repository can open: `docs/ARCHITECTURE.md §N` (a
 * section that exists), the README, the literature. Never the team's design or style notes
 * kept outside the repository, nor an issue tracker's numbers: the shipped `.d.ts` files
 * carry the comments, and there those are dead links. Comments are read with the TypeScript
 * parser (TypeScript, AssemblyScript, JavaScript), a small scanner (C), or whole (Markdown,
 * Python, gyp).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARCHITECTURE = 'docs/ARCHITECTURE.md';

/** Folders whose files are read, and single files beside them. */
const FOLDERS = ['src', 'web/src', 'assembly', 'native/src', 'bench', 'test', 'docs'];
const FILES = [
  'README.md',
  'eslint.config.js',
  'vitest.config.ts',
  'web/vite.config.ts',
  'native/build.mjs',
  'native/binding.gyp',
];
const SKIP = new Set(['node_modules', 'dist', 'build', '__golden__']);

/** What a comment may not say: a document outside the repository, an issue number. */
const FORBIDDEN: [RegExp, string][] = [
  [/\b(?:DESIGN|STYLE)\.md\b/, 'a document outside the repository'],
  [/\bissues? ?#?\d/i, 'an issue number'],
  [/\bissue: /i, 'an issue'],
];

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(join(ROOT, dir))) {
    if (SKIP.has(name)) continue;
    const path = `${dir}/${name}`;
    if (statSync(join(ROOT, path)).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** Every comment of a TypeScript or JavaScript file, through the compiler's own scanner. */
function scriptComments(path: string, text: string): string[] {
  const kind = /\.m?js$/.test(path) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const seen = new Set<number>();
  const comments: string[] = [];
  const visit = (node: ts.Node): void => {
    // Every comment is the leading or trailing trivia of some token.
    const ranges = [
      ...(ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []),
      ...(ts.getTrailingCommentRanges(text, node.getEnd()) ?? []),
    ];
    for (const r of ranges) {
      if (seen.has(r.pos)) continue;
      seen.add(r.pos);
      comments.push(text.slice(r.pos, r.end));
    }
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return comments;
}

/** Every comment of a C file: `/* … *\/` and `// …`, outside string and character literals. */
function cComments(text: string): string[] {
  const comments: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
      i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      comments.push(text.slice(i, stop));
      i = stop;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      comments.push(text.slice(i, stop));
      i = stop;
    } else i++;
  }
  return comments;
}

/** The comments of a file; a document (Markdown, Python, gyp) is read whole. */
function commentsOf(path: string): string[] {
  const text = readFileSync(join(ROOT, path), 'utf8');
  if (/\.(?:ts|mts|js|mjs)$/.test(path)) return scriptComments(path, text);
  if (/\.[ch]$/.test(path)) return cComments(text);
  if (/\.(?:md|py|gyp)$/.test(path)) return [text];
  return [];
}

const files = [...FOLDERS.flatMap((dir) => walk(dir, [])), ...FILES];
const comments = new Map(files.map((path) => [path, commentsOf(path)]));

/** The sections `docs/ARCHITECTURE.md` has as headings: '1', '5.4', … */
function architectureSections(): Set<string> {
  const text = readFileSync(join(ROOT, ARCHITECTURE), 'utf8');
  return new Set([...text.matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.? /gm)].map((m) => m[1]));
}

/** The sections a text cites as `docs/ARCHITECTURE.md §2, §6` or `§3–§4`. */
function citedSections(text: string): string[] {
  const cited: string[] = [];
  const citation = /docs\/ARCHITECTURE\.md((?:\s*(?:,|–|-|and|or)?\s*§\d+(?:\.\d+)*)+)/g;
  for (const m of text.matchAll(citation)) {
    for (const s of m[1].matchAll(/§(\d+(?:\.\d+)*)/g)) cited.push(s[1]);
  }
  return cited;
}

describe('citations in the repository', () => {
  it('finds the comments it checks, in every language', () => {
    const has = (path: string, words: string) =>
      (comments.get(path) ?? []).some((c) => c.includes(words));
    expect(has('src/core/backend.ts', 'The one backend switch')).toBe(true);
    expect(has('native/src/power-packing.c', 'cblas_ssyrk')).toBe(true);
    expect(has('assembly/toy.ts', 'fused training step')).toBe(true);
    expect(has('web/src/main.ts', 'The tegum explorer')).toBe(true);
    // Regular expressions holding quotes (escapeHtml) do not derail the reader.
    expect(has('src/viz/report.ts', 'stripped of anything that could run')).toBe(true);
    expect(cComments('char *s = "/* not */ a comment"; /* one */ // two\n')).toEqual([
      '/* one */',
      '// two',
    ]);
  });

  it('cites no document outside the repository and no issue number in any comment', () => {
    const found: string[] = [];
    for (const [path, list] of comments) {
      for (const comment of list) {
        for (const [pattern, what] of FORBIDDEN) {
          const m = pattern.exec(comment);
          if (m) found.push(`${path}: ${what} ('${m[0]}')`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('cites only sections docs/ARCHITECTURE.md has as headings', () => {
    const sections = architectureSections();
    expect([...sections]).toEqual(expect.arrayContaining(['1', '2', '3', '4', '5', '6', '7', '8']));
    const missing: string[] = [];
    let citations = 0;
    for (const [path, list] of comments) {
      for (const s of list.flatMap(citedSections)) {
        citations++;
        if (!sections.has(s)) missing.push(`${path}: §${s}`);
      }
    }
    // The document's own cross-references (§8.1 and the like) point at its headings too.
    const own = readFileSync(join(ROOT, ARCHITECTURE), 'utf8');
    for (const m of own.matchAll(/§(\d+(?:\.\d+)*)/g)) {
      if (!sections.has(m[1])) missing.push(`${ARCHITECTURE}: §${m[1]}`);
    }
    expect(missing).toEqual([]);
    expect(citations).toBeGreaterThan(50);
  });

  it('reads citations as the comments write them', () => {
    expect(citedSections('(docs/ARCHITECTURE.md §2, §6; the seed post)')).toEqual(['2', '6']);
    expect(citedSections('docs/ARCHITECTURE.md §3–§4 and §5.4')).toEqual(['3', '4', '5.4']);
    expect(citedSections('Elhage et al. 2022 §7')).toEqual([]);
  });
});
