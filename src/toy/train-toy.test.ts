import { beforeAll, describe, expect, it } from 'vitest';
import { toySampleBatch } from '../core/toy-sample-batch.js';
import { createToyState } from './create-toy-state.js';
import { toyTolerances } from '../test-support/tolerances.js';
import { referenceAdam, referenceLossAndGradient } from './toy-model-f64.js';
import { dimsPerFeature } from '../geometry/dims-per-feature.js';
import { powerLinspace } from './grids.js';
import { evaluateToyLoss } from './evaluate-toy-loss.js';
import { lrSchedule } from './lr-schedule.js';
import { sparsityOf } from './presets.js';
import {
  instanceWeights,
  summarizeInstance,
  type ToyInstanceSummary,
} from './summarize-instance.js';
import { ToyDivergenceError, trainToyModels } from './train-toy.js';
import { resolveToyRun } from './resolve-toy-run.js';
import type { ToyRunInput } from './toy-run-schema.js';
import { runStretch } from './toy-chunk.js';
import { tailWindow, ToyTrainingLoop } from './training-loop.js';

const train = (input: ToyRunInput) => trainToyModels(resolveToyRun(input));

describe('trainToyModels', () => {
  it('follows a float64 reference training loop with a cosine schedule', () => {
    const config = {
      n: 7,
      m: 3,
      instances: 2,
      batchSize: 33,
      sparsity: sparsityOf([0.6, 0.2]),
      importance: [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4],
      seed: 9,
      steps: 5,
      lr: 0.02,
      schedule: 'cosine',
    } satisfies ToyRunInput;
    const trained = train(config).state;
    // The same models, trained step by step in float64 on the same batches.
    const fresh = createToyState(resolveToyRun(config));
    const { nFeatures: n, nHidden: m } = fresh;
    const X = new Float32Array(config.batchSize * n);
    const scale = lrSchedule('cosine');
    for (let i = 0; i < 2; i++) {
      const model = {
        n,
        m,
        model: 'relu-output' as const,
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
    const config = { n: 4, m: 2, instances: 2, sparsity: 0, steps: 50 };
    // Without weight decay (lr × weight decay ≥ 1 is refused before training).
    const blowUp = { ...config, lr: 1e30, weightDecay: 0 };
    expect(() => train(blowUp)).toThrow(ToyDivergenceError);
    expect(() => train(blowUp)).toThrow(
      /diverged at step \d+: .*instance.*likely cause: learning rate 1e\+30/,
    );
  });

  it('refuses lr × weight decay ≥ 1 when the run is resolved, naming both', () => {
    const config = { n: 4, m: 2, instances: 1, sparsity: 0, steps: 5 };
    expect(() => resolveToyRun({ ...config, lr: 100 })).toThrow(
      /lr × weightDecay must be < 1, got 100 × 0.01 = 1/,
    );
    expect(() => resolveToyRun({ ...config, lr: 1, weightDecay: 0.99 })).not.toThrow();
  });

  it('rejects a bad step count, learning rate or schedule name when the run is resolved', () => {
    const config = { n: 4, m: 2, instances: 1, sparsity: 0 };
    expect(() => resolveToyRun({ ...config, steps: -1 })).toThrow(/steps must be an integer ≥ 0/);
    expect(() => resolveToyRun({ ...config, lr: 0 })).toThrow(/lr must be a finite number > 0/);
    expect(() => resolveToyRun({ ...config, schedule: 'step' })).toThrow(
      /schedule must be one of constant, linear, cosine.*, got 'step'/,
    );
  });
});

describe('the training loop', () => {
  const run = resolveToyRun({
    n: 6,
    m: 2,
    sparsity: [0, 0.7, 0.95],
    batchSize: 32,
    steps: 130,
    lr: 1e-2,
    schedule: 'linear',
    seed: 2,
  });

  it('covers the steps in stretches and rejects a stretch of no steps', () => {
    expect(new ToyTrainingLoop({ ...run, steps: 10 }, 4).stretches()).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(new ToyTrainingLoop({ ...run, steps: 0 }, 4).stretches()).toEqual([]);
    expect(() => new ToyTrainingLoop(run, 0)).toThrow(
      'steps per stretch must be an integer ≥ 1, got 0',
    );
    expect(tailWindow(30)).toBe(30);
    expect(tailWindow(130)).toBe(100);
  });

  it('trains the same numbers whatever the stretch, reporting progress after each', () => {
    const seen: number[] = [];
    const short = trainToyModels(run, (p) => seen.push(p.step), 7);
    expect(seen).toEqual([...Array.from({ length: 18 }, (_, k) => 7 * (k + 1)), 130]);
    const long = trainToyModels(run);
    expect(Array.from(short.state.W)).toEqual(Array.from(long.state.W));
    expect(Array.from(short.state.b)).toEqual(Array.from(long.state.b));
    expect(Array.from(short.finalLoss)).toEqual(Array.from(long.finalLoss));
  });

  it("reports the mean batch loss of the last min(100, steps) steps, each step's losses seen", () => {
    const state = createToyState(run);
    const losses: number[][] = [];
    const outcome = runStretch(state, run, 0, run.steps, 0, (l) => losses.push(Array.from(l)));
    expect(losses).toHaveLength(130);
    expect(outcome).toMatchObject({ offset: 0, divergedAt: 0, badInstances: [] });
    expect(Array.from(outcome.lastLoss)).toEqual(losses[129].map(Math.fround));
    const final = trainToyModels(run).finalLoss;
    for (let i = 0; i < 3; i++) {
      let tail = 0;
      for (let t = 30; t < 130; t++) tail += losses[t][i];
      expect(final[i]).toBe(tail / 100);
    }
    expect(Array.from(state.W)).toEqual(Array.from(trainToyModels(run).state.W));
  });

  it('stops a stretch at the first non-finite loss and names the instances, offset into the run', () => {
    const state = createToyState(run);
    state.W[2 * run.m * run.n] = Number.NaN; // instance 2
    const outcome = runStretch(state, run, 0, 10, 5);
    expect(outcome).toMatchObject({ offset: 5, divergedAt: 1, badInstances: [2] });
    const loop = new ToyTrainingLoop({ ...run, instances: 8 }, 10);
    expect(() => loop.record(10, [outcome])).toThrow(ToyDivergenceError);
    expect(() => loop.record(10, [outcome])).toThrow(
      /diverged at step 1: loss not finite for instance\(s\) 7; likely cause/,
    );
  });
});

describe('the intro model (5 features in 2 dimensions, importance 0.9^i)', () => {
  // Shortened from the notebook's 10,000 steps at lr 1e-3, batch 1024: the same
  // minima appear at lr 1e-2, batch 256, 1,500 steps.
  // Each sparsity repeated once per seed: instances 0–3 at S = 0, 4–7 at S = 0.9, seeds 0–7.
  const seedsPerPoint = 4;
  const sparsity = sparsityOf([1, 0.1]);
  let runs: ToyInstanceSummary[] = [];
  beforeAll(() => {
    const run = resolveToyRun({
      n: 5,
      m: 2,
      instances: sparsity.length * seedsPerPoint,
      sparsity,
      importance: [1, 0.9, 0.81, 0.729, 0.6561],
      batchSize: 256,
      steps: 1500,
      lr: 1e-2,
      seed: 0,
    });
    expect(run.sparsity).toEqual([0, 0, 0, 0, 0.9, 0.9, 0.9, 0.9]);
    const { state } = trainToyModels(run);
    const loss = evaluateToyLoss(new Float64Array(state.nInstances), state, 8);
    runs = Array.from({ length: run.instances }, (_, i) =>
      summarizeInstance(state, i, loss[i], run.seed + i),
    );
  });

  it('represents only the two most important dense features, orthogonally', () => {
    const dense = runs.filter((r) => r.sparsity === 0);
    expect(dense.map((r) => r.seed)).toEqual([0, 1, 2, 3]);
    for (const r of dense) {
      expect(r.factors).toEqual([
        { features: [0], size: 1, dim: 1, label: 'dedicated' },
        { features: [1], size: 1, dim: 1, label: 'dedicated' },
      ]);
    }
  });

  it('makes the lowest-loss seed at S = 0.9 a pentagon', () => {
    const sparse = runs.filter((r) => r.sparsity > 0.89 && r.sparsity < 0.91);
    expect(sparse.map((r) => r.seed)).toEqual([4, 5, 6, 7]);
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
      n: 20,
      m: 4,
      instances: featureProbability.length,
      importance: 1,
      sparsity: sparsityOf(featureProbability),
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
