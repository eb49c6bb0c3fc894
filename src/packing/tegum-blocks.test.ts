import { F64_DIGITS } from '../test-support/tolerances.js';
import { describe, expect, it } from 'vitest';
import { blocksAreEven, frameBoundForBlocks, tegumBlocks } from './tegum-blocks.js';

describe('tegumBlocks', () => {
  it('splits n and d evenly when k divides both', () => {
    const blocks = tegumBlocks(12, 6, 3);
    expect(blocks).toEqual([
      { featureStart: 0, m: 4, dimStart: 0, D: 2 },
      { featureStart: 4, m: 4, dimStart: 2, D: 2 },
      { featureStart: 8, m: 4, dimStart: 4, D: 2 },
    ]);
    expect(blocksAreEven(blocks)).toBe(true);
  });

  it('gives the extra features and the extra dimensions to the first blocks', () => {
    const blocks = tegumBlocks(10, 7, 3);
    expect(blocks.map((b) => [b.m, b.D])).toEqual([
      [4, 3],
      [3, 2],
      [3, 2],
    ]);
    expect(blocks.reduce((s, b) => s + b.m, 0)).toBe(10);
    expect(blocks.reduce((s, b) => s + b.D, 0)).toBe(7);
    expect(blocksAreEven(blocks)).toBe(false);
  });

  it('computes the alpha = 2 optimum of a layout, n²/d − n for even blocks', () => {
    expect(frameBoundForBlocks(tegumBlocks(48, 12, 4))).toBeCloseTo(
      (48 * 48) / 12 - 48,
      F64_DIGITS,
    );
    // Blocks (4 in 3) and 2 × (3 in 2), worked by hand: (16/3 − 4) + 2(9/2 − 3).
    expect(frameBoundForBlocks(tegumBlocks(10, 7, 3))).toBeCloseTo(16 / 3 - 4 + 3, F64_DIGITS);
    // Blocks with m ≤ D are orthonormal: no interference.
    expect(frameBoundForBlocks(tegumBlocks(4, 8, 2))).toBe(0);
  });

  it('rejects k outside [1, min(n, d)] and non-integer sizes', () => {
    expect(() => tegumBlocks(10, 4, 5)).toThrow(
      /k must be an integer in \[1, min\(n, d\)\] = \[1, 4\]/,
    );
    expect(() => tegumBlocks(10, 4, 0)).toThrow(RangeError);
    expect(() => tegumBlocks(10.5, 4, 1)).toThrow(/n must be an integer/);
  });
});
