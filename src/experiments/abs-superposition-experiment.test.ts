import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../core/npy.js';
import { neuronMetrics } from '../geometry/neuron-metrics.js';
import {
  ABS_PROFILES,
  absSuperpositionExperiment,
  judgeAbsNeurons,
  STRAY_FRACTION,
  runAbsSuperpositionExperiment,
  type AbsDensityResult,
  type AbsOptions,
  type AbsSanityResult,
} from './abs-superposition-experiment.js';
import { experiments } from './registry.js';

/** A tiny configuration: 6 features in 4 neurons at three densities, 3 in 6 for the sanity case. */
const TINY: AbsOptions = {
  sanity: { n: 3, m: 6, seeds: 2, steps: 300 },
  n: 6,
  m: 4,
  decay: 0.8,
  densities: [1, 0.1, 0.01],
  seeds: [1, 2, 2],
  steps: 250,
};

/** Stored result rows, as the experiment writes them (weights by file name). */
type Stored = Omit<AbsDensityResult, 'W1' | 'W2'> & { weights: { W1: string; W2: string } };

describe('the absolute-value experiment', () => {
  it('trains the sanity case and every density, keeps the lowest-loss seed and judges its counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-abs-'));
    const sections = await runAbsSuperpositionExperiment(
      { dir, relDir: 'abs', profile: 'quick', progress: () => undefined },
      TINY,
    );
    expect(sections.map((s) => s.id)).toEqual(['abs-sanity', 'abs-neurons', 'abs-spread']);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Stored[];
    expect(results.map((r) => r.density)).toEqual([1, 0.1, 0.01]);
    expect(results.map((r) => r.seeds.length)).toEqual([1, 2, 2]);
    for (const r of results) {
      // The run that reproduces it: the abs model at S = 1 − density, seeds 0, 1, …
      expect(r.config).toMatchObject({ model: 'abs', n: 6, m: 4, steps: 250, seed: 0 });
      expect(r.config.sparsity[0]).toBeCloseTo(1 - r.density, 12);
      expect(r.identity).toMatch(/^[0-9a-f]{64}$/);
      expect(r.best.loss).toBe(Math.min(...r.seeds.map((s) => s.loss)));
      // The counts are neuronMetrics' of the saved W₁.
      const W1 = decodeNpy(readFileSync(join(dir, 'weights', r.weights.W1))).data as Float32Array;
      const W2 = decodeNpy(readFileSync(join(dir, 'weights', r.weights.W2)));
      expect(W2.shape).toEqual([6, 4]);
      const nm = neuronMetrics(W1, 4, 6);
      expect(r.best.monosemantic).toBe(nm.monosemanticNeurons);
      expect(r.best.polysemantic).toBe(nm.polysemanticNeurons);
      expect(r.best.dead).toBe(nm.neurons.filter((x) => !x.alive).length);
      expect(r.counts.neuronsPerFeature).toHaveLength(6);
      // Features 3, 4, 5: the least important half.
      const col = (f: number) => Math.hypot(...[0, 1, 2, 3].map((k) => W1[k * 6 + f]));
      expect(r.idleColumnNorm).toBeCloseTo((col(3) + col(4) + col(5)) / 3, 6);
      expect(r.best.lossAtCheck).toBeGreaterThan(0);
      // What the model computes: from the saved weights and the per-sign errors.
      const err = [...r.oneSparseError.positive, ...r.oneSparseError.negative];
      expect(err).toHaveLength(12);
      const ok = (f: number) =>
        Number(r.oneSparseError.positive[f] < 0.1) + Number(r.oneSparseError.negative[f] < 0.1);
      const per = Array.from({ length: 6 }, (_, f) => ok(f));
      expect(r.computed).toEqual({
        bothSigns: per.filter((k) => k === 2).length,
        oneSign: per.filter((k) => k === 1).length,
      });
    }
    // The verdict follows the stored numbers.
    const j = judgeAbsNeurons(
      results.map((r) => ({ ...r, W1: new Float32Array(0), W2: new Float32Array(0) })),
      4,
    );
    expect(sections[1].verdict).toBe(j.verdict);
    expect(sections[1].table?.rows).toHaveLength(3);
    expect(sections[1].command).toContain('--model abs --n 6 --m 4 --importance decay:0.8');
    // One loop per seed count: 1 seed at S = 0, 2 at S = 0.9 and 0.99.
    expect(sections[1].command).toMatch(
      /^for S in 0; do .* --instances 1 --steps 250 --json; done && for S in 0\.9 0\.99; do .* --instances 2 /,
    );
    expect(sections[2].table?.rows.map((row) => row[1])).toEqual(
      results.map((r) => r.counts.representedFeatures),
    );

    const sanity = JSON.parse(readFileSync(join(dir, 'sanity.json'), 'utf8')) as AbsSanityResult;
    expect(sanity.seeds).toHaveLength(2);
    expect(sanity.best.loss).toBe(Math.min(...sanity.seeds.map((s) => s.loss)));
    expect(sections[0].verdict).toBe(sanity.best.pairs.allPaired ? 'holds' : 'fails');
    expect(sections[0].summary).toContain(`Best seed ${sanity.best.seed}`);

    for (const f of ['abs-neuron-counts', 'abs-feature-spread', 'abs-weights']) {
      expect(existsSync(join(dir, `${f}.svg`))).toBe(true);
      expect(existsSync(join(dir, `${f}.png`))).toBe(true);
    }
    expect(readFileSync(join(dir, 'results.csv'), 'utf8').split('\n')[0]).toContain(
      'density,sparsity,seed,best,loss,lossAtCheck',
    );
  });

  it('refuses a seed list that does not match the densities', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-abs-'));
    await expect(
      runAbsSuperpositionExperiment(
        { dir, relDir: 'abs', profile: 'quick', progress: () => undefined },
        { ...TINY, seeds: [1, 2] },
      ),
    ).rejects.toThrow('seeds must give one count per density (3), got 2');
  });

  it('is registered for `tegum reproduce` after the toy models, with the paper’s settings', () => {
    const ids = experiments().map((e) => e.id);
    expect(ids.indexOf('abs-superposition')).toBeGreaterThan(ids.indexOf('toy'));
    expect(experiments().find((e) => e.id === 'abs-superposition')).toBe(
      absSuperpositionExperiment,
    );
    for (const o of Object.values(ABS_PROFILES)) {
      expect(o).toMatchObject({ n: 100, m: 40, decay: 0.8 });
      expect(o.densities).toEqual([1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001]);
      expect(o.seeds).toHaveLength(o.densities.length);
    }
  });
});

