import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AlphaResult, SizeResult } from '../packing/packing-results.js';
import { resolvePackRun } from '../packing/resolve-pack-run.js';
import { goldenSvg } from '../test-support/golden.js';
import { packingKStarFigure, packingLossFigure } from './packing-figures.js';

const golden = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url));

/** A hand-written packing result (n = 12, d = 4, k ∈ {1, 2, 4}): the figures alone under test. */
function alphaResult(alpha: number, losses: number[], kStar: number, factors: number): AlphaResult {
  const ks = [1, 2, 4];
  return {
    alpha,
    measured: ks.map((k, i) => ({
      k,
      loss: losses[i] * 10,
      normalizedLoss: losses[i],
      maxAbsCos: 0.5 / k,
      meanAbsCos: 0.25 / k,
      evenBlocks: true,
      layout: `${12 / k}×${4 / k}${k > 1 ? ` ×${k}` : ''}`,
      config: resolvePackRun({ n: 12, d: 4, blocks: k, objective: 'power', alpha }),
    })),
    kStarMeasured: kStar,
    best: {
      k: kStar,
      factors,
      factorCounts: [
        {
          size: 12 / factors,
          dim: 4 / factors,
          label: `${12 / factors} in ${4 / factors} dims`,
          count: factors,
        },
      ],
    },
    free: {
      loss: losses[0] * 10,
      maxAbsCos: 0.5,
      meanAbsCos: 0.25,
      factors: 1,
      factorCounts: [{ size: 12, dim: 4, label: '12 in 4 dims', count: 1 }],
    },
    theory: [
      {
        bound: 'jl-cubic',
        normalizedLoss: [1, losses[1] * 1.1, null],
        kStar: kStar,
        kMax: 2,
        note: null,
      },
      {
        bound: 'welch',
        normalizedLoss: [1, losses[1] * 0.9, losses[2] * 0.8],
        kStar: 1,
        kMax: 4,
        note: null,
      },
    ],
  };
}

const size: SizeResult = {
  n: 12,
  d: 4,
  ks: [1, 2, 4],
  restarts: 2,
  steps: 500,
  alphas: [alphaResult(1, [1, 0.8, 0.9], 2, 2), alphaResult(4, [1, 1.4, 2.5], 1, 1)],
  alphaStarMeasured: { alphaStar: 4, bracket: [1, 4] },
  alphaStarPredicted: [
    { bound: 'jl-cubic', alphaStar: 2.1, note: null },
    { bound: 'welch', alphaStar: null, note: 'no transition below the limit' },
  ],
  seconds: 1.5,
};

describe('the packing figures', () => {
  it('draws L(k)/L(1) per α, measured beside each bound, as in its golden SVG', () => {
    const svg = packingLossFigure(size);
    for (const text of [
      'n = 12, d = 4',
      'α = 1: measured k* = 2, structure k = 2',
      '● measured (optimizer)',
      '━ welch',
    ]) {
      expect(svg).toContain(text);
    }
    const [actual, expected] = goldenSvg(golden('packing-loss-vs-k.svg'), svg);
    expect(actual).toBe(expected);
  });

  it('draws k* against α with the measured α* bracket and each bound’s prediction, as in its golden SVG', () => {
    const svg = packingKStarFigure(size);
    expect(svg).toContain('α* measured in (1, 4]; predicted: jl-cubic 2.10, welch —');
    const [actual, expected] = goldenSvg(golden('packing-kstar-vs-alpha.svg'), svg);
    expect(actual).toBe(expected);
  });
});
