import { describe, expect, it } from 'vitest';
import type { SweepSpec } from './spec-schema.js';
import {
  axisValues,
  firstPoint,
  gridPoints,
  gridSize,
  seedCount,
  seedList,
} from './expand-grid.js';

describe('axisValues', () => {
  it('spaces logspace points evenly in the exponent, ends exact', () => {
    expect(axisValues({ logspace: [-3, -1], num: 3 })).toEqual([0.001, 0.01, 0.1]);
  });

  it('spaces linspace points evenly, ends exact', () => {
    expect(axisValues({ linspace: [0, 0.9], num: 4 })).toEqual([0, 0.3, 0.6, 0.9]);
    expect(axisValues({ linspace: [2, 5], num: 1 })).toEqual([2]);
  });

  it('keeps a list as written', () => {
    expect(axisValues([0, 'decay:0.9', true])).toEqual([0, 'decay:0.9', true]);
  });
});

describe('gridPoints', () => {
  it('is the cartesian product, the first axis varying slowest', () => {
    expect(gridPoints({ a: [1, 2], b: ['x', 'y', 'z'] })).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1, b: 'z' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
      { a: 2, b: 'z' },
    ]);
  });

  it('is one empty point without axes', () => {
    expect(gridPoints({})).toEqual([{}]);
  });
});

describe('seedList', () => {
  it('reads a count as 0..count−1 and keeps a list', () => {
    expect(seedList(3)).toEqual([0, 1, 2]);
    expect(seedList([5, 9])).toEqual([5, 9]);
  });
});

describe('gridSize and firstPoint', () => {
  it('count the points and give the first one without expanding the axes', () => {
    const axes: SweepSpec['axes'] = {
      a: { logspace: [-3, 0], num: 1e9 },
      b: ['x', 'y'],
      c: { linspace: [2, 5], num: 1e6 },
    };
    expect(gridSize(axes)).toBe(2e15);
    expect(firstPoint(axes)).toEqual({ a: 0.001, b: 'x', c: 2 });
    expect(gridSize({})).toBe(1);
    expect(firstPoint({})).toEqual({});
    expect(seedCount(3)).toBe(3);
    expect(seedCount([5, 9])).toBe(2);
  });
});
