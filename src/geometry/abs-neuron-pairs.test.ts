import { describe, expect, it } from 'vitest';
import { absNeuronPairs } from './abs-neuron-pairs.js';

/** W1 = [I; −I] [2n, n] and W2 = [I, I] [n, 2n]: |x| = ReLU(x) + ReLU(−x) per feature. */
function textbook(n: number): { W1: Float64Array; W2: Float64Array } {
  const m = 2 * n;
  const W1 = new Float64Array(m * n);
  const W2 = new Float64Array(n * m);
  for (let f = 0; f < n; f++) {
    W1[f * n + f] = 1;
    W1[(n + f) * n + f] = -1;
    W2[f * m + f] = 1;
    W2[f * m + n + f] = 1;
  }
  return { W1, W2 };
}

describe('absNeuronPairs', () => {
  it('recognises W1 = [I; −I], W2 = [I, I] as a pair of neurons per feature', () => {
    const { W1, W2 } = textbook(3);
    const r = absNeuronPairs(W1, W2, 6, 3);
    expect(r.allPaired).toBe(true);
    expect(r.pairedFeatures).toBe(3);
    expect(r.pairs[1]).toEqual({
      feature: 1,
      neurons: [1, 4],
      inputWeights: [1, -1],
      outputWeights: [1, 1],
      opposite: true,
      dedicated: true,
      routed: true,
      paired: true,
    });
  });

  it('recognises the circuit under a permutation of neurons and a rescaling per neuron', () => {
    const { W1, W2 } = textbook(3);
    const perm = [4, 0, 5, 2, 1, 3]; // new neuron j is old neuron perm[j]
    const scale = [0.5, 2, 1.5, 0.7, 1.1, 3];
    const P1 = new Float64Array(18);
    const P2 = new Float64Array(18);
    for (let j = 0; j < 6; j++) {
      for (let f = 0; f < 3; f++) {
        P1[j * 3 + f] = W1[perm[j] * 3 + f] * scale[j];
        P2[f * 6 + j] = W2[f * 6 + perm[j]] / scale[j];
      }
    }
    const r = absNeuronPairs(P1, P2, 6, 3);
    expect(r.allPaired).toBe(true);
    // Feature 0's neurons were old 0 (now 1, ×2) and old 3 (now 5, ×3): largest |W1| first.
    expect(r.pairs[0].neurons).toEqual([5, 1]);
    expect(r.pairs[0].inputWeights).toEqual([-3, 2]);
  });

  it('refuses a scrambled second layer, same-sign pairs and shared neurons', () => {
    const { W1, W2 } = textbook(3);
    // W2's columns rotated by one neuron: neuron k now feeds feature (k − 1) mod 3's output.
    const rotated = new Float64Array(18);
    for (let f = 0; f < 3; f++) {
      for (let k = 0; k < 6; k++) rotated[f * 6 + ((k + 1) % 6)] = W2[f * 6 + k];
    }
    const scrambled = absNeuronPairs(W1, rotated, 6, 3);
    expect(scrambled.pairedFeatures).toBe(0);
    expect(scrambled.pairs.every((p) => p.opposite && p.dedicated && !p.routed)).toBe(true);

    // Both of feature 2's neurons positive: ReLU(x) twice computes max(x, 0), not |x|.
    const sameSign = W1.slice();
    sameSign[5 * 3 + 2] = 1;
    const r = absNeuronPairs(sameSign, W2, 6, 3);
    expect(r.pairs.map((p) => p.paired)).toEqual([true, true, false]);
    expect(r.pairs[2].opposite).toBe(false);

    // Neuron 3 (feature 0's negative half) also reads feature 1, more strongly: not dedicated.
    const shared = W1.slice();
    shared[3 * 3 + 1] = 2;
    const s = absNeuronPairs(shared, W2, 6, 3);
    expect(s.pairs[0].dedicated).toBe(false);
    expect(s.allPaired).toBe(false);
  });

  it('refuses a negative route: W2 subtracting the neuron from its feature', () => {
    const { W1, W2 } = textbook(2);
    const negative = W2.slice();
    negative[0 * 4 + 2] = -1; // neuron 2 (−x_0) now subtracts from output 0
    const r = absNeuronPairs(W1, negative, 4, 2);
    expect(r.pairs[0].routed).toBe(false);
    expect(r.pairs[1].paired).toBe(true);
  });

  it('names the wrong matrix and shape', () => {
    const { W1, W2 } = textbook(3);
    expect(() => absNeuronPairs(W1, W2.subarray(0, 17), 6, 3)).toThrow(
      /^W2 \[nFeatures, nHidden\]: W has length 17/,
    );
    expect(() => absNeuronPairs(new Float64Array(3), new Float64Array(3), 1, 3)).toThrow(
      /nHidden must be at least 2/,
    );
  });
});
