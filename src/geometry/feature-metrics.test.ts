import { describe, expect, it } from 'vitest';
import { geometryTolerances } from '../test-support/tolerances.js';

const EXACT_F64 = geometryTolerances.exactF64;
import { regularPolygon, tegumSum, dedicated, antipodalPair } from '../test-support/geometries.js';
import { checkWeights } from './check-weights.js';
import { dimsPerFeature } from './dims-per-feature.js';
import { featureGeometry } from './feature-geometry.js';
import { featureNorms } from './feature-norms.js';
import { superposition } from './superposition.js';

// W = [[3, 0, 1], [4, 2, 0]]: columns (3, 4), (0, 2), (1, 0).
const W = Float64Array.from([3, 0, 1, 4, 2, 0]);

describe('featureNorms', () => {
  it('returns each column’s length', () => {
    expect([...featureNorms(new Float64Array(3), W, 2, 3)]).toEqual([5, 2, 1]);
  });
});

describe('superposition', () => {
  it('sums the squared projections of the other features on each feature’s direction', () => {
    // Ŵ_0 = (0.6, 0.8): projections of W_1, W_2 are 1.6 and 0.6 → 2.56 + 0.36.
    // Ŵ_1 = (0, 1): projections 4 and 0. Ŵ_2 = (1, 0): projections 3 and 0.
    const s = superposition(new Float64Array(3), W, 2, 3);
    const want = [2.92, 16, 9];
    s.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(EXACT_F64));
  });

  it('is 1/2 for each vertex of the unit triangle and 0 for dedicated features', () => {
    const t = regularPolygon(3);
    for (const v of superposition(new Float64Array(3), t.W, 2, 3)) {
      expect(Math.abs(v - 1 / 2)).toBeLessThan(EXACT_F64);
    }
    expect([...superposition(new Float64Array(4), dedicated(4).W, 4, 4)]).toEqual([0, 0, 0, 0]);
  });
});

describe('dimsPerFeature', () => {
  it('is m / ‖W‖_F²: 1 for dedicated features, 2/5 for the pentagon, 1/2 for pairs', () => {
    expect(dimsPerFeature(dedicated(4).W, 4, 4)).toBe(1);
    expect(Math.abs(dimsPerFeature(regularPolygon(5).W, 2, 5) - 2 / 5)).toBeLessThan(EXACT_F64);
    const pairs = tegumSum([antipodalPair(), antipodalPair()], 3);
    expect(dimsPerFeature(pairs.W, 2, 7)).toBe(1 / 2);
  });
});

describe('featureGeometry', () => {
  it('collects every metric of one weight matrix', () => {
    const g = featureGeometry(W, 2, 3);
    expect([...g.norms]).toEqual([5, 2, 1]);
    expect(g.dimsPerFeature).toBe(2 / 30);
    expect(g.tegum.k).toBe(1);
    expect(g.featureDimensionality.length).toBe(3);
    expect(g.superposition.length).toBe(3);
  });
});

describe('checkWeights', () => {
  it('rejects a length that does not match the shape', () => {
    expect(() => checkWeights(new Float64Array(5), 2, 3)).toThrow(/expected nHidden · nFeatures/);
  });
  it('rejects non-integer or non-positive dimensions', () => {
    expect(() => checkWeights(new Float64Array(6), 0, 3)).toThrow(/nHidden must be a positive/);
    expect(() => checkWeights(new Float64Array(6), 2, 1.5)).toThrow(/nFeatures must be a positive/);
  });
  it('rejects a plain array', () => {
    expect(() => checkWeights([1, 2] as unknown as Float64Array, 1, 2)).toThrow(/Float32Array/);
  });
  it('names the first non-finite entry', () => {
    expect(() => checkWeights(Float64Array.from([1, 2, NaN, 4, 5, 6]), 2, 3)).toThrow(
      /W\[0, 2\] is NaN/,
    );
  });
});
