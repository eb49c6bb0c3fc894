import { describe, expect, it } from 'vitest';
import { planSweep, SweepSpecError } from './plan-sweep.js';

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
});
