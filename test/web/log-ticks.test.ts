import { describe, expect, it } from 'vitest';
import { logTicks } from '../../web/src/draw.js';

describe('logTicks (the explorer’s loss axes)', () => {
  it('takes the finest mantissas that give at most six ticks', () => {
    // 1…9: 400–1000 is seven ticks, too many; 1, 2, 5: 500 and 1000.
    expect(logTicks([338, 700, 1040])).toEqual([500, 1000]);
    expect(logTicks([338, 30_000])).toEqual([500, 1000, 2000, 5000, 10_000, 20_000]);
    expect(logTicks([0.0042, 0.0061])).toEqual([0.005, 0.006]);
    expect(logTicks([0.004, 0.012])).toEqual([0.005, 0.01]);
  });

  it('keeps powers of ten over many decades, thinned past seven, and is empty without data', () => {
    expect(logTicks([1, 1e6])).toEqual([1, 10, 100, 1000, 1e4, 1e5, 1e6]);
    // Thirteen decades (a packing loss falling to 1e-12): every second one, seven ticks.
    expect(logTicks([4e-13, 2])).toEqual([1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 0.01, 1]);
    expect(logTicks([1e-20, 1])).toEqual([1e-18, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1]);
    expect(logTicks([])).toEqual([]);
  });
});
