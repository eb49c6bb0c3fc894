import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenSvg } from '../test-support/golden.js';
import { absFeatureSpreadFigure, absNeuronCountsFigure, absWeightsFigure } from './abs-figures.js';

const golden = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url));

/** Counts standing in for a trained sweep of m = 8 neurons. */
const COUNTS = [
  { density: 1, monosemantic: 8, polysemantic: 0, dead: 0 },
  { density: 0.1, monosemantic: 4, polysemantic: 3, dead: 1 },
  { density: 0.01, monosemantic: 1, polysemantic: 7, dead: 0 },
];

const SPREAD = [
  { density: 1, featuresPerNeuron: [1, 1, 1, 1, 1, 1, 1, 1], neuronsPerFeature: [2, 2, 2, 2] },
  {
    density: 0.1,
    featuresPerNeuron: [1, 2, 2, 3, 1, 1, 1],
    neuronsPerFeature: [2, 2, 1, 2, 1, 1, 2],
  },
  {
    density: 0.01,
    featuresPerNeuron: [3, 3, 2, 4, 3, 3, 2, 1],
    neuronsPerFeature: [3, 3, 2, 2, 2, 2, 2, 2, 1, 2],
  },
];

/** W₁ = [I; −I] (4 neurons, 2 features), and a polysemantic version of it. */
const PAIRS = Float64Array.from([1, 0, 0, 1, -1, 0, 0, -1]);
const MIXED = Float64Array.from([0.8, 0.6, -0.6, 0.8, -0.5, 0.1, 0, -1.2]);

describe('the absolute-value figures', () => {
  it('draws monosemantic, polysemantic and dead neurons against 1/(1 − S), as in its golden SVG', () => {
    const svg = absNeuronCountsFigure(COUNTS, 8, { share: 0.9, alive: 0.1 });
    expect(svg).toContain('monosemantic');
    expect(svg).toContain('m = 8; alive: ‖W₁_k‖ &gt; 0.1');
    const [actual, expected] = goldenSvg(golden('abs-neuron-counts.svg'), svg);
    expect(actual).toBe(expected);
  });

  it('draws features per neuron, neurons per feature and the represented features, as in its golden SVG', () => {
    const svg = absFeatureSpreadFigure(SPREAD, 8, 0.1);
    expect(svg.match(/<svg/g)).toHaveLength(4);
    expect(svg).toContain('m/2 = 4: a pair of neurons per feature');
    const [actual, expected] = goldenSvg(golden('abs-feature-spread.svg'), svg);
    expect(actual).toBe(expected);
  });

  it('draws W₁ per density with neurons sorted by top feature, as in its golden SVG', () => {
    const svg = absWeightsFigure(
      [
        { density: 1, W: PAIRS, nHidden: 4, nFeatures: 2 },
        { density: 0.01, W: MIXED, nHidden: 4, nFeatures: 2 },
      ],
      2,
    );
    expect(svg.match(/<svg/g)).toHaveLength(3);
    // 4 neurons × 2 features per panel.
    expect(svg.match(/<rect/g)?.length).toBeGreaterThanOrEqual(16);
    expect(svg).toContain('1 − S = 0.01 (max |W₁| 1.20)');
    const [actual, expected] = goldenSvg(golden('abs-weights.svg'), svg);
    expect(actual).toBe(expected);
  });
});
