import { beforeAll, describe, expect, it } from 'vitest';
import { toySampleBatch } from '../core/toy-sample-batch.js';
import { createToyState } from '../core/toy-state.js';
import { toyTolerances } from '../test-support/tolerances.js';
import { referenceAdam, referenceLossAndGradient } from '../test-support/toy-reference-f64.js';
import { dimsPerFeature } from '../geometry/dims-per-feature.js';
import { powerLinspace } from './grids.js';
import { evaluateToyLoss } from './evaluate-toy-loss.js';
import { lrSchedule } from './lr-schedule.js';
import { repeatPerSeed } from './presets.js';
import {
  instanceWeights,
  summarizeInstance,
  type ToyInstanceSummary,
} from './summarize-instance.js';
import { ToyDivergenceError, trainToyModels } from './train-toy.js';
import { resolveToyRun, type ToyRunInput } from './resolve-toy-run.js';

const train = (input: ToyRunInput) => trainToyModels(resolveToyRun(input));

describe('trainToyModels', () => {
  it('follows a float64 reference training loop with a cosine schedule', () => {
    const config = {
      nFeatures: 7,
      nHidden: 3,
      nInstances: 2,
      batchSize: 33,
      featureProbability: [0.6, 0.2],
      importance: [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4],
      seed: 9,
      steps: 5,
      lr: 0.02,
      schedule: 'cosine',
    };
    const trained = train(config).state;
    // The same models, trained step by step in float64 on the same batches.
    const fresh = createToyState(config);
    const { nFeatures: n, nHidden: m } = fresh;
    const X = new Float32Array(config.batchSize * n);
    const scale = lrSchedule('cosine');
    for (let i = 0; i < 2; i++) {
      const model = {
        n,
        m,
        relu: true,
        W: Float64Array.from(fresh.W.subarray(i * m * n, (i + 1) * m * n)),
        b: new Float64Array(n),
        importance: Float64Array.from(config.importance),
      };
      const mom = [new Float64Array(m * n), new Float64Array(m * n)];
      const momB = [new Float64Array(n), new Float64Array(n)];
      for (let t = 0; t < config.steps; t++) {
        toySampleBatch(X, fresh, i);
        const r = referenceLossAndGradient(model, X, config.batchSize);
        const o = {
          lr: config.lr * scale(t, config.steps),
          beta1: 0.9,
          beta2: 0.999,
          eps: 1e-8,
          weightDecay: 0.01,
          decoupled: true,
          step: t + 1,
        };
        referenceAdam(model.W, r.gW, mom[0], mom[1], o);
        referenceAdam(model.b, r.gb, momB[0], momB[1], o);
      }
      const W = trained.W.subarray(i * m * n, (i + 1) * m * n);
      for (let k = 0; k < W.length; k++) {
        expect(Math.abs(W[k] - model.W[k])).toBeLessThan(toyTolerances.kernelF32VsF64);
      }
      // The schedule matters: a constant rate ends elsewhere.
      const constant = train({ ...config, schedule: 'constant' }).state.W;
      expect(Math.abs(constant[i * m * n] - model.W[0])).toBeGreaterThan(1e-3);
    }
  });

  it('stops with a ToyDivergenceError naming the step and instances when the loss blows up', () => {
    const config = { nFeatures: 4, nHidden: 2, nInstances: 2, featureProbability: 1, steps: 50 };
    expect(() => train({ ...config, lr: 1e30 })).toThrow(ToyDivergenceError);
    expect(() => train({ ...config, lr: 1e30 })).toThrow(/diverged at step \d+: .*instance/);
  });

  it('rejects a bad step count, learning rate or schedule name when the run is resolved', () => {
    const config = { nFeatures: 4, nHidden: 2, nInstances: 1, featureProbability: 1 };
    expect(() => resolveToyRun({ ...config, steps: -1 })).toThrow(/steps must be a non-negative/);
    expect(() => resolveToyRun({ ...config, lr: 0 })).toThrow(/lr must be a finite number > 0/);
    expect(() => resolveToyRun({ ...config, schedule: 'step' })).toThrow(
      /unknown lr schedule 'step' \(allowed: constant, linear, cosine/,
    );
  });
});

describe('the intro model (5 features in 2 dimensions, importance 0.9^i)', () => {
  // Shortened from the notebook's 10,000 steps at lr 1e-3, batch 1024: the same
  // minima appear at lr 1e-2, batch 256, 1,500 steps.
  const seedsPerPoint = 4;
  const grid = repeatPerSeed([1, 0.1], seedsPerPoint, 0);
  let runs: ToyInstanceSummary[] = [];
  beforeAll(() => {
    const { state } = train({
      nFeatures: 5,
      nHidden: 2,
      nInstances: grid.seeds.length,
      importance: [1, 0.9, 0.81, 0.729, 0.6561],
      batchSize: 256,
      steps: 1500,
      lr: 1e-2,
      ...grid,
    });
    const loss = evaluateToyLoss(new Float64Array(state.nInstances), state, 8);
    runs = grid.seeds.map((seed, i) => summarizeInstance(state, i, loss[i], seed));
  });

  it('represents only the two most important dense features, orthogonally', () => {
    for (const r of runs.filter((r) => r.sparsity === 0)) {
      expect(r.factors).toEqual([
        { features: [0], size: 1, dim: 1, label: 'dedicated' },
        { features: [1], size: 1, dim: 1, label: 'dedicated' },
      ]);
    }
  });

  it('makes the lowest-loss seed at S = 0.9 a pentagon', () => {
    const sparse = runs.filter((r) => r.sparsity > 0.89 && r.sparsity < 0.91);
    const best = sparse.reduce((a, b) => (b.loss < a.loss ? b : a));
    expect(best.k).toBe(1);
    expect(best.factors[0]).toMatchObject({ size: 5, dim: 2, label: 'pentagon' });
  });
});

describe('the geometry model across sparsity (scaled down: 20 features in 4 dimensions)', () => {
  // The preset is 200 features in 20 dimensions for 10,000 steps; the same curve,
  // m/‖W‖_F² from 1 through a plateau at 1/2 and on down, shows at this size in
  // 1,500 steps at lr 1e-2, batch 128.
  const featureProbability = powerLinspace(20, 8);
  let dims: number[] = [];
  beforeAll(() => {
    const { state } = train({
      nFeatures: 20,
      nHidden: 4,
      nInstances: featureProbability.length,
      importance: 1,
      featureProbability,
      batchSize: 128,
      steps: 1500,
      lr: 1e-2,
    });
    dims = featureProbability.map((_, i) => dimsPerFeature(instanceWeights(state, i), 4, 20));
  });

  it('starts at one dimension per feature for dense features', () => {
    expect(Math.abs(dims[0] - 1)).toBeLessThan(toyTolerances.trainedDimsPerFeature);
  });

  it('falls with sparsity through a plateau near 1/2 (antipodal pairs)', () => {
    const near = dims.map((d) => Math.abs(d - 0.5) < toyTolerances.trainedDimsPerFeature);
    expect(near.some((v, i) => v && near[i + 1])).toBe(true);
    for (let i = 1; i < dims.length; i++) expect(dims[i]).toBeLessThan(dims[i - 1] + 0.05);
    expect(dims[dims.length - 1]).toBeLessThan(0.4);
  });
});
