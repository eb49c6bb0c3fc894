import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { toCsv } from './to-csv.js';

describe('toCsv', () => {
  it('quotes cells and headers holding commas, quotes, \\n and \\r, and reads back the same', () => {
    const rows = [
      { 'a,b': 'x\ry', 'say "hi"': 'line\nbreak', n: 0.1 + 0.2 },
      { 'a,b': 'plain', 'say "hi"': 'q"uote', n: -1e-300 },
    ];
    const text = toCsv(rows);
    expect(text.split('\n')[0]).toBe('"a,b","say ""hi""",n');
    const back = csvParse(text);
    expect(back.map((r) => ({ ...r }))).toEqual(
      rows.map((r) => ({ 'a,b': r['a,b'], 'say "hi"': r['say "hi"'], n: String(r.n) })),
    );
  });

  it('writes null as an empty cell and numbers at full precision', () => {
    expect(toCsv([{ x: null, y: 1 / 3, z: true }])).toBe('x,y,z\n,0.3333333333333333,true\n');
  });

  it('refuses a non-finite number instead of writing NaN', () => {
    expect(() => toCsv([{ x: 1 }, { x: Number.NaN }])).toThrow(/\[1\]\.x would be NaN/);
  });
});
