import { describe, expect, it } from 'vitest';
import { runIdentity } from '../core/run-identity.js';
import { resolveTheoryRun, theoryModelOf } from '../theory/resolve-theory-run.js';
import { theoryModel } from '../theory/theory-model.js';
import { packConfigOf, PACKING_COSINE_TOLERANCE, resolvePackRun } from './resolve-pack-run.js';

describe('resolvePackRun', () => {
  it("writes out the optimizer's and the objective's defaults", () => {
    expect(resolvePackRun({ n: 6, d: 3, objective: 'power' })).toEqual({
      kind: 'pack',
      n: 6,
      d: 3,
      k: null,
      objective: 'power',
      objectiveParams: { alpha: 2, smoothing: 0.01 },
      seed: 0,
      restarts: 1,
      optimizer: {
        steps: 2000,
        method: 'adam',
        learningRate: 0.01,
        schedule: 'cosine',
        minLearningRateFactor: 1e-3,
        beta1: 0.9,
        beta2: 0.999,
        relativeTolerance: 1e-10,
        window: 100,
      },
      cosineTolerance: PACKING_COSINE_TOLERANCE,
      backend: 'wasm',
      threads: 1,
    });
  });

  it("takes momentum's own learning rate and gives pack() the same problem back", () => {
    const run = resolvePackRun({
      n: 8,
      d: 4,
      k: 2,
      objective: 'threshold',
      objectiveParams: { threshold: 0.2 },
      seed: 3,
      optimizer: { method: 'momentum' },
    });
    expect(run.optimizer.learningRate).toBe(0.05);
    expect(run.objectiveParams).toEqual({ threshold: 0.2, p: 2 });
    expect(packConfigOf(run)).toMatchObject({ n: 8, d: 4, k: 2, seed: 3, objective: 'threshold' });
  });

  it('names the bad field', () => {
    expect(() => resolvePackRun({ n: 6, d: 3, objective: 'power', k: 4 })).toThrow(
      'k must be an integer in [1, min(n, d)] = [1, 3], got 4',
    );
    expect(() => resolvePackRun({ n: 6, d: 3, objective: 'nope' })).toThrow(
      /unknown objective 'nope'/,
    );
    expect(() => resolvePackRun({ n: 6, d: 3, objective: 'power', cosineTolerance: 1 })).toThrow(
      'cosineTolerance must be in [0, 1), got 1',
    );
  });
});

describe("a packing run's identity", () => {
  it('is the same for 1 and 2 threads, whose numbers agree, and differs with the seed or the backend', () => {
    const base = { n: 6, d: 3, objective: 'power' };
    const one = resolvePackRun({ ...base, threads: 1 });
    const two = resolvePackRun({ ...base, threads: 2 });
    expect(two.threads).toBe(2);
    expect(runIdentity(two)).toBe(runIdentity(one));
    expect(runIdentity(resolvePackRun({ ...base, seed: 1 }))).not.toBe(runIdentity(one));
    expect(runIdentity(resolvePackRun({ ...base, backend: 'js' }))).not.toBe(runIdentity(one));
  });
});

describe('resolveTheoryRun', () => {
  it("writes out the model's defaults and gives back the same model", () => {
    const run = resolveTheoryRun({ n: 1000, d: 100, alpha: 1.5 });
    expect(run).toEqual({
      kind: 'theory',
      n: 1000,
      d: 100,
      alpha: 1.5,
      bound: 'jl-cubic',
      loss: 'post',
      epsilon0: 1,
    });
    expect(theoryModelOf(run)).toEqual(theoryModel({ n: 1000, d: 100, alpha: 1.5 }));
  });
});
