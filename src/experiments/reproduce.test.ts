import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPlot } from '../viz/render.js';
import type { Experiment } from './experiment.js';
import { reproduce } from './reproduce.js';
import { writeFigure } from './write-figure.js';

/** A tiny experiment that counts its runs and can be told to crash. */
function counting(id: string, crash = false): Experiment & { runs: number } {
  const e = {
    id,
    title: `Experiment ${id}`,
    quickSeconds: 1,
    runs: 0,
    async run(ctx: Parameters<Experiment['run']>[0]) {
      e.runs++;
      if (crash) throw new Error(`${id} crashed`);
      ctx.progress(0.5, 'half');
      writeFigure(ctx.dir, 'fig', renderPlot({ width: 200, height: 100, marks: [] }));
      return [
        {
          id: `${id}-section`,
          title: `Section <${id}>`,
          claim: 'a & b',
          verdict: 'holds' as const,
          summary: 'numbers',
          table: { headers: ['x'], rows: [[1], [null]] },
          figures: [{ path: `${ctx.relDir}/fig.svg`, caption: 'cap' }],
          data: [],
          command: `tegum x --seed 1`,
        },
      ];
    },
  };
  return e;
}

describe('reproduce', () => {
  it('writes one self-contained report with every section, escaped, figures inline', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-repro-'));
    const r = await reproduce({
      out,
      profile: 'quick',
      force: false,
      experiments: [counting('a'), counting('b')],
    });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(r.sections.map((s) => s.id)).toEqual(['a-section', 'b-section']);
    expect(html).toContain('Section &lt;a&gt;');
    expect(html).toContain('a &amp; b');
    expect(html.match(/<svg/g)?.length).toBe(2);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html.indexOf('a-section')).toBeLessThan(html.indexOf('b-section'));
  });

  it('reuses finished experiments unless forced, and reruns them for another profile', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-repro-'));
    const a = counting('a');
    await reproduce({ out, profile: 'quick', force: false, experiments: [a] });
    const again = await reproduce({ out, profile: 'quick', force: false, experiments: [a] });
    expect(a.runs).toBe(1);
    expect(again.reused).toEqual(['a']);
    await reproduce({ out, profile: 'quick', force: true, experiments: [a] });
    expect(a.runs).toBe(2);
    await reproduce({ out, profile: 'full', force: false, experiments: [a] });
    expect(a.runs).toBe(3);
  });

  it('keeps what finished before a crash and writes no report', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-repro-'));
    const a = counting('a');
    await expect(
      reproduce({ out, profile: 'quick', force: false, experiments: [a, counting('b', true)] }),
    ).rejects.toThrow(/b crashed/);
    expect(existsSync(join(out, 'a', 'result.json'))).toBe(true);
    expect(existsSync(join(out, 'b', 'result.json'))).toBe(false);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    await reproduce({ out, profile: 'quick', force: false, experiments: [a, counting('b')] });
    expect(a.runs).toBe(1);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });
});
