import { F64_DIGITS } from '../test-support/tolerances.js';
import { describe, expect, it } from 'vitest';
import { importanceDecay, powerLinspace } from './grids.js';
import { lrSchedule } from './lr-schedule.js';
import { repeatPerSeed, toyPreset, toyPresetNames } from './presets.js';

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
    expect(toyPreset('intro').config).toMatchObject({ nFeatures: 5, nHidden: 2, nInstances: 10 });
    expect(toyPreset('varying-sparsity').config).toMatchObject({ nFeatures: 100, nHidden: 20 });
    expect(toyPreset('geometry').config).toMatchObject({
      nFeatures: 200,
      nHidden: 20,
      nInstances: 20,
    });
  });
  it('rejects an unknown preset, naming the known ones', () => {
    expect(() => toyPreset('nope')).toThrow(
      /unknown toy preset 'nope' \(allowed: intro, varying-sparsity/,
    );
  });
  it('repeats each point once per seed with distinct seeds', () => {
    expect(repeatPerSeed([1, 0.5], 2, 10)).toEqual({
      featureProbability: [1, 1, 0.5, 0.5],
      seeds: [10, 11, 12, 13],
    });
  });
});
