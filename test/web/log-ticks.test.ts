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

  it('keeps powers of ten over many decades, and is empty without data', () => {
    expect(logTicks([1, 1e6])).toEqual([1, 10, 100, 1000, 1e4, 1e5, 1e6]);
    expect(logTicks([])).toEqual([]);
  });
});
