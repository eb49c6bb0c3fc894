import { describe, expect, it } from 'vitest';
import { ResourceError } from '../core/errors.js';
import { planSweep, SweepSpecError } from './plan-sweep.js';
import { MAX_SWEEP_JOBS } from './sweep-size.js';

const spec = {
  name: 'my-sweep',
  kind: 'toy',
  base: { n: 5, m: 2, steps: 100, importance: 'decay:0.9' },
  axes: { sparsity: [0, 0.5, 0.9], lr: { logspace: [-3, -2], num: 3 } },
  seeds: 4,
};

function problem(raw: unknown): string {
  try {
    planSweep(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(SweepSpecError);
    return (err as Error).message;
  }
  throw new Error('the spec was accepted');
}

describe('planSweep', () => {
  it('makes one job per point × seed, each keyed by its resolved config', () => {
    const plan = planSweep(spec);
    expect(plan.jobs).toHaveLength(3 * 3 * 4);
    expect(new Set(plan.jobs.map((j) => j.key)).size).toBe(36);
    const j = plan.jobs[9];
    expect(j.point).toEqual({ sparsity: 0, lr: 0.01 });
    expect(j.seed).toBe(1);
    expect(j.config).toMatchObject({
      kind: 'toy',
      instances: 1,
      n: 5,
      m: 2,
      sparsity: [0],
      lr: 0.01,
      seed: 1,
      weightDecay: 0.01,
      threads: 1,
    });
    expect(plan.axisColumns).toEqual([
      { name: 'sparsity', type: 'DOUBLE' },
      { name: 'lr', type: 'DOUBLE' },
    ]);
  });

  it('keeps the keys of existing points when an axis gains values', () => {
    const before = planSweep(spec).jobs.map((j) => j.key);
    const after = planSweep({ ...spec, axes: { ...spec.axes, sparsity: [0, 0.5, 0.9, 0.99] } });
    const keys = after.jobs.map((j) => j.key);
    expect(before.every((k) => keys.includes(k))).toBe(true);
    expect(keys.filter((k) => !before.includes(k))).toHaveLength(12);
  });

  it('plans pack and theory sweeps with the seed in the pack config only', () => {
    const pack = planSweep({
      name: 'p',
      kind: 'pack',
      base: { n: 6, d: 3 },
      axes: { blocks: [1, 3] },
      seeds: [0, 7],
    });
    const packConfigs = pack.jobs.map((j) => j.config as { seed: number; blocks: number });
    expect(packConfigs.map((c) => c.seed)).toEqual([0, 7, 0, 7]);
    expect(packConfigs.map((c) => c.blocks)).toEqual([1, 1, 3, 3]);
    expect(pack.axisColumns).toEqual([{ name: 'blocks', type: 'DOUBLE' }]);
    const theory = planSweep({
      name: 't',
      kind: 'theory',
      base: { n: 100, d: 10 },
      axes: { alpha: [1, 2] },
      seeds: 2,
    });
    expect(theory.jobs[0].key).toBe(theory.jobs[1].key);
    expect(theory.jobs[0].seed).not.toBe(theory.jobs[1].seed);
  });

  it.each([
    [{ ...spec, name: 'a b' }, /^spec: name: must be a name of letters/],
    [{ ...spec, kind: 'toys' }, /^spec: kind: must be one of toy, pack, theory(, |$)/],
    [
      { ...spec, extra: 1 },
      /^spec: extra: unknown key \(allowed keys: name, kind, base, axes, seeds, keep\)/,
    ],
    [
      { ...spec, axes: { lr: { logspace: [-3], num: 3 } } },
      /^spec: axes\.lr: must be a non-empty list of values, \{ logspace/,
    ],
    [{ ...spec, axes: { lr: [] } }, /^spec: axes\.lr: must be a non-empty list/],
    [{ ...spec, seeds: 0 }, /^spec: seeds: must be a count ≥ 1/],
    [{ ...spec, keep: ['gradients'] }, /^spec: keep\.0: must list only 'weights'/],
    [
      { ...spec, base: { ...spec.base, foo: 1 } },
      /^spec: base\.foo: unknown key \(allowed for kind toy: n, m, sparsity/,
    ],
    [{ ...spec, axes: { width: [1, 2] } }, /^spec: axes\.width: unknown key/],
    [
      { ...spec, axes: { steps: [1, 2] } },
      'spec: axes.steps: also set in base (an axis gives all its values)',
    ],
    [
      { ...spec, base: { ...spec.base, lr: -1 }, axes: { sparsity: [0] } },
      'spec: base.lr: lr must be a finite number > 0, got -1',
    ],
    [
      { ...spec, axes: { sparsity: [0, 1.5] } },
      'spec: axes.sparsity: sparsity must be in [0, 1), got 1.5',
    ],
    [{ ...spec, base: { m: 2 }, axes: { sparsity: [0] } }, /^spec: base\.n: n is required/],
    [
      { name: 'p', kind: 'pack', base: { n: 6, d: 3 }, axes: { k: [1, 2] } },
      /^spec: axes\.k: unknown key \(allowed for kind pack: n, d, objective, alpha, smoothing, threshold, p, betaStart, betaEnd, blocks, restarts, steps, optimizer, lr, /,
    ],
    [
      { name: 'p', kind: 'pack', base: { n: 6, d: 3 }, axes: { constrainedK: [1, 2] } },
      /^spec: axes\.constrainedK: unknown key \(allowed for kind pack: /,
    ],
    [
      { name: 'p', kind: 'pack', base: { n: 6, d: 3, method: 'adam' }, axes: { blocks: [1] } },
      /^spec: base\.method: unknown key \(allowed for kind pack: /,
    ],
    [
      { name: 'p', kind: 'pack', base: { n: 6, d: 3, seed: 1 }, axes: { blocks: [1] } },
      /^spec: base\.seed: unknown key \(allowed for kind pack: /,
    ],
    [
      { ...spec, axes: { featureProbability: [0.1, 0.5] } },
      /^spec: axes\.featureProbability: unknown key \(allowed for kind toy: n, m, sparsity/,
    ],
    [
      { name: 'p', kind: 'pack', base: { n: 6, d: 3 }, axes: { blocks: [1, 4] } },
      'spec: axes.blocks: blocks must be an integer in [1, min(n, d)] = [1, 3], got 4',
    ],
    [{ ...spec, axes: { sparsity: [0, 0] } }, /^spec: axes: two grid points give the same run/],
  ])('rejects a bad spec with one line naming the key path (%#)', (raw, message) => {
    const m = problem(raw);
    expect(m).not.toContain('\n');
    if (typeof message === 'string') expect(m).toBe(message);
    else expect(m).toMatch(message);
  });

  it('refuses a grid of 10¹² jobs before expanding it, naming the axis lengths and the limit', () => {
    const t0 = performance.now();
    const huge = {
      ...spec,
      axes: { lr: { logspace: [-4, -1], num: 1e6 }, sparsity: { linspace: [0, 0.9], num: 1e6 } },
      seeds: 1,
    };
    expect(() => planSweep(huge)).toThrow(ResourceError);
    expect(() => planSweep(huge)).toThrow(
      'spec: the grid has 1,000,000,000,000 jobs (1,000,000 × 1,000,000 × 1 seed); a sweep may have at most 1,000,000 — use fewer values or seeds, or split it into several sweeps',
    );
    // Refused in a moment: expanding would take minutes, then exhaust the heap.
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('refuses one job more than MAX_SWEEP_JOBS', () => {
    const over = {
      ...spec,
      axes: { lr: { logspace: [-4, -1], num: MAX_SWEEP_JOBS + 1 } },
      seeds: 1,
    };
    expect(() => planSweep(over)).toThrow(
      /^spec: the grid has 1,000,001 jobs \(1,000,001 × 1 seed\)/,
    );
  });

  it('refuses a plan whose configs would not fit in memory, with the need and what the heap allows', () => {
    // 10⁵ features: each config holds 10⁵ importances, 10⁴ jobs need gigabytes.
    const big = {
      ...spec,
      base: { n: 100_000, m: 2, steps: 1 },
      axes: { sparsity: { linspace: [0, 0.9], num: 1000 } },
      seeds: 10,
    };
    expect(() => planSweep(big)).toThrow(
      /^spec: the plan of 10,000 jobs needs about [\d.]+ GiB of memory \([\d.]+ KiB a job\); this process may use [\d.]+ GiB for it/,
    );
  });
});
