import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.js';
import {
  antipodalPair,
  dedicated,
  harmonicFrame,
  regularPolygon,
  rotate,
  squareAntiprism,
  tegumSum,
  tetrahedron,
  type Columns,
} from '../test-support/geometries.js';
import { tegumFactors, tegumLabel, type TegumOptions } from './tegum-factors.js';

function factorsOf({ W, nHidden, nFeatures }: Columns, options?: TegumOptions) {
  return tegumFactors(W, nHidden, nFeatures, options);
}

describe('tegumFactors', () => {
  it('finds a tegum product of a triangle and a pair as two factors of dimension 2 and 1', () => {
    const cols = rotate(tegumSum([regularPolygon(3), antipodalPair()], 2), new Rng(1));
    const t = factorsOf(cols);
    expect(t.k).toBe(2);
    expect(t.factors).toEqual([
      { features: [0, 1, 2], size: 3, dim: 2, label: 'triangle' },
      { features: [3, 4], size: 2, dim: 1, label: 'antipodal pair' },
    ]);
    expect(t.represented).toEqual([0, 1, 2, 3, 4]);
  });

  it('names each of the paper’s shapes', () => {
    const cases: [Columns, string, number][] = [
      [regularPolygon(3), 'triangle', 2],
      [regularPolygon(5), 'pentagon', 2],
      [antipodalPair(), 'antipodal pair', 1],
      [tetrahedron(), 'tetrahedron', 3],
      [squareAntiprism(), 'square antiprism', 3],
    ];
    for (const [cols, label, dim] of cases) {
      const t = factorsOf(rotate(cols, new Rng(cols.nFeatures)));
      expect(t.k).toBe(1);
      expect(t.factors[0].label).toBe(label);
      expect(t.factors[0].dim).toBe(dim);
      expect(t.factors[0].size).toBe(cols.nFeatures);
    }
  });

  it('counts m dedicated features as m factors', () => {
    const t = factorsOf(rotate(dedicated(6), new Rng(2)));
    expect(t.k).toBe(6);
    expect(t.factors.every((f) => f.label === 'dedicated' && f.dim === 1)).toBe(true);
  });

  it('labels unnamed factors "f in r dims"', () => {
    const t = factorsOf(tegumSum([harmonicFrame(10, 4), regularPolygon(6)]));
    expect(t.factors.map((f) => f.label)).toEqual(['10 in 4 dims', '6 in 2 dims']);
  });

  it('splits a square into two antipodal pairs, since its neighbours are orthogonal', () => {
    const t = factorsOf(rotate(regularPolygon(4), new Rng(4)));
    expect(t.factors).toEqual([
      { features: [0, 2], size: 2, dim: 1, label: 'antipodal pair' },
      { features: [1, 3], size: 2, dim: 1, label: 'antipodal pair' },
    ]);
  });

  it('leaves features below the norm threshold out of every factor', () => {
    const cols = tegumSum([regularPolygon(3), dedicated(1)]);
    // Shrink the dedicated feature (column 3) to norm 0.3.
    cols.W[2 * 4 + 3] = 0.3;
    const t = factorsOf(cols);
    expect(t.k).toBe(1);
    expect(t.represented).toEqual([0, 1, 2]);
    expect(factorsOf(cols, { normThreshold: 0.2 }).k).toBe(2);
  });

  it('leaves out a feature whose norm is exactly the threshold (represented means ‖W_i‖ > 0.5)', () => {
    const cols = tegumSum([regularPolygon(3), dedicated(1)]);
    cols.W[2 * 4 + 3] = 0.5; // exactly representable, so ‖W_3‖ = 0.5 exactly
    expect(factorsOf(cols).represented).toEqual([0, 1, 2]);
    cols.W[2 * 4 + 3] = 0.5000000001;
    expect(factorsOf(cols).represented).toEqual([0, 1, 2, 3]);
  });

  it('joins features whose cosine exceeds the tolerance and splits those below it', () => {
    // Two dedicated features tilted toward each other: cos θ = sin(2·0.05) ≈ 0.0998.
    const a = 0.05;
    const W = Float64Array.from([Math.cos(a), Math.sin(a), Math.sin(a), Math.cos(a)]);
    expect(tegumFactors(W, 2, 2, { cosineTolerance: 0.11 }).k).toBe(2);
    const joined = tegumFactors(W, 2, 2, { cosineTolerance: 0.09 });
    expect(joined.k).toBe(1);
    expect(joined.factors[0]).toMatchObject({ size: 2, dim: 2, label: '2 in 2 dims' });
  });

  it('ignores a small leak out of a factor’s plane below the rank tolerance', () => {
    // Pentagon in axes 0–1, a dedicated feature on axis 3; feature 0 leans 0.02 into axis 2.
    const cols = tegumSum([regularPolygon(5), dedicated(1)]);
    const m = 4;
    const n = 6;
    const W = new Float64Array(m * n);
    W.set(cols.W.subarray(0, 2 * n), 0);
    W.set(cols.W.subarray(2 * n, 3 * n), 3 * n);
    W[2 * n + 0] = 0.02;
    const t = tegumFactors(W, m, n);
    expect(t.factors.map((f) => f.label)).toEqual(['pentagon', 'dedicated']);
    expect(tegumFactors(W, m, n, { rankTolerance: 0.001 }).factors[0].dim).toBe(3);
  });

  it('rejects tolerances outside their ranges', () => {
    const { W, nHidden, nFeatures } = regularPolygon(3);
    expect(() => tegumFactors(W, nHidden, nFeatures, { cosineTolerance: 1 })).toThrow(
      /cosineTolerance must lie in \[0, 1\)/,
    );
    expect(() => tegumFactors(W, nHidden, nFeatures, { rankTolerance: 0 })).toThrow(
      /rankTolerance must lie in \(0, 1\)/,
    );
    expect(() => tegumFactors(W, nHidden, nFeatures, { normThreshold: -1 })).toThrow(
      /normThreshold/,
    );
  });
});

describe('tegumLabel', () => {
  it('names the six shapes of the paper and spells out the rest', () => {
    expect(tegumLabel(1, 1)).toBe('dedicated');
    expect(tegumLabel(8, 3)).toBe('square antiprism');
    expect(tegumLabel(4, 2)).toBe('4 in 2 dims');
  });
});
