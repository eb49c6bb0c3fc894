import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../core/canonical-json.js';
import { TEGUM_VERSION } from '../core/version.js';
import { runIdentity } from '../core/run-identity.js';
import { readFileSync } from 'node:fs';
import { resolveToyRun, sliceToyRun } from './resolve-toy-run.js';

const small = { nInstances: 3, nFeatures: 4, nHidden: 2, featureProbability: [1, 0.5, 0.1] };

describe('resolveToyRun', () => {
  it("writes out every effective value with the notebook's defaults", () => {
    expect(resolveToyRun(small)).toEqual({
      kind: 'toy',
      nInstances: 3,
      nFeatures: 4,
      nHidden: 2,
      batchSize: 1024,
      featureProbability: [1, 0.5, 0.1],
      correlated: [],
      anticorrelated: [],
      importance: [1, 1, 1, 1],
      activation: 'relu',
      optimizer: 'adamw',
      weightDecay: 0.01,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      seeds: [0, 1, 2],
      steps: 10_000,
      lr: 1e-3,
      schedule: 'constant',
      evalBatches: 16,
      tegum: { normThreshold: 0.5, cosineTolerance: 0.1, rankTolerance: 0.1 },
      backend: 'wasm',
      threads: 1,
    });
  });

  it('takes weight decay 0 for plain Adam and keeps given values', () => {
    const r = resolveToyRun({ ...small, optimizer: 'adam', seed: 7, beta2: 0.99, eps: 1e-6 });
    expect(r).toMatchObject({ weightDecay: 0, seeds: [7, 8, 9], beta2: 0.99, eps: 1e-6 });
  });

  it('names the bad field and what is allowed', () => {
    expect(() => resolveToyRun({ ...small, batchSize: 0 })).toThrow(
      'batchSize must be a positive integer, got 0',
    );
    expect(() => resolveToyRun({ ...small, beta1: 1 })).toThrow('beta1 must be in [0, 1), got 1');
    expect(() => resolveToyRun({ ...small, featureProbability: [1, 2, 0] })).toThrow(
      /featureProbability must be in \[0, 1\]/,
    );
    expect(() => resolveToyRun({ ...small, importance: [1, 1] })).toThrow(
      'importance must be a number or have 4 or 12 entries, got 2',
    );
    expect(() => resolveToyRun({ ...small, optimizer: 'sgd' as 'adam' })).toThrow(
      'optimizer must be one of adam, adamw, got sgd',
    );
  });

  it('keeps feature sets and per-feature probabilities, and rejects bad ones at the edge', () => {
    const perFeature = [0.1, 0.1, 0.5, 0.5, 0.2, 0.2, 0.2, 0.2, 1, 1, 0, 0];
    const r = resolveToyRun({
      ...small,
      featureProbability: perFeature,
      correlated: [[0, 1]],
      anticorrelated: [[3, 2]],
    });
    expect(r).toMatchObject({
      featureProbability: perFeature,
      correlated: [[0, 1]],
      anticorrelated: [[3, 2]],
    });
    expect(sliceToyRun(r, 1, 3).featureProbability).toEqual(perFeature.slice(4, 12));
    expect(() =>
      resolveToyRun({
        ...small,
        correlated: [
          [0, 1],
          [1, 3],
        ],
      }),
    ).toThrow(/correlated set \{1,3\} overlaps correlated set \{0,1\} at feature 1/);
    expect(() =>
      resolveToyRun({ ...small, featureProbability: perFeature, correlated: [[1, 2]] }),
    ).toThrow(/correlated set \{1,2\} mixes feature probabilities \(instance 0: 0.1\d* and 0.5\)/);
    expect(() =>
      resolveToyRun({ ...small, anticorrelated: [0, 1] as unknown as number[][] }),
    ).toThrow(
      'anticorrelated must be a list of feature sets, each a list of feature indices (e.g. [[0, 1], [2, 3]])',
    );
    expect(() => resolveToyRun({ ...small, featureProbability: [0.1, 0.2] })).toThrow(
      'featureProbability must be a number or have 3 or 12 entries, got 2',
    );
  });

  it('slices instances into the same run for those instances alone', () => {
    const r = resolveToyRun({ ...small, importance: [1, 0.9, 0.8, 0.7], seed: 4 });
    const s = sliceToyRun(r, 1, 3);
    expect(s).toMatchObject({
      nInstances: 2,
      featureProbability: [0.5, 0.1],
      seeds: [5, 6],
      importance: [1, 0.9, 0.8, 0.7],
    });
  });
});

describe('a run identity', () => {
  it('is sha256 of the canonical JSON (sorted keys) and the version, whatever the key order', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: 'x', u: undefined })).toBe(
      '{"a":"x","b":[1,{"c":3,"d":2}]}',
    );
    const a = resolveToyRun(small);
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(runIdentity(reordered)).toBe(runIdentity(a));
    expect(runIdentity(a)).toMatch(/^[0-9a-f]{64}$/);
    // Any value, and the version, changes it.
    expect(runIdentity({ ...a, eps: 1e-7 })).not.toBe(runIdentity(a));
    expect(runIdentity(a, '9.9.9')).not.toBe(runIdentity(a));
  });

  it('is the same for 1 and 2 threads, whose numbers agree, and differs with the seed or the backend', () => {
    const one = resolveToyRun({ ...small, threads: 1 });
    const two = resolveToyRun({ ...small, threads: 2 });
    expect(two.threads).toBe(2);
    expect(runIdentity(two)).toBe(runIdentity(one));
    expect(runIdentity(resolveToyRun({ ...small, seed: 1 }))).not.toBe(runIdentity(one));
    expect(runIdentity(resolveToyRun({ ...small, backend: 'js' }))).not.toBe(runIdentity(one));
  });

  it("uses the package's version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(TEGUM_VERSION).toBe((pkg as { version: string }).version);
  });

  it('refuses a non-finite number', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow('$.a[1] must be finite, got NaN');
  });
});
