import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenSvg } from '../test-support/golden.js';
import { regularPolygon, tegumSum, antipodalPair, dedicated } from '../test-support/geometries.js';
import { featureGeometry } from '../geometry/feature-geometry.js';
import type { ToyInstanceSummary } from '../toy/summarize-instance.js';
import { sparseLimit } from '../toy/sparse-limit.js';
import { tegumAnalysis } from '../toy/tegum-analysis.js';
import {
  dimsPerFeatureFigure,
  featureDimensionalityFigure,
  introArrowsFigure,
  normBarsFigure,
  sparseLimitFigure,
  tegumFactorsFigure,
  wtwFigure,
} from './toy-figures.js';

const golden = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url));

// Constructed geometries standing in for trained models: dedicated features (dense),
// two antipodal pairs, a pentagon (sparse); all in 2 dimensions with 5 features.
const dense = tegumSum([dedicated(2)], 3);
const pairs = tegumSum([antipodalPair(), antipodalPair()], 1);
const pentagon = regularPolygon(5);
const models = [
  { ...dense, sparsity: 0 },
  { ...pairs, sparsity: 0.7 },
  { ...pentagon, sparsity: 0.9 },
];

function summary(m: (typeof models)[number], i: number): ToyInstanceSummary {
  const g = featureGeometry(m.W, m.nHidden, m.nFeatures);
  return {
    instance: i,
    seed: i,
    sparsity: m.sparsity,
    featureProbability: 1 - m.sparsity,
    loss: 0.05 / (i + 1),
    dimsPerFeature: g.dimsPerFeature,
    featureDimensionality: [...g.featureDimensionality],
    norms: [...g.norms],
    superposition: [...g.superposition],
    factors: g.tegum.factors,
    k: g.tegum.k,
  };
}
const summaries = models.map(summary);

function expectGolden(name: string, svg: string): void {
  const [actual, expected] = goldenSvg(golden(name), svg);
  expect(actual).toBe(expected);
}

describe('the toy figures', () => {
  it('draws the intro arrows, one panel per sparsity, as in its golden SVG', () => {
    const svg = introArrowsFigure(models, [1, 0.9, 0.81, 0.73, 0.66]);
    expect(svg).toContain('S = 0.90');
    expect(svg.match(/<svg/g)).toHaveLength(4);
    expectGolden('toy-intro-arrows.svg', svg);
  });

  it('draws ‖W_i‖ bars coloured by superposition and the WᵀW images', () => {
    expectGolden('toy-norm-bars.svg', normBarsFigure(summaries));
    expectGolden('toy-wtw.svg', wtwFigure(models));
  });

  it('draws dimensions per feature and D_i with the reference fractions', () => {
    const dims = dimsPerFeatureFigure(summaries, 2);
    for (const label of ['1/2 antipodal', '2/5 pentagon', '3/8 square antiprism']) {
      expect(dims).toContain(label);
    }
    expectGolden('toy-dims-per-feature.svg', dims);
    expectGolden('toy-feature-dimensionality.svg', featureDimensionalityFigure(summaries));
  });

  it('draws the tegum factors against sparsity with the verdict in the subtitle', () => {
    const svg = tegumFactorsFigure(tegumAnalysis(summaries));
    expect(svg).toContain('The claim holds.');
    expectGolden('toy-tegum-factors.svg', svg);
  });

  it('draws the sparse-limit expansion beside the measured loss', () => {
    const rows = [0.9, 0.95, 0.99].map((S, i) => ({
      sparsity: S,
      loss: 0.01 / (i + 1),
      terms: sparseLimit(pentagon.W, [-0.2, -0.2, -0.2, -0.2, -0.2], [1, 1, 1, 1, 1], 2, 5, S),
    }));
    const svg = sparseLimitFigure(rows);
    expect(svg).toContain('L₀ + (1 − S) L₁ (post)');
    expectGolden('toy-sparse-limit.svg', svg);
  });
});
