import { describe, expect, it } from 'vitest';
import { instanceShares, neuronCost } from './neuron-instance-shares.js';

describe('neuronCost', () => {
  it('prices an instance that draws nothing at 20 per sample, a dense one with its draws', () => {
    expect(neuronCost(10, 5, 0)).toBe(20);
    // 20 + 50 per nonzero drawn (110 − 60), then n + nm + 1.5mn for the sample.
    expect(neuronCost(10, 5, 1)).toBe(20 + 50 * 10 + (10 + 50 + 75));
  });
});

describe('instanceShares', () => {
  it('splits equal instances evenly, contiguous and covering all', () => {
    expect(instanceShares(new Float32Array(16).fill(0.2), 10, 5, 2)).toEqual([0, 8, 16]);
    expect(instanceShares(new Float32Array(9).fill(0.2), 10, 5, 3)).toEqual([0, 3, 6, 9]);
  });

  it('gives the dense instances fewer companions: the abs sweep on two threads', () => {
    // Costs ≈ 15120, 10080, 7560, 6269, 4022, 1639, 612 (n = 100, m = 40): half ≈ 22651,
    // reached nearer after two instances (25200) than after one (15120) or three (32760).
    const b = instanceShares([1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001], 100, 40, 2);
    expect(b).toEqual([0, 2, 7]);
  });

  it('declines where one instance outweighs a share or threads outnumber instances', () => {
    expect(instanceShares([1, 0.001, 0.001], 100, 40, 2)).toBeUndefined();
    expect(instanceShares([0.5], 10, 5, 2)).toBeUndefined();
  });
});
