import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../core/npy.js';
import { withOutputBatch } from '../core/output-batch.js';
import { neuronMetrics } from '../geometry/neuron-metrics.js';
import { neuronFeatures } from '../geometry/neuron-features.js';
import {
  privilegedBasisExperiment,
  privilegedBasisSections,
  PRIVILEGED_BASIS_PROFILES,
  runPrivilegedBasisExperiment,
  type DensityPoint,
} from './privileged-basis-experiment.js';
import { experiments } from './registry.js';

const n = 10;
const m = 5;

/** W [5, 10] from rows given as {feature: weight}. */
function W(rows: Record<number, number>[]): number[] {
  const w = new Array<number>(m * n).fill(0);
  rows.forEach((r, k) => {
    for (const [f, v] of Object.entries(r)) w[k * n + Number(f)] = v;
  });
  return w;
}

/** A density whose one seed has the given W, measured as the experiment measures it. */
function point(density: number, w: number[], loss = 0.01): DensityPoint {
  const x = neuronMetrics(Float64Array.from(w), m, n);
  const seed = {
    seed: 0,
    loss,
    monosemanticNeurons: x.monosemanticNeurons,
    polysemanticNeurons: x.polysemanticNeurons,
    deadNeurons: m - x.monosemanticNeurons - x.polysemanticNeurons,
    groups: neuronFeatures(Float64Array.from(w), m, n),
  };
  return {
    density,
    sparsity: 1 - density,
    seeds: [seed],
    best: { ...seed, neurons: x.neurons, W: w },
  };
}

const mono = W([{ 0: 1 }, { 1: 1 }, { 2: 1 }, { 3: 1 }, { 4: 1 }]);
const pairs = W([{ 0: 1 }, { 1: 0.7, 5: 0.7 }, { 2: 1 }, { 3: 0.7, 6: -0.7 }, { 4: 1 }]);
const allPoly = W([
  { 0: 0.7, 5: 0.7 },
  { 1: 0.7, 6: 0.7 },
  { 2: 0.6, 7: 0.6, 9: 0.5 },
  { 3: 0.7, 8: 0.7 },
  {},
]);
const options = { seeds: 1, steps: 100, lr: 1e-2 };

describe('the privileged-basis sections', () => {
  it('hold when dense neurons are monosemantic, pairs appear as density falls and all are polysemantic at 0.06', () => {
    const s = privilegedBasisSections(
      [point(1, mono), point(0.5, mono), point(0.1, pairs), point(0.06, allPoly)],
      options,
      'pb',
    );
    expect(s.map((x) => x.id)).toEqual([
      'privileged-basis-dense',
      'privileged-basis-appear',
      'privileged-basis-sparse',
    ]);
    expect(s.map((x) => x.verdict)).toEqual(['holds', 'holds', 'holds']);
    // Counts: 5 mono; 3 mono and 2 poly; 4 poly and a dead neuron.
    expect(s[0].table?.rows.map((r) => r.slice(3, 6))).toEqual([
      [5, 0, 0],
      [5, 0, 0],
      [3, 2, 0],
      [0, 4, 1],
    ]);
    expect(s[1].summary).toContain('first appear below the dense regime at 1 − S = 0.1');
    expect(s[1].table?.rows[2]).toEqual([0.1, 2, '{1,5} {3,6}', 2, '40%']);
    expect(s[2].table?.rows).toHaveLength(4 * m);
  });

  it('fail or are mixed when the numbers say otherwise: dense polysemantic neurons, falling or large groups, none at all, a monosemantic neuron at 0.06', () => {
    const s = privilegedBasisSections(
      [point(1, pairs), point(0.5, mono), point(0.06, pairs)],
      options,
      'pb',
    );
    // One dense point of two: mixed.
    expect(s[0].verdict).toBe('mixed');
    expect(s[0].summary).toContain('at 1 − S = 1 the best seed');
    expect(s[2].verdict).toBe('fails');
    // Polysemantic neurons becoming rarer as density falls (100% of alive ones, then 40%).
    const falling = privilegedBasisSections(
      [point(1, mono), point(0.1, allPoly), point(0.06, pairs)],
      options,
      'pb',
    );
    expect(falling[1].verdict).toBe('mixed');
    expect(falling[1].summary).toContain('it falls somewhere below the dense regime');
    // Where they first appear, a neuron of 5 features: not a small group.
    const five = W([{ 0: 0.5, 1: 0.5, 2: 0.5, 3: 0.5, 4: 0.5 }, {}, {}, {}, {}]);
    const big = privilegedBasisSections([point(1, mono), point(0.1, five)], options, 'pb');
    expect(big[1].verdict).toBe('mixed');
    expect(big[1].table?.rows[1]).toEqual([0.1, 1, '{0,1,2,3,4}', 5, '100%']);
    const none = privilegedBasisSections([point(1, mono), point(0.06, mono)], options, 'pb');
    expect(none.map((x) => x.verdict)).toEqual(['holds', 'fails', 'fails']);
    const denseFails = privilegedBasisSections([point(1, pairs)], options, 'pb');
    expect(denseFails[0].verdict).toBe('fails');
    // A density in 0.05–0.08 is needed to judge the last claim.
    expect(privilegedBasisSections([point(1, mono)], options, 'pb')[2].verdict).toBe('fails');
  });
});

