import { afterAll, describe, expect, it } from 'vitest';
import {
  F64_ROUNDING,
  FUSED_POWER_OF_MAX,
  packingTolerances as tol,
  relativeError,
} from '../test-support/tolerances.js';
import { kernelBackends } from '../test-support/backends.js';
import { relativeErrorOfMax } from '../test-support/random-arrays.js';
import { setBackend } from '../core/backend.js';
import type { Objective } from './objectives/objective.js';
import { createObjective } from './objectives/registry.js';
import {
  assemblePacking,
  DivergenceError,
  pack as packRun,
  packTasks,
  runPackTask,
  type PackProgress,
  sphereSettingsOf,
} from './pack.js';
import type { PackRunInput } from './pack-run-schema.js';
import { resolvePackRun } from './resolve-pack-run.js';
import {
  createSphereWorkspace,
  optimizeOnSpheres,
  type SphereSettings,
  type StepProgress,
} from './sphere-optimizer.js';
import { gram } from '../core/gram.js';

/** An objective that turns NaN after `after` evaluations, to exercise divergence detection. */
function nanAfter(after: number): Objective {
  const inner = createObjective('power', { alpha: 2 });
  let calls = 0;
  return {
    ...inner,
    fusedGradient: undefined, // the three-call path, whose value() this wraps
    value(G, n, dLdG) {
      calls++;
      return calls > after ? Number.NaN : inner.value(G, n, dLdG);
    },
  };
}

/** Packs the run that `input` resolves to (the resolver checks it; `pack` takes it as it is). */
function pack(input: PackRunInput) {
  return packRun(resolvePackRun(input));
}

/** The optimizer's complete settings for `input`'s fields, the others at their defaults. */
function settings(input: Omit<PackRunInput, 'n' | 'd'> = {}): SphereSettings {
  return sphereSettingsOf(resolvePackRun({ n: 2, d: 1, ...input }));
}

