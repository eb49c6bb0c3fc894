import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlignmentStats, NeuronTegumGrid, NeuronTegumRun } from '../toy/neuron-tegum-map.js';
import type { ToyModel } from '../toy/toy-run-schema.js';
import { experiments } from './registry.js';
import {
  alignmentVerdict,
  neuronTegumExperiment,
  neuronTegumRunOf,
  neuronTegumSweepSource,
  runNeuronTegum,
  statsText,
  type NeuronTegumSource,
} from './neuron-tegum-experiment.js';

const stats = (excess: number | null, mean = 0.8): AlignmentStats => ({
  factors: excess === null ? 0 : 10,
  spanning: 1,
  mean: excess === null ? null : mean,
  sd: excess === null ? null : 0.1,
  floor: excess === null ? null : 0.2,
  random: excess === null ? null : 0.5,
  excess,
  aligned: excess === null ? null : 0.4,
});

const grid: NeuronTegumGrid = {
  models: ['relu-output', 'neuron'],
  nFeatures: 6,
  nHidden: 3,
  densities: [1, 0.3, 0.1, 0.01],
  decays: [0.8],
  seeds: 2,
  steps: 0,
  batchSize: 1,
  lr: 1,
};

/** Constructed runs: k falls and dimension grows with S for both; the neuron model's factors sit on neurons. */
const constructed: NeuronTegumSource = async (g, onProgress) => {
  onProgress(1);
  const runs: NeuronTegumRun[] = [];
  const dims: Record<number, number[]> = { 1: [1, 1, 1], 0.3: [1, 1, 1], 0.1: [1, 2], 0.01: [3] };
  for (const model of g.models as ToyModel[]) {
    for (const density of g.densities) {
      for (let seed = 0; seed < g.seeds; seed++) {
        const factors = dims[density].map((dim, i) => ({
          features: [2 * i, 2 * i + 1],
          size: 2,
          dim,
          label: `2/${dim}`,
        }));
        runs.push({
          model,
          job: { decay: 0.8, density, seed },
          summary: {
            instance: runs.length,
            seed,
            sparsity: 1 - density,
            featureProbability: density,
            loss: 0.01,
            dimsPerFeature: 0.5,
            featureDimensionality: [],
            norms: [],
            superposition: [],
            factors,
            k: factors.length,
          },
          alignment: factors.map((f) => ({
            features: f.features,
            dim: f.dim,
            alignment: model === 'neuron' ? 1 : f.dim === 3 ? 1 : 0.5,
            neurons: [0],
          })),
        });
      }
    }
  }
  return runs;
};

describe('the neuron-tegum experiment', () => {
  it('calls the factors neuron-aligned when the neuron model is ≥ ½ of the way from random and ¼ beyond the control', () => {
    expect(alignmentVerdict(stats(0.8), stats(0.1))).toBe('holds');
    expect(alignmentVerdict(stats(0.5), stats(0.3))).toBe('mixed');
    expect(alignmentVerdict(stats(0.3), stats(0.25))).toBe('fails');
    expect(alignmentVerdict(stats(0.2), stats(-0.3))).toBe('fails');
    expect(alignmentVerdict(stats(null), stats(0.1))).toBe('mixed');
  });

  it('states an alignment with its spread, baselines and the factors left out', () => {
    expect(statsText(stats(0.6))).toBe(
      '0.80 ± 0.10 over 10 factors (a random subspace of the same dimension 0.50, the floor r/m 0.20; 40% at ≥ 0.9; excess over random 0.60; 1 spanning all dimensions left out)',
    );
    expect(statsText(stats(null))).toBe('no factor narrower than the hidden space (1 spanning it)');
  });

  it('writes its data and figure and returns the claim’s and the alignment’s sections with verdicts from the numbers', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-neuron-tegum-'));
    try {
      const [claim, alignment] = await runNeuronTegum({
        grid,
        out,
        relDir: 'neuron-tegum',
        full: false,
        source: constructed,
      });
      expect(claim.id).toBe('neuron-tegum-claim');
      expect(claim.verdict).toBe('holds');
      expect(claim.summary).toContain('neuron: r = 0.8 holds');
      expect(claim.summary).toContain('one factor spanning all 3 dimensions from S = 0.99');
      expect(claim.summary).toContain('agree on 1 of 1 rows');
      expect(claim.table?.rows).toHaveLength(2);
      expect(alignment.id).toBe('neuron-tegum-alignment');
      // Neuron: 8 factors narrower than m per seed, each at 1; the control's at 0.5.
      expect(alignment.verdict).toBe('holds');
      expect(alignment.summary).toContain('neuron: mean alignment 1.00 ± 0.00 over 16 factors');
      expect(alignment.table?.rows[3]).toEqual([0.99, '–', '–', '–', '–', '–', '–']);
      const runs = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n');
      expect(runs).toHaveLength(1 + 2 * 4 * 2);
      expect(readFileSync(join(out, 'neuron-tegum.svg'), 'utf8')).toContain('alignment per S');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('reads each trained job back from the sweep engine with its factors’ alignment', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-neuron-tegum-sweep-'));
    try {
      const tiny: NeuronTegumGrid = {
        ...grid,
        nFeatures: 4,
        nHidden: 2,
        densities: [0.5],
        seeds: 1,
        steps: 20,
        batchSize: 16,
        lr: 0.01,
      };
      const runs = await neuronTegumSweepSource(out)(tiny, () => undefined);
      expect(runs.map((r) => r.model).sort()).toEqual(['neuron', 'relu-output']);
      for (const r of runs) {
        expect(r.job).toEqual({ decay: 0.8, density: 0.5, seed: 0 });
        expect(r.alignment.map((a) => [a.features, a.dim])).toEqual(
          r.summary.factors.map((f) => [f.features, f.dim]),
        );
        for (const a of r.alignment) {
          expect(a.alignment).toBeGreaterThanOrEqual(a.dim / tiny.nHidden);
          expect(a.alignment).toBeLessThanOrEqual(1);
          expect(a.neurons).toHaveLength(a.dim);
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('rejects a stored row whose model is not a toy model', () => {
    expect(() =>
      neuronTegumRunOf({ model: 'mlp', importance: 'decay:0.8', sparsity: 0.5, seed: 0 }, 0),
    ).toThrow(/^model must be one of relu-output, linear, neuron, abs, got 'mlp'$/);
  });

  it('is registered for `tegum reproduce` after the claim map', () => {
    const ids = experiments('quick').map((e) => e.id);
    expect(ids.indexOf('neuron-tegum')).toBeGreaterThan(ids.indexOf('maps'));
    expect(experiments().find((e) => e.id === 'neuron-tegum')).toBe(neuronTegumExperiment);
  });
});
