import { describe, expect, it } from 'vitest';
import { instanceShares, neuronCost } from './neuron-instance-shares.js';

describe('neuronCost', () => {
  it('prices an empty-batch instance at n per sample and a dense one at n + 2n + nm + 1.5mn', () => {
    expect(neuronCost(10, 5, 0)).toBe(10);
    expect(neuronCost(10, 5, 1)).toBe(10 + 20 + 50 + 75);
  });
});

describe('instanceShares', () => {
  it('splits equal instances evenly, contiguous and covering all', () => {
    expect(instanceShares(new Float32Array(16).fill(0.2), 10, 5, 2)).toEqual([0, 8, 16]);
    expect(instanceShares(new Float32Array(9).fill(0.2), 10, 5, 3)).toEqual([0, 3, 6, 9]);
  });

  it('gives the dense instances fewer companions: the abs sweep on two threads', () => {
    // Costs ≈ 10300, 7360, 6520, 5941, 3946, 1670, 675 (n = 100, m = 40): half ≈ 18356,
    // reached nearer after two instances (17660) than after three (24180).
    const b = instanceShares([1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001], 100, 40, 2);
    expect(b).toEqual([0, 2, 7]);
  });

  it('declines where one instance outweighs a share or threads outnumber instances', () => {
    expect(instanceShares([1, 0.001, 0.001], 100, 40, 2)).toBeUndefined();
    expect(instanceShares([0.5], 10, 5, 2)).toBeUndefined();
  });
});
