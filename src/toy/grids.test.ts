import { F64_DIGITS } from '../test-support/tolerances.js';
import { describe, expect, it } from 'vitest';
import { importanceDecay, powerLinspace } from './grids.js';
import { lrSchedule } from './lr-schedule.js';
import { sparsityOf, toyPreset, toyPresetNames } from './presets.js';
import { resolveToyRun, sliceToyRun } from './resolve-toy-run.js';

describe('powerLinspace', () => {
  it('runs from 1 to 1/base geometrically, as 20 ** -linspace(0, 1, count)', () => {
    const p = powerLinspace(20, 3);
    expect(p[0]).toBe(1);
    expect(p[1]).toBeCloseTo(1 / Math.sqrt(20), F64_DIGITS);
    expect(p[2]).toBeCloseTo(1 / 20, F64_DIGITS);
    expect(powerLinspace(20, 1)).toEqual([1]);
  });
  it('rejects a non-positive base or count', () => {
    expect(() => powerLinspace(0, 3)).toThrow(/base must be/);
    expect(() => powerLinspace(2, 0)).toThrow(/count must be/);
  });
});

describe('importanceDecay', () => {
  it('gives ratio^i', () => {
    expect(importanceDecay(3, 0.9)).toEqual([1, 0.9, 0.9 ** 2]);
  });
});

describe('lrSchedule', () => {
  it('scales the rate as the notebook: constant 1, linear 1 − t/T, cosine cos(πt / 2(T − 1))', () => {
    expect(lrSchedule('constant')(7, 10)).toBe(1);
    expect(lrSchedule('linear')(5, 10)).toBe(0.5);
    expect(lrSchedule('cosine')(0, 10)).toBe(1);
    expect(lrSchedule('cosine')(9, 10)).toBeCloseTo(0, F64_DIGITS);
  });
});

describe('toy presets', () => {
  it('registers the five presets with the notebook’s shapes', () => {
    expect(toyPresetNames()).toEqual([
      'intro',
      'varying-sparsity',
      'geometry',
      'tegum',
      'sparse-limit',
    ]);
    expect(toyPreset('intro').config).toMatchObject({ n: 5, m: 2, instances: 10 });
    expect(toyPreset('varying-sparsity').config).toMatchObject({ n: 100, m: 20 });
    expect(toyPreset('geometry').config).toMatchObject({ n: 200, m: 20, instances: 20 });
    // The notebook's feature probabilities 20^−linspace(0, 1, 10), as sparsities.
    expect(resolveToyRun(toyPreset('intro').config).sparsity).toEqual(
      powerLinspace(20, 10).map((p) => 1 - p),
    );
  });
  it('gives every preset a config that resolves', () => {
    for (const name of toyPresetNames()) {
      const run = resolveToyRun(toyPreset(name).config);
      expect(run.kind).toBe('toy');
      expect(run.sparsity).toHaveLength(run.instances);
    }
  });
  it('rejects an unknown preset, naming the known ones', () => {
    expect(() => toyPreset('nope')).toThrow(
      /unknown toy preset 'nope' \(allowed: intro, varying-sparsity/,
    );
  });
  it('turns feature probabilities into sparsities S = 1 − p', () => {
    expect(sparsityOf([1, 0.5, 0.25])).toEqual([0, 0.5, 0.75]);
    expect(sparsityOf([])).toEqual([]);
  });
  it('repeats each point once per seed with distinct seeds', () => {
    const run = resolveToyRun({
      n: 2,
      m: 1,
      instances: 4,
      sparsity: sparsityOf([1, 0.5]),
      seed: 10,
    });
    expect(run.sparsity).toEqual([0, 0, 0.5, 0.5]);
    const seeds = [0, 1, 2, 3].map((i) => sliceToyRun(run, i, i + 1).seed);
    expect(seeds).toEqual([10, 11, 12, 13]);
    // The tegum preset: 13 probabilities, 3 seeds each, consecutive.
    const tegum = resolveToyRun(toyPreset('tegum').config);
    expect(tegum.instances).toBe(39);
    const points = sparsityOf(powerLinspace(100, 13));
    expect(tegum.sparsity).toEqual(points.flatMap((s) => [s, s, s]));
  });
});