describe('the privileged-basis experiment', () => {
  it('trains every density’s seeds as one run, judges the lowest-loss seed and draws its neurons', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-pb-'));
    try {
      const o = { seeds: 2, steps: 300, lr: 1e-2, densities: [1, 0.06] };
      // Inside an output batch, as `tegum reproduce` runs it: nothing is on disk until the end.
      const sections = await withOutputBatch(() =>
        runPrivilegedBasisExperiment(
          { dir, relDir: 'pb', profile: 'quick', progress: () => undefined },
          o,
        ),
      );
      const body = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as {
        config: { model: string; n: number; m: number; sparsity: number[]; instances: number };
        points: DensityPoint[];
      };
      expect(body.config).toMatchObject({ model: 'neuron', n: 10, m: 5, instances: 4, lr: 0.01 });
      // Per instance, in blocks of the seeds.
      expect(body.config.sparsity).toEqual([0, 0, 0.94, 0.94]);
      expect(body.points.map((p) => [p.density, p.sparsity])).toEqual([
        [1, 0],
        [0.06, 0.94],
      ]);
      for (const p of body.points) {
        expect(p.seeds.map((s) => s.seed)).toHaveLength(2);
        const best = p.seeds.reduce((a, b) => (b.loss < a.loss ? b : a));
        expect(p.best.seed).toBe(best.seed);
        // The best seed's counts are those of its saved W.
        const x = neuronMetrics(Float64Array.from(p.best.W), m, n);
        expect(p.best.monosemanticNeurons).toBe(x.monosemanticNeurons);
        expect(p.best.polysemanticNeurons).toBe(x.polysemanticNeurons);
        // Its W is the one saved for its instance (seed 0 + instance).
        const saved = decodeNpy(readFileSync(join(dir, 'weights', `W_00${p.best.seed}.npy`)));
        expect(Array.from(saved.data)).toEqual(p.best.W);
      }
      // The verdicts follow the numbers the sections were built from.
      expect(sections).toEqual(privilegedBasisSections(body.points, o, 'pb'));
      for (const s of sections) expect(s.command).toContain('--instances 4 --steps 300 --lr 0.01');
      for (const f of ['neuron-bars', 'neuron-weights']) {
        expect(readFileSync(join(dir, `${f}.svg`), 'utf8').match(/<svg/g)).toHaveLength(3);
        expect(existsSync(join(dir, `${f}.png`))).toBe(true);
      }
      expect(existsSync(join(dir, 'weights', 'W_003.npy'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is registered for `tegum reproduce` after the toy models, 16 seeds quick and 128 full', () => {
    const ids = experiments().map((e) => e.id);
    expect(ids.indexOf('privileged-basis')).toBe(ids.indexOf('toy') + 1);
    expect(experiments().find((e) => e.id === 'privileged-basis')).toBe(privilegedBasisExperiment);
    expect(PRIVILEGED_BASIS_PROFILES.quick.seeds).toBeGreaterThanOrEqual(16);
    expect(PRIVILEGED_BASIS_PROFILES.full).toMatchObject({ seeds: 128, steps: 10_000, lr: 1e-3 });
  });
});
