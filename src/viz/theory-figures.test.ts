import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenSvg } from '../test-support/golden.js';
import { postFigureData } from '../theory/post-figure-data.js';
import { boundsComparedFigure, kStarVsAlphaFigure, lossVsKFigure } from './theory-figures.js';

const golden = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url));

// Small data so the golden files stay readable: n = 20000, d = 2000 (kMax = 11), few points.
const data = postFigureData({
  n: 20_000,
  d: 2000,
  points: 12,
  alphaGrid: [0.5, 1, 1.5, 1.9, 2, 2.1, 2.3, 2.6, 3],
});

describe('the theory figures', () => {
  it('draws figure (a) as in its golden SVG, with title, legend and both axes', () => {
    const svg = lossVsKFigure(data);
    for (const text of ['jl-cubic bound', 'α = 0.5', 'α = 2', 'L(k) / L(1)', 'd(L/L(1)) / dk']) {
      expect(svg).toContain(text);
    }
    const [actual, expected] = goldenSvg(golden('figure-a-loss-vs-k.svg'), svg);
    expect(actual).toBe(expected);
  });

  it('draws figure (b) with α* marked and the struck closed form, as in its golden SVG', () => {
    const svg = kStarVsAlphaFigure(data);
    expect(svg).toContain(`α* = ${(data.transition.alphaStar as number).toFixed(3)}`);
    expect(svg).toContain("post's struck closed form");
    const [actual, expected] = goldenSvg(golden('figure-b-kstar-vs-alpha.svg'), svg);
    expect(actual).toBe(expected);
  });

  it('compares the bounds in one panel per bound, as in its golden SVG', () => {
    const all = ['jl', 'jl-cubic', 'welch', 'random'].map((bound) =>
      postFigureData({ n: 20_000, d: 2000, bound, points: 8, alphaGrid: [1, 2, 3] }),
    );
    const svg = boundsComparedFigure(all);
    expect(svg.match(/<svg/g)).toHaveLength(5);
    const [actual, expected] = goldenSvg(golden('bounds-compared.svg'), svg);
    expect(actual).toBe(expected);
  });
});
