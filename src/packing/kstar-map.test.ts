import { describe, expect, it } from 'vitest';
import { kStarCells, kStarMapSpec, measuredKStar, type KStarMapGrid } from './kstar-map.js';

const grid: KStarMapGrid = {
  d: 4,
  ratios: [2, 3],
  alphas: [1, 3],
  restarts: 1,
  steps: 10,
  seed: 1,
};

describe('the measured k* map', () => {
  it('takes the least k whose loss ties the least, within the relative tie', () => {
    const points = [
      { k: 1, loss: 10 },
      { k: 2, loss: 8.004 },
      { k: 4, loss: 8 },
    ];
    expect(measuredKStar(points, 1e-3)).toBe(2);
    expect(measuredKStar(points, 1e-4)).toBe(4);
    expect(
      measuredKStar(
        [
          { k: 3, loss: 1 },
          { k: 1, loss: 1 },
        ],
        0,
      ),
    ).toBe(1);
    expect(() => measuredKStar([], 1e-3)).toThrow(/no points/);
  });

  it('builds one cell per (n/d, α) with its losses in k order', () => {
    const points = [8, 12].flatMap((n) =>
      [1, 3].flatMap((alpha) =>
        [1, 2, 3, 4].map((k) => ({ n, alpha, k, loss: alpha === 1 ? 10 - k : 1 + k })),
      ),
    );
    const cells = kStarCells(grid, points, 1e-3);
    expect(cells).toHaveLength(4);
    expect(cells.map((c) => [c.ratio, c.alpha, c.kStar])).toEqual([
      [2, 1, 4],
      [2, 3, 1],
      [3, 1, 4],
      [3, 3, 1],
    ]);
    expect(cells[0].losses.map((p) => p.k)).toEqual([1, 2, 3, 4]);
  });

  it('is a pack sweep over n = ratio · d, α and blocks = 1 … d', () => {
    expect(kStarMapSpec(grid)).toEqual({
      name: 'kstar-map',
      kind: 'pack',
      base: { d: 4, objective: 'power', restarts: 1, steps: 10 },
      axes: { n: [8, 12], alpha: [1, 3], blocks: [1, 2, 3, 4] },
      seeds: [1],
    });
  });
});
