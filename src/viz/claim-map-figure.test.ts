import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenSvg } from '../test-support/golden.js';
import type { ClaimMapCell, ClaimMapRow } from '../toy/claim-map.js';
import type { TegumAnalysis } from '../toy/tegum-analysis.js';
import { claimMapFigure } from './claim-map-figure.js';
import { kStarMapFigure } from './kstar-map-figure.js';

const golden = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url));

const cell = (
  decay: number,
  density: number,
  meanK: number,
  meanFactorDim: number,
): ClaimMapCell => ({
  decay,
  density,
  meanK,
  meanFactorDim,
  k: [meanK],
  degenerate: decay === 1 && density === 1,
});
const cells = [
  cell(1, 1, 1, 3),
  cell(1, 0.1, 3, 1),
  cell(1, 0.01, 1, 3),
  cell(0.8, 1, 3, 1),
  cell(0.8, 0.1, 2, 1.5),
  cell(0.8, 0.01, 1, 3),
];
const analysis = (verdict: TegumAnalysis['verdict']) => ({ verdict }) as TegumAnalysis;
const rows: ClaimMapRow[] = [
  { decay: 1, analysis: analysis('mixed') },
  { decay: 0.8, analysis: analysis('holds') },
];

describe('the claim map figure', () => {
  it('draws factor dimension and k over the grid, the verdicts and the degenerate corner, as in its golden SVG', () => {
    const svg = claimMapFigure(cells, rows, { nFeatures: 6, nHidden: 3, seeds: 2, steps: 100 });
    for (const text of [
      'mean factor dimension',
      'mean k',
      'r = 0.8: holds',
      'r = 1: mixed',
      'one rotated subspace',
    ]) {
      expect(svg).toContain(text);
    }
    expect(svg.match(/<svg/g)).toHaveLength(4);
    const [actual, expected] = goldenSvg(golden('claim-map.svg'), svg);
    expect(actual).toBe(expected);
  });
});

describe('the k* map figure', () => {
  it('draws measured k* over α × n/d with each bound’s agreement, as in its golden SVG', () => {
    const cells = [2, 4].flatMap((ratio) =>
      [1, 3].map((alpha) => ({ n: ratio * 4, ratio, alpha, kStar: alpha < 2 ? 2 : 1, losses: [] })),
    );
    const svg = kStarMapFigure(
      cells,
      [
        { bound: 'welch', predicted: 4, agree: 3 },
        { bound: 'jl-cubic', predicted: 0, agree: 0 },
      ],
      { d: 4, restarts: 1, steps: 10 },
    );
    expect(svg).toContain('welch: 3 of 4 cells agree');
    expect(svg).toContain('jl-cubic: empty domain');
    const [actual, expected] = goldenSvg(golden('kstar-map.svg'), svg);
    expect(actual).toBe(expected);
  });
});
