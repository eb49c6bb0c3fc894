import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../core/npy.js';
import { neuronMetrics } from '../geometry/neuron-metrics.js';
import { CLOSED_FORM_RTOL, relativeError } from '../test-support/tolerances.js';
import { optimum } from '../theory/optimum.js';
import { theoryModel } from '../theory/theory-model.js';
import { transition } from '../theory/transition.js';
import { builtinSweep, builtinSweepNames } from './builtin-sweeps.js';
import { planSweep } from './plan-sweep.js';
import { ResultStore } from './result-store.js';
import { runSweepLocal } from './run-sweep-local.js';

// The pool's workers load dist/ (built by `npm test` before vitest).
const dir = mkdtempSync(join(tmpdir(), 'tegum-sweep-local-'));

async function rowsOf(out: string) {
  const store = await ResultStore.openExisting(out);
  try {
    return await store.rows();
  } finally {
    store.close();
  }
}

describe('runSweepLocal', () => {
  it('fills theory rows with k*, its continuous neighbour, L(k*)/L(1) and α*', async () => {
    const plan = planSweep({
      name: 'theory',
      kind: 'theory',
      base: { n: 1000, d: 100, bound: 'welch' },
      axes: { alpha: [0.5, 2] },
    });
    const out = join(dir, 'theory');
    const s = await runSweepLocal(plan, { out, threads: 2 });
    expect(s).toMatchObject({ total: 2, done: 2, ran: 2, failed: [] });
    const rows = await rowsOf(out);
    for (const alpha of [0.5, 2]) {
      const model = theoryModel({ n: 1000, d: 100, bound: 'welch', alpha });
      const o = optimum(model);
      expect(rows.find((r) => r.alpha === alpha)).toMatchObject({
        kStar: o.kStar,
        kStarContinuous: o.kStarContinuous,
        lossRatio: o.lossRatio,
        alphaStar: transition(model).alphaStar,
      });
    }
  });

  it('fills pack rows, one per blocks value, with loss, max and mean |cos|, k and factors', async () => {
    const plan = planSweep({
      name: 'pack',
      kind: 'pack',
      base: { n: 6, d: 3, steps: 300 },
      axes: { blocks: [3, 1] },
    });
    const out = join(dir, 'pack');
    const s = await runSweepLocal(plan, { out, threads: 1 });
    expect(s).toMatchObject({ total: 2, done: 2, failed: [] });
    const rows = await rowsOf(out);
    expect(rows.map((r) => r.blocks).sort()).toEqual([1, 3]);
    const row = rows.find((r) => r.blocks === 3);
    if (!row) throw new Error('no row with blocks = 3');
    // Three orthogonal blocks of 2 vectors in 1 dimension: antipodal pairs, cos = −1 within
    // a pair, so L = Σ over ordered pairs |cos|² = 3 · 2 = 6, max |cos| = 1, mean over 30 = 0.2.
    expect(row).toMatchObject({ blocks: 3, loss: 6, maxAbsCos: 1, k: 3 });
    // The row records its resolved run, under the run's own names.
    expect(row.config).toMatchObject({ kind: 'pack', n: 6, d: 3, blocks: 3, steps: 300, seed: 0 });
    // Unconstrained: 6 lines in R³ at the frame bound n²/d − n = 6 as well, spread out.
    const free = rows.find((r) => r.blocks === 1);
    expect(free?.config).toMatchObject({ blocks: 1 });
    expect(Number(free?.maxAbsCos)).toBeLessThan(1);
    expect(relativeError(Number(row.meanAbsCos), 0.2)).toBeLessThan(CLOSED_FORM_RTOL);
    expect((row.factors as { label: string }[]).map((f) => f.label)).toEqual([
      'antipodal pair',
      'antipodal pair',
      'antipodal pair',
    ]);
  });

  it('fills toy rows, one per sparsity value and seed, with the loss, m/‖W‖², k and factors', async () => {
    const plan = planSweep({
      name: 'sparsity',
      kind: 'toy',
      base: { n: 5, m: 2, steps: 20, batchSize: 32 },
      axes: { sparsity: [0, 0.9] },
      seeds: 2,
    });
    const out = join(dir, 'sparsity');
    const s = await runSweepLocal(plan, { out, threads: 2 });
    expect(s).toMatchObject({ total: 4, done: 4, failed: [] });
    const rows = await rowsOf(out);
    expect(rows.map((r) => [r.sparsity, r.seed]).sort()).toEqual([
      [0, 0],
      [0, 1],
      [0.9, 0],
      [0.9, 1],
    ]);
    for (const row of rows) {
      expect(Number.isFinite(row.loss)).toBe(true);
      expect(Number.isFinite(row.dimsPerFeature)).toBe(true);
      expect(Array.isArray(row.factors)).toBe(true);
      // The row's config is the flat resolved toy run of its point and seed.
      expect(row.config).toMatchObject({
        kind: 'toy',
        n: 5,
        m: 2,
        instances: 1,
        sparsity: [row.sparsity],
        seed: row.seed,
      });
    }
  });

  it('reports a diverging job as failed, with its cause, and stores the others', async () => {
    const plan = planSweep({
      name: 'diverge',
      kind: 'toy',
      // No weight decay: lr × weightDecay ≥ 1 is refused at planning; this job must train.
      base: { n: 4, m: 2, steps: 50, batchSize: 16, sparsity: 0, weightDecay: 0 },
      axes: { lr: [1e-3, 1e30] },
    });
    const s = await runSweepLocal(plan, { out: join(dir, 'diverge'), threads: 2 });
    expect(s).toMatchObject({ total: 2, done: 1, ran: 1 });
    expect(s.failed).toHaveLength(1);
    expect(s.failed[0].point).toEqual({ lr: 1e30 });
    expect(s.failed[0].error).toMatch(/^toy training diverged at step \d+/);
  });

  it('removes the temporaries a killed run left among the kept weights', async () => {
    const plan = planSweep({
      name: 'orphans',
      kind: 'toy',
      base: { n: 3, m: 2, steps: 5, batchSize: 8, sparsity: 0.5 },
      keep: ['weights'],
    });
    const out = join(dir, 'orphans');
    mkdirSync(join(out, 'weights'), { recursive: true });
    // What a SIGKILL between write and rename leaves: one per writer form.
    writeFileSync(join(out, 'weights', 'x-0-W.npy.tmp-999999-w'), 'partial');
    writeFileSync(join(out, 'weights', 'x-0-b.npy.tmp-999999-3'), 'partial');
    await runSweepLocal(plan, { out, threads: 1 });
    const names = readdirSync(join(out, 'weights')).sort();
    expect(names).toEqual([`${plan.jobs[0].key}-0-W.npy`, `${plan.jobs[0].key}-0-b.npy`]);
  });

  it('knows its built-in sweeps by name, with their extra columns', () => {
    expect(builtinSweepNames()).toContain('toy-sparsity');
    const b = builtinSweep('toy-sparsity');
    const plan = planSweep(b?.spec, b?.extraColumns);
    expect(plan.jobs).toHaveLength(24);
    const column = plan.extraColumns[0];
    expect(column.name).toBe('density');
    const job = plan.jobs.find((x) => x.point.sparsity === 0.9);
    if (!job) throw new Error('no job at S = 0.9');
    // 1 − 0.9 in float64, exactly as the resolver computes it.
    expect(column.value({ ...job, metrics: {} })).toBe(1 - 0.9);
  });

  it.each([
    ['privileged-basis', 'neuron', { n: 10, m: 5 }, 9 * 16],
    ['abs-superposition', 'abs', { n: 8, m: 4 }, 7 * 3],
  ] as const)(
    'runs the built-in %s sweep in small, each row carrying its density and the counts of its W’s neurons',
    async (name, model, shape, jobs) => {
      const b = builtinSweep(name);
      if (!b) throw new Error(`no built-in sweep ${name}`);
      expect(b.spec).toMatchObject({ kind: 'toy', base: { model } });
      // The full spec plans: densities × seeds.
      expect(planSweep(b.spec, b.extraColumns).jobs).toHaveLength(jobs);
      const plan = planSweep(
        {
          ...b.spec,
          base: { ...(b.spec.base as object), ...shape, steps: 20, batchSize: 64 },
          axes: { sparsity: [0, 0.9] },
          seeds: 1,
          keep: ['weights'],
        },
        b.extraColumns,
      );
      const out = join(dir, name);
      const s = await runSweepLocal(plan, { out, threads: 1 });
      expect(s).toMatchObject({ total: 2, done: 2, failed: [] });
      const rows = await rowsOf(out);
      expect(rows.map((r) => r.density).sort()).toEqual([1 - 0.9, 1]);
      for (const row of rows) {
        expect(row.config).toMatchObject({ model, ...shape });
        const W = decodeNpy(readFileSync(join(out, 'weights', `${String(row.key)}-0-W.npy`)));
        const m = neuronMetrics(W.data, shape.m, shape.n);
        expect(row.monosemanticNeurons).toBe(m.monosemanticNeurons);
        expect(row.polysemanticNeurons).toBe(m.polysemanticNeurons);
      }
    },
  );
});
