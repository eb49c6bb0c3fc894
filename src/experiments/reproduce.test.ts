import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('reproduce with cached results it cannot trust', () => {
  /** Runs `a` once, then replaces its result.json with `tamper(result)` and runs again. */
  async function tampered(tamper: (stored: Record<string, unknown>) => unknown) {
    const out = mkdtempSync(join(tmpdir(), 'tegum-repro-'));
    const a = counting('a');
    await reproduce({ out, profile: 'quick', force: false, experiments: [a] });
    const path = join(out, 'a', 'result.json');
    const stored = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const next = tamper(stored);
    writeFileSync(path, typeof next === 'string' ? next : JSON.stringify(next));
    await reproduce({ out, profile: 'quick', force: false, experiments: [a] });
    return { a, html: readFileSync(join(out, 'report.html'), 'utf8') };
  }

  const withFigure = (path: string) => (r: Record<string, unknown>) => ({
    ...r,
    sections: (r.sections as { figures: unknown[] }[]).map((s) => ({
      ...s,
      figures: [{ path, caption: 'x' }],
    })),
  });

  it.each([
    ['a figure path that climbs out of the output folder', withFigure('a/../../../etc/passwd')],
    ['an absolute figure path', withFigure('/etc/passwd')],
    ["a figure of another experiment's folder", withFigure('b/fig.svg')],
    ['a file of the wrong shape', () => ({ version: 1, profile: 'quick', sections: 'oops' })],
    ['a file that is not JSON', () => '{"version": 1, "profile": "quick", "sec'],
    [
      'a non-finite number (1e999 parses as Infinity)',
      (r: Record<string, unknown>) =>
        JSON.stringify(r).replace(/"seconds":[^,]+/, '"seconds":1e999'),
    ],
  ])('recomputes instead of trusting %s', async (_what, tamper) => {
    const { a, html } = await tampered(tamper);
    expect(a.runs).toBe(2);
    expect(html).not.toContain('root:');
  });

  it('strips anything that could run from an SVG it inlines', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-repro-'));
    const a = counting('a');
    await reproduce({ out, profile: 'quick', force: false, experiments: [a] });
    writeFileSync(
      join(out, 'a', 'fig.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>' +
        '<a href="javascript:alert(3)"><text>t</text></a><foreignObject><p>x</p></foreignObject>' +
        '<style>@import url(http://evil/x.css);</style><rect width="1" height="1"/></svg>',
    );
    await reproduce({ out, profile: 'quick', force: false, experiments: [a] });
    expect(a.runs).toBe(1);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<rect');
    expect(html).not.toMatch(/<script|onload|javascript:|foreignObject|@import|evil/i);
  });
});
