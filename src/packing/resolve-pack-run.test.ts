import { describe, expect, it } from 'vitest';
import { runIdentity } from '../core/run-identity.js';
import { resolveTheoryRun } from '../theory/resolve-theory-run.js';
import { theoryModel } from '../theory/theory-model.js';
import { objectiveParamsOf, pack, packTasks, sphereSettingsOf } from './pack.js';
import type { PackRunInput } from './pack-run-schema.js';
import { PACKING_COSINE_TOLERANCE, resolvePackRun } from './resolve-pack-run.js';

describe('resolvePackRun', () => {
  it("writes out the optimizer's and the objective's defaults, the other objectives' parameters null", () => {
    expect(resolvePackRun({ n: 6, d: 3, objective: 'power' })).toEqual({
      kind: 'pack',
      n: 6,
      d: 3,
      objective: 'power',
      alpha: 2,
      smoothing: 0.01,
      threshold: null,
      p: null,
      betaStart: null,
      betaEnd: null,
      blocks: null,
      seed: 0,
      restarts: 1,
      steps: 2000,
      optimizer: 'adam',
      lr: 0.01,
      schedule: 'cosine',
      minLrFactor: 1e-3,
      beta1: 0.9,
      beta2: 0.999,
      relativeTolerance: 1e-10,
      window: 100,
      cosineTolerance: PACKING_COSINE_TOLERANCE,
      backend: 'wasm',
      threads: 1,
    });
  });

  it("takes momentum's own learning rate and gives pack() the same problem back", () => {
    const run = resolvePackRun({
      n: 8,
      d: 4,
      blocks: 2,
      objective: 'threshold',
      threshold: 0.2,
      seed: 3,
      optimizer: 'momentum',
    });
    expect(run.lr).toBe(0.05);
    expect(run).toMatchObject({ threshold: 0.2, p: 2, alpha: null, smoothing: null });
    expect(objectiveParamsOf(run)).toEqual({ threshold: 0.2, p: 2 });
    expect(run).toMatchObject({ n: 8, d: 4, blocks: 2, seed: 3, objective: 'threshold' });
    const r = pack({ ...run, steps: 20 });
    expect(r).toMatchObject({ n: 8, d: 4, k: 2, constrained: true });
    expect(r.objective).toMatchObject({ name: 'threshold', params: { threshold: 0.2, p: 2 } });
    expect(packTasks(run).every((t) => t.optimizer.optimizer === 'momentum')).toBe(true);
    expect(sphereSettingsOf(run)).toEqual({
      steps: 2000,
      optimizer: 'momentum',
      lr: 0.05,
      schedule: 'cosine',
      minLrFactor: 1e-3,
      beta1: 0.9,
      beta2: 0.999,
      relativeTolerance: 1e-10,
      window: 100,
    });
  });

  it('resolves a resolved run to itself', () => {
    const run = resolvePackRun({ n: 9, d: 3, objective: 'minimax', blocks: 3, restarts: 2 });
    // The resolved form writes null for 'none' (no blocks, another objective's parameter).
    expect(resolvePackRun(run as PackRunInput)).toEqual(run);
    const target = { auto: 'native', cores: 16 } as const;
    const onCores = resolvePackRun({ n: 20, d: 4, restarts: 3, backend: 'auto' }, target);
    expect(onCores).toMatchObject({ backend: 'native', threads: 3 });
    expect(resolvePackRun(onCores as PackRunInput, target)).toEqual(onCores);
  });

  it("runs on as many threads as it has tasks, or on the kernels' threads for one task", () => {
    const target = { auto: 'wasm', cores: 8 } as const;
    const base = { n: 12, d: 4, objective: 'power' } as const;
    expect(resolvePackRun({ ...base, restarts: 3 }, target).threads).toBe(3);
    expect(resolvePackRun({ ...base, restarts: 3, threads: 2 }, target).threads).toBe(2);
    expect(resolvePackRun({ ...base, restarts: 20 }, target).threads).toBe(8);
    expect(resolvePackRun(base, target).threads).toBe(8);
    expect(resolvePackRun({ ...base, backend: 'js' }, target).threads).toBe(1);
    // Blocks of one shape are one task per restart: 4 blocks of 3 vectors in R¹, 5 restarts.
    expect(resolvePackRun({ ...base, blocks: 4, restarts: 5 }, target).threads).toBe(5);
  });

  it('names the bad field and what is allowed', () => {
    expect(() => resolvePackRun({ n: 6, d: 3, objective: 'power', blocks: 4 })).toThrow(
      'blocks must be an integer in [1, min(n, d)] = [1, 3], got 4',
    );
    expect(() => resolvePackRun({ n: 6, d: 3, objective: 'nope' })).toThrow(
      "objective must be one of power, threshold, minimax, got 'nope'",
    );
    expect(() => resolvePackRun({ n: 6, d: 3, objective: 'power', cosineTolerance: 1 })).toThrow(
      'cosineTolerance must be in [0, 1), got 1',
    );
    expect(() => resolvePackRun({ n: 1, d: 3 })).toThrow('n must be an integer ≥ 2, got 1');
    expect(() => resolvePackRun({ n: 8, d: 3, restarts: 0 })).toThrow(
      'restarts must be an integer ≥ 1, got 0',
    );
    expect(() => resolvePackRun({ n: 8, d: 3, steps: 0 })).toThrow(
      'steps must be an integer ≥ 1, got 0',
    );
    expect(() => resolvePackRun({ n: 8, d: 3, steps: 2.5 })).toThrow(
      'steps must be an integer ≥ 1, got 2.5',
    );
    expect(() => resolvePackRun({ n: 8, d: 3, lr: -1 })).toThrow(
      'lr must be a finite number > 0, got -1',
    );
    expect(() => resolvePackRun({ n: 8, d: 3, minLrFactor: 2 })).toThrow(
      'minLrFactor must be in [0, 1], got 2',
    );
    expect(() => resolvePackRun({ n: 8, d: 3, beta1: 1 })).toThrow(
      'beta1 must be in [0, 1), got 1',
    );
    expect(() => resolvePackRun({ n: 8, d: 3, window: 0 })).toThrow(
      'window must be an integer ≥ 1, got 0',
    );
    expect(() => resolvePackRun({ n: 8, d: 3, optimizer: 'sgd' as 'adam' })).toThrow(
      "optimizer must be one of adam, momentum, got 'sgd'",
    );
    expect(() => resolvePackRun({ n: 8, d: 3, schedule: 'linear' as 'cosine' })).toThrow(
      "schedule must be one of cosine, constant, got 'linear'",
    );
    expect(() => resolvePackRun({ n: 8, d: 3, threads: 0 })).toThrow(
      'threads must be an integer from 1 to 1024, got 0',
    );
    expect(() => resolvePackRun({ d: 3 })).toThrow('n is required');
    expect(() => resolvePackRun({ n: 8 })).toThrow('d is required');
  });

  it("lets the objective check its own parameters and refuses another objective's", () => {
    expect(() => resolvePackRun({ n: 6, d: 3, objective: 'power', alpha: 0 })).toThrow(/alpha/);
    expect(() => resolvePackRun({ n: 6, d: 3, objective: 'threshold', threshold: 1 })).toThrow(
      /threshold/,
    );
    expect(() => resolvePackRun({ n: 6, d: 3, objective: 'minimax', alpha: 1 })).toThrow(
      'alpha does not apply to objective minimax (it takes: betaStart, betaEnd)',
    );
    expect(() => resolvePackRun({ n: 6, d: 3, objective: 'power', threshold: 0.1 })).toThrow(
      'threshold does not apply to objective power (it takes: alpha, smoothing)',
    );
  });

  it('refuses an unknown key, naming it and the allowed ones (the old names included)', () => {
    for (const key of ['k', 'method', 'learningRate', 'objectiveParams', 'constrainedK']) {
      expect(() => resolvePackRun({ n: 6, d: 3, [key]: 1 } as PackRunInput)).toThrow(
        new RegExp(`^unknown pack run key '${key}' \\(allowed: n, d, objective, alpha, .*blocks, `),
      );
    }
    expect(() => resolvePackRun({ kind: 'toy', n: 6, d: 3 } as PackRunInput)).toThrow(
      "kind must be 'pack' here, got 'toy'",
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
    expect(theoryModel(run)).toEqual(theoryModel({ n: 1000, d: 100, alpha: 1.5 }));
  });
});
