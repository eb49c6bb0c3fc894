import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng.js';
import { geometryTolerances } from '../test-support/tolerances.js';

const { exactF64: EXACT_F64, exactF32: EXACT_F32, rotatedF64: ROTATED_F64 } = geometryTolerances;
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
import { featureDimensionality } from './feature-dimensionality.js';

function dims({ W, nHidden, nFeatures }: Columns): number[] {
  return [...featureDimensionality(new Float64Array(nFeatures), W, nHidden, nFeatures)];
}

function expectAll(values: number[], expected: number, tol: number = EXACT_F64): void {
  for (const v of values) expect(Math.abs(v - expected)).toBeLessThan(tol);
}

/** D_i straight from the definition, through the full Gram matrix. */
function naiveDims({ W, nHidden, nFeatures }: Columns): number[] {
  const col = (i: number) => Array.from({ length: nHidden }, (_, h) => W[h * nFeatures + i]);
  const dot = (a: number[], b: number[]) => a.reduce((s, x, h) => s + x * b[h], 0);
  return Array.from({ length: nFeatures }, (_, i) => {
    const wi = col(i);
    const n2 = dot(wi, wi);
    let denom = 0;
    for (let j = 0; j < nFeatures; j++) denom += dot(wi, col(j)) ** 2 / n2;
    return n2 / denom;
  });
}

describe('featureDimensionality', () => {
  it('gives every vector of a unit-norm tight frame D_i = m/n', () => {
    for (const [n, m] of [
      [5, 2],
      [7, 4],
      [20, 6],
      [200, 20],
    ]) {
      expectAll(dims(rotate(harmonicFrame(n, m), new Rng(n))), m / n, ROTATED_F64);
    }
  });

  it('gives the triangle 2/3, the pentagon 2/5 and the antipodal pair 1/2', () => {
    expectAll(dims(regularPolygon(3)), 2 / 3);
    expectAll(dims(regularPolygon(5)), 2 / 5);
    expectAll(dims(antipodalPair()), 1 / 2);
  });

  it('gives the tetrahedron 3/4 and the square antiprism 3/8', () => {
    expectAll(dims(tetrahedron()), 3 / 4);
    expectAll(dims(squareAntiprism()), 3 / 8);
  });

  it('gives dedicated features 1 and unrepresented (zero) features 0', () => {
    const d = dims(tegumSum([dedicated(3)], 2));
    expectAll(d.slice(0, 3), 1);
    expect(d.slice(3)).toEqual([0, 0]);
  });

  it('keeps each factor’s value in a tegum product of a triangle and a pair', () => {
    const d = dims(rotate(tegumSum([regularPolygon(3), antipodalPair()]), new Rng(3)));
    expectAll(d.slice(0, 3), 2 / 3, ROTATED_F64);
    expectAll(d.slice(3), 1 / 2, ROTATED_F64);
  });

  it('matches the definition computed through the full Gram matrix on random weights', () => {
    const rng = new Rng(11);
    const nHidden = 4;
    const nFeatures = 9;
    const W = Float64Array.from({ length: nHidden * nFeatures }, () => rng.normal());
    const got = dims({ W, nHidden, nFeatures });
    const want = naiveDims({ W, nHidden, nFeatures });
    got.forEach((g, i) => expect(Math.abs(g - want[i])).toBeLessThan(EXACT_F64));
  });

  it('accepts float32 weights', () => {
    const { W, nHidden, nFeatures } = regularPolygon(5);
    const W32 = Float32Array.from(W);
    const d = featureDimensionality(new Float64Array(nFeatures), W32, nHidden, nFeatures);
    expectAll([...d], 2 / 5, EXACT_F32);
  });

  it('rejects an output of the wrong length', () => {
    const { W, nHidden, nFeatures } = regularPolygon(5);
    expect(() => featureDimensionality(new Float64Array(4), W, nHidden, nFeatures)).toThrow(
      /out must be a Float64Array of length 5/,
    );
  });
});