describe('optimizeOnSpheres', () => {
  it('keeps every column on the unit sphere (to float32 precision in the returned V)', () => {
    const r = pack({ n: 20, d: 5, objective: 'power', alpha: 1.5 });
    for (let j = 0; j < 20; j++) {
      let s = 0;
      for (let i = 0; i < 5; i++) s += r.V[i * 20 + j] ** 2;
      expect(Math.abs(s - 1)).toBeLessThan(tol.float32Gram);
    }
  });

  it('reproduces the same packing from the same seed and a different one from another', () => {
    const config = { n: 16, d: 4, objective: 'power', alpha: 1 } as const;
    const a = pack({ ...config, seed: 5, steps: 50 });
    const b = pack({ ...config, seed: 5, steps: 50 });
    const c = pack({ ...config, seed: 6, steps: 50 });
    expect(Array.from(a.V)).toEqual(Array.from(b.V));
    expect(Array.from(a.V)).not.toEqual(Array.from(c.V));
  });

  it('stops on relative improvement before the step limit, and at the limit when told to run on', () => {
    const converged = pack({ n: 12, d: 4, objective: 'power', steps: 5000 });
    expect(converged.runs[0].stopReason).toBe('converged');
    expect(converged.runs[0].steps).toBeLessThan(5000);
    const capped = pack({ n: 12, d: 4, objective: 'power', steps: 30 });
    expect(capped.runs[0].stopReason).toBe('max-steps');
    expect(capped.runs[0].steps).toBe(30);
  });

  it('reports progress at the stated interval with a decaying cosine learning rate', () => {
    const seen: StepProgress[] = [];
    const V = new Float64Array(3 * 10).map((_, e) => Math.sin(2 * e + 1));
    optimizeOnSpheres(
      V,
      3,
      10,
      createObjective('minimax'),
      settings({ objective: 'minimax', steps: 200 }),
      undefined,
      { onProgress: (p) => seen.push(p), every: 50 },
    );
    expect(seen.map((p) => p.step)).toEqual([0, 50, 100, 150, 200]);
    expect(seen[1].learningRate).toBeLessThan(seen[0].learningRate);
    expect(seen.every((p) => Number.isFinite(p.loss))).toBe(true);
  });

  it("passes each restart's progress to pack's callback every 100 steps, naming the shape and restart", () => {
    const seen: PackProgress[] = [];
    packRun(resolvePackRun({ n: 10, d: 3, objective: 'minimax', steps: 200, restarts: 2 }), (p) =>
      seen.push(p),
    );
    expect(seen.map((p) => [p.restart, p.step])).toEqual([
      [0, 0],
      [0, 100],
      [0, 200],
      [1, 0],
      [1, 100],
      [1, 200],
    ]);
    expect(seen.every((p) => p.shape.m === 10 && p.shape.D === 3)).toBe(true);
    expect(seen[1].learningRate).toBeLessThan(seen[0].learningRate);
  });

  it('detects divergence and says at which step', () => {
    const V = new Float64Array(3 * 6).map((_, e) => Math.sin(e + 1));
    const run = optimizeOnSpheres(V, 3, 6, nanAfter(7), settings({ steps: 100 }));
    expect(run.stopReason).toBe('diverged');
    expect(run.message).toBe('diverged at step 7: loss = NaN');
  });

  it('raises DivergenceError when every restart of a block diverged', () => {
    const config = resolvePackRun({ n: 6, d: 3, objective: 'power', restarts: 2 });
    const results = packTasks(config).map((task) => ({
      ...runPackTask(task),
      stopReason: 'diverged' as const,
      message: 'diverged at step 3: loss = NaN',
    }));
    expect(() => assemblePacking(config, results)).toThrow(DivergenceError);
    expect(() => assemblePacking(config, results)).toThrow(
      /every restart of the 6 × 3 block diverged/,
    );
  });

  it('makes tegum-constrained packings block-diagonal: pairs in different blocks are orthogonal', () => {
    const n = 30;
    const d = 9;
    const r = pack({ n, d, blocks: 3, objective: 'power', alpha: 1 });
    const G = new Float32Array(n * n);
    gram(G, r.V, d, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (Math.floor(i / 10) !== Math.floor(j / 10)) expect(G[i * n + j]).toBe(0);
      }
    }
    expect(r.maxAbsCos).toBeGreaterThan(0);
  });

  it('keeps the best of several restarts', () => {
    const one = pack({ n: 9, d: 3, objective: 'minimax', seed: 8, steps: 300 });
    const many = pack({
      n: 9,
      d: 3,
      objective: 'minimax',
      seed: 8,
      restarts: 4,
      steps: 300,
    });
    expect(many.runs).toHaveLength(4);
    expect(many.loss).toBe(Math.min(...many.runs.map((r) => r.loss)));
    expect(many.loss).toBeLessThanOrEqual(one.loss + F64_ROUNDING);
  });

  it('rejects a shape its V or workspace does not have, naming the argument', () => {
    // The run's own fields are checked by resolvePackRun (./resolve-pack-run.test.ts).
    const objective = createObjective('power');
    const s = settings({ steps: 10 });
    expect(() => optimizeOnSpheres(new Float64Array(3), 3, 1, objective, s)).toThrow(
      'n must be an integer ≥ 2, got 1',
    );
    const ws = createSphereWorkspace(1, 4);
    expect(() => optimizeOnSpheres(new Float64Array(0), 0, 4, objective, s, ws)).toThrow(
      'd must be an integer ≥ 1, got 0',
    );
    expect(() => optimizeOnSpheres(new Float64Array(11), 3, 4, objective, s)).toThrow(
      'V must have d·n = 12 entries, got 11',
    );
    expect(() =>
      optimizeOnSpheres(new Float64Array(12), 3, 4, objective, s, createSphereWorkspace(4, 3)),
    ).toThrow('workspace is for (d, n) = (4, 3), not (3, 4)');
  });
});

describe.each(await kernelBackends())('optimizeOnSpheres on the %s backend', (_l, backend, o) => {
  afterAll(() => setBackend('js'));

  it('takes the same steps through the fused power kernel as through gram, value and gramTimes', async () => {
    await setBackend(backend, o);
    for (const alpha of [0.5, 2]) {
      const fused = createObjective('power', { alpha });
      const apart: Objective = { ...fused, fusedGradient: undefined };
      const start = new Float64Array(6 * 20).map((_, e) => Math.sin(3 * e + 1));
      const [a, b] = [start.slice(), start.slice()];
      const ra = optimizeOnSpheres(a, 6, 20, fused, settings({ steps: 30 }));
      const rb = optimizeOnSpheres(b, 6, 20, apart, settings({ steps: 30 }));
      expect(relativeError(ra.loss, rb.loss)).toBeLessThan(FUSED_POWER_OF_MAX);
      expect(relativeErrorOfMax(a, b)).toBeLessThan(FUSED_POWER_OF_MAX);
    }
  });
});
