import { describe, expect, it } from 'vitest';
import { formatTick } from '../../web/src/draw.js';

describe('formatTick (every numeric axis and colour key in the explorer)', () => {
  it('writes 10⁻³ ≤ |v| < 10⁶ plainly, with thousands separators', () => {
    expect([0.005, 0.001, 0.25, 1, 20, 1000, 250_000].map(formatTick)).toEqual([
      '0.005',
      '0.001',
      '0.25',
      '1',
      '20',
      '1,000',
      '250,000',
    ]);
  });

  it('writes smaller and larger values in scientific notation, never with SI prefixes', () => {
    expect([1e-5, 2.5e-7, 5e-4, 1e6, 3e9, 1e-10].map(formatTick)).toEqual([
      '1e-5',
      '2.5e-7',
      '5e-4',
      '1e6',
      '3e9',
      '1e-10',
    ]);
  });

  it('rounds float noise away and writes negatives with a minus sign', () => {
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
    expect(formatTick(-0.5)).toBe('−0.5');
    expect(formatTick(-2e-5)).toBe('−2e-5');
    expect(formatTick(0)).toBe('0');
  });
});
