import { describe, expect, it } from 'vitest';
import { F64_DIGITS, MONTE_CARLO_SIGMAS } from '../test-support/tolerances.js';
import { planSweep } from '../sweep/plan-sweep.js';
import {
  alignmentStats,
  neuronTegumMap,
  neuronTegumSpec,
  randomBaselines,
  type NeuronTegumGrid,
  type NeuronTegumRun,
} from './neuron-tegum-map.js';
import type { ToyModel } from './toy-run-schema.js';

const grid: NeuronTegumGrid = {
  models: ['relu-output', 'neuron'],
  nFeatures: 6,
  nHidden: 3,
  densities: [1, 0.1, 0.01],
  decays: [0.8],
  seeds: 2,
  steps: 0,
  batchSize: 1,
  lr: 1,
};

/** A constructed run whose factors have the given (dim, alignment), two features each. */
function run(
  model: ToyModel,
  density: number,
  seed: number,
  factors: [dim: number, alignment: number][],
): NeuronTegumRun {
  const fs = factors.map(([dim], i) => ({
    features: [2 * i, 2 * i + 1],
    size: 2,
    dim,
    label: `2/${dim}`,
  }));
  return {
    model,
    job: { decay: 0.8, density, seed },
    summary: {
      instance: 0,
      seed,
      sparsity: 1 - density,
      featureProbability: density,
      loss: 0.1,
      dimsPerFeature: 0.5,
      featureDimensionality: [],
      norms: [],
      superposition: [],
      factors: fs,
      k: fs.length,
    },
    alignment: factors.map(([dim, alignment], i) => ({
      features: [2 * i, 2 * i + 1],
      dim,
      alignment,
      neurons: Array.from({ length: dim }, (_, k) => k),
    })),
  };
}

describe('tegum factors in a privileged basis, as a map', () => {
  it('plans one toy job per (model, decay, density, seed), the model an axis', () => {
    const plan = planSweep(neuronTegumSpec(grid));
    expect(plan.jobs).toHaveLength(2 * 1 * 3 * 2);
    expect(plan.axisColumns.map((c) => c.name)).toEqual(['model', 'importance', 'sparsity']);
    const job = plan.jobs.find((j) => j.point.model === 'neuron' && j.point.sparsity === 0.99);
    expect(job?.config).toMatchObject({ model: 'neuron', n: 6, m: 3, sparsity: [0.99] });
  });

  it('takes a random subspace’s baseline by Monte Carlo: 1/2 + 1/π for one direction in two neurons', () => {
    const [none, one] = randomBaselines(2);
    expect(none).toBeNaN();
    // The baseline's 2000 draws of max(cos²θ, sin²θ) have sd < 0.15: SE < 0.0034.
    expect(Math.abs(one - (0.5 + 1 / Math.PI))).toBeLessThan(MONTE_CARLO_SIGMAS * 0.0034);
  });

  it('averages the alignment over factors narrower than m, against the floor r/m and a random subspace', () => {
    const b = [Number.NaN, 0.6, 0.8];
    const runs = [
      run('neuron', 1, 0, [
        [1, 1],
        [2, 0.9],
        [3, 1],
      ]),
      run('neuron', 1, 1, [[1, 0.6]]),
    ];
    const s = alignmentStats(runs, 3, b);
    expect(s.factors).toBe(3);
    expect(s.spanning).toBe(1);
    const mean = (1 + 0.9 + 0.6) / 3;
    expect(s.mean).toBeCloseTo(mean, F64_DIGITS);
    expect(s.sd).toBeCloseTo(
      Math.sqrt(((1 - mean) ** 2 + (0.9 - mean) ** 2 + (0.6 - mean) ** 2) / 3),
      F64_DIGITS,
    );
    expect(s.floor).toBeCloseTo((1 / 3 + 2 / 3 + 1 / 3) / 3, F64_DIGITS);
    expect(s.random).toBeCloseTo((0.6 + 0.8 + 0.6) / 3, F64_DIGITS);
    // (1 − 0.6)/0.4 = 1, (0.9 − 0.8)/0.2 = 0.5, (0.6 − 0.6)/0.4 = 0.
    expect(s.excess).toBeCloseTo(0.5, F64_DIGITS);
    expect(s.aligned).toBeCloseTo(2 / 3, F64_DIGITS);
    expect(alignmentStats([run('neuron', 1, 0, [[3, 1]])], 3, b)).toMatchObject({
      factors: 0,
      spanning: 1,
      mean: null,
      excess: null,
    });
  });

  it('judges the claim per model and correlates S with the alignment’s excess over random', () => {
    const runs: NeuronTegumRun[] = [];
    for (const seed of [0, 1]) {
      // Control: three dedicated features when dense, one spanning factor when sparse.
      runs.push(
        run('relu-output', 1, seed, [
          [1, 0.5],
          [1, 0.6],
          [1, 0.55],
        ]),
      );
      runs.push(
        run('relu-output', 0.1, seed, [
          [1, 0.6],
          [2, 0.7],
        ]),
      );
      runs.push(run('relu-output', 0.01, seed, [[3, 1]]));
      // Neuron model: the same factors, more aligned as S grows.
      runs.push(
        run('neuron', 1, seed, [
          [1, 0.7],
          [1, 0.7],
          [1, 0.7],
        ]),
      );
      runs.push(
        run('neuron', 0.1, seed, [
          [1, 0.9 + 0.05 * seed],
          [2, 0.95],
        ]),
      );
      runs.push(run('neuron', 0.01, seed, [[2, 1]]));
    }
    const maps = neuronTegumMap(grid, runs);
    expect(maps.map((m) => m.model)).toEqual(['relu-output', 'neuron']);
    const [control, neuron] = maps;
    expect(control.rows[0].analysis.verdict).toBe('holds');
    expect(neuron.cells.map((c) => c.meanK)).toEqual([3, 2, 1]);
    expect(control.alignmentPoints.map((p) => p.factors)).toEqual([6, 4, 0]);
    expect(control.alignmentPoints[2]).toMatchObject({ spanning: 2, mean: null });
    expect(neuron.alignmentCells).toHaveLength(3);
    expect(neuron.alignmentPoints[2].mean).toBe(1);
    expect(neuron.rhoExcess).toBeGreaterThan(0.8);
    expect(neuron.overall.factors).toBe(12);
  });
});
