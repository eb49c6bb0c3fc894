import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenSvg } from '../test-support/golden.js';
import type { ClaimMapCell } from '../toy/claim-map.js';
import type { AlignmentStats, NeuronTegumModelMap } from '../toy/neuron-tegum-map.js';
import type { TegumAnalysis } from '../toy/tegum-analysis.js';
import type { ToyModel } from '../toy/toy-run-schema.js';
import { neuronTegumFigure } from './neuron-tegum-figure.js';

const golden = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url));

const densities = [1, 0.1, 0.01];
const decays = [0.9, 0.7];

const stats = (mean: number | null): AlignmentStats => ({
  factors: mean === null ? 0 : 4,
  spanning: mean === null ? 2 : 0,
  mean,
  sd: mean === null ? null : 0.1,
  floor: mean === null ? null : 0.3,
  random: mean === null ? null : 0.55,
  excess: mean === null ? null : (mean - 0.55) / 0.45,
  aligned: mean === null ? null : 0.5,
});

/** A model's map whose dimension grows with 1/p and whose alignment is `align(p)`. */
function map(
  model: ToyModel,
  verdict: TegumAnalysis['verdict'],
  align: (p: number) => number | null,
): NeuronTegumModelMap {
  const cells: ClaimMapCell[] = decays.flatMap((decay) =>
    densities.map((density, i) => ({
      decay,
      density,
      meanK: 3 - i,
      meanFactorDim: 1 + i,
      k: [3 - i],
      degenerate: false,
    })),
  );
  return {
    model,
    cells,
    rows: decays.map((decay) => ({ decay, analysis: { verdict } as TegumAnalysis })),
    alignmentCells: decays.flatMap((decay) =>
      densities.map((density) => ({ model, decay, density, ...stats(align(density)) })),
    ),
    alignmentPoints: densities.map((density) => ({ model, density, ...stats(align(density)) })),
    overall: stats(0.7),
    rhoExcess: 0.5,
  };
}

describe('the neuron-tegum figure', () => {
  it('draws both models’ factor dimension and alignment, the verdicts and the alignment per S, as in its golden SVG', () => {
    const svg = neuronTegumFigure(
      [
        map('relu-output', 'holds', () => 0.45),
        map('neuron', 'mixed', (p) => (p === 0.01 ? null : 0.6 + 0.3 * (1 - p))),
      ],
      { nFeatures: 6, nHidden: 3, seeds: 2, steps: 100 },
    );
    for (const text of [
      'relu-output: mean factor dimension',
      'neuron: mean alignment',
      'r = 0.9: holds',
      'r = 0.7: mixed',
      'alignment per S',
      'random r-subspace',
      '–',
    ]) {
      expect(svg).toContain(text);
    }
    expect(svg.match(/<svg/g)).toHaveLength(7);
    const [actual, expected] = goldenSvg(golden('neuron-tegum.svg'), svg);
    expect(actual).toBe(expected);
  });

  it('needs at least one model', () => {
    expect(() => neuronTegumFigure([], { nFeatures: 6, nHidden: 3, seeds: 1, steps: 1 })).toThrow(
      /at least one model/,
    );
  });
});