/** A density's best seed with the given counts (the judgement reads only these). */
function point(density: number, monosemantic: number, polysemantic: number, dead: number) {
  const s = {
    seed: 0,
    loss: 1,
    lossAtCheck: 1,
    monosemantic,
    polysemantic,
    dead,
    atCheck: { monosemantic, polysemantic, dead },
  };
  return { density, best: s, seeds: [s] } as unknown as AbsDensityResult;
}

describe('judgeAbsNeurons', () => {
  it('holds when dense neurons are monosemantic, polysemantic ones appear by 0.1 and dominate at the sparsest', () => {
    // 40 neurons: 36 of 40 monosemantic is exactly 1 − STRAY_FRACTION.
    const j = judgeAbsNeurons(
      [point(1, 36, 4, 0), point(0.1, 30, 10, 0), point(0.001, 2, 36, 2)],
      40,
    );
    expect(STRAY_FRACTION).toBe(0.1);
    expect(j.dense).toEqual({ density: 1, monosemanticFraction: 0.9, holds: true });
    expect(j.appearing).toEqual({ density: 0.1, polysemanticFraction: 0.25, holds: true });
    // 36 of the 38 alive: dead neurons do not count against the claim.
    expect(j.sparse.polysemanticFraction).toBeCloseTo(36 / 38, 15);
    expect(j.verdict).toBe('holds');
  });

  it('is mixed when one regime fails and fails when all do', () => {
    const mixed = judgeAbsNeurons(
      [point(1, 30, 10, 0), point(0.1, 30, 10, 0), point(0.001, 0, 40, 0)],
      40,
    );
    expect(mixed.dense.holds).toBe(false);
    expect(mixed.verdict).toBe('mixed');
    // 4 of 40 polysemantic at 0.1 is not more than the stray tenth.
    const fails = judgeAbsNeurons(
      [point(1, 20, 20, 0), point(0.1, 36, 4, 0), point(0.001, 20, 20, 0)],
      40,
    );
    expect(fails.appearing?.holds).toBe(false);
    expect(fails.verdict).toBe('fails');
  });

  it('takes the densest at or below 0.1 for the middle claim, in any order of the results', () => {
    const j = judgeAbsNeurons(
      [point(0.001, 0, 40, 0), point(0.03, 0, 40, 0), point(0.3, 40, 0, 0), point(1, 40, 0, 0)],
      40,
    );
    expect(j.appearing?.density).toBe(0.03);
    expect(j.dense.density).toBe(1);
    expect(j.sparse.density).toBe(0.001);
  });
});
