import { describe, expect, it } from 'vitest';
import { theorySections } from './theory-experiment.js';
import { theoryFigureData } from './theory-figures.js';

describe('theorySections', () => {
  const sections = theorySections('theory', theoryFigureData());

  it("judges the post's claims against its own numbers: both hold", () => {
    const byId = Object.fromEntries(sections.map((s) => [s.id, s]));
    expect(byId['theory-post'].verdict).toBe('holds');
    expect(byId['theory-transition'].verdict).toBe('holds');
    expect(byId['theory-transition'].summary).toMatch(/^α\* = 2\.10/);
  });

  it('names which bounds give interior minima below α = 2', () => {
    const bounds = sections.find((s) => s.id === 'theory-bounds');
    expect(bounds?.summary).toContain('Interior minima for every α < 2: jl-cubic;');
    expect(bounds?.table?.rows.map((r) => r[0])).toEqual(['jl', 'jl-cubic', 'welch', 'random']);
  });

  it('puts the sections in the order of the argument, each with a figure and a command', () => {
    expect(sections.map((s) => s.id)).toEqual([
      'theory-post',
      'theory-transition',
      'theory-bounds',
    ]);
    for (const s of sections) {
      expect(s.figures.length).toBeGreaterThan(0);
      expect(s.command).toMatch(/^tegum /);
    }
  });
});
