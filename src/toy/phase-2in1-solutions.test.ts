import { describe, expect, it } from 'vitest';
import { F64_EXACT, phaseTolerances, relativeError } from '../test-support/tolerances.js';
import { twoInOneLoss } from './phase-2in1-loss.js';
import {
  analyticTwoInOne,
  bestAntipodalPair,
  classifyTwoInOne,
  featureVariance,
} from './phase-2in1-solutions.js';

describe('classifying a 2-in-1 W', () => {
  it.each([
    [[1, 0.01], 'feature1'],
    [[-1, 0], 'feature1'],
    [[0.1, -0.9], 'feature2'],
    [[0.8, -1.1], 'antipodal'],
    [[-0.6, 0.7], 'antipodal'],
    [[0.8, 1.1], 'other'],
    [[0.1, 0.2], 'other'],
    [[0.5, -0.49], 'feature1'],
  ] as const)('reads W = %j as %s', (w, expected) => {
    expect(classifyTwoInOne(w)).toBe(expected);
  });

  it('moves with the norm threshold, and refuses a W that is not 2 finite numbers', () => {
    expect(classifyTwoInOne([0.5, -0.3], 0.25)).toBe('antipodal');
    expect(() => classifyTwoInOne([1, 0, 0])).toThrow(/2 entries/);
    expect(() => classifyTwoInOne([Number.NaN, 1])).toThrow(/finite/);
  });
});

describe('the analytic 2-in-1 phase diagram', () => {
  it('gives each single-feature candidate its best bias: the other feature’s mean', () => {
    const r = 0.7;
    const p = 0.3;
    const single = analyticTwoInOne(r, p).candidates[0];
    expect(single.candidate).toBe('feature1');
    expect(relativeError(single.loss, twoInOneLoss(single, r, p))).toBeLessThan(
      phaseTolerances.quadratureRelative,
    );
    expect(relativeError(single.loss, r * featureVariance(p))).toBeLessThan(F64_EXACT);
    for (const db of [-0.01, 0.01]) {
      const moved = { w: single.w, b: [single.b[0], single.b[1] + db] as const };
      expect(twoInOneLoss(moved, r, p)).toBeGreaterThan(single.loss);
    }
  });

  it('finds an antipodal pair no worse than the paper’s unit pair, at a local minimum', () => {
    const r = 2;
    const p = 0.1;
    const pair = bestAntipodalPair(r, p);
    expect(pair.w[0]).toBeGreaterThan(0);
    expect(pair.w[1]).toBeLessThan(0);
    expect(pair.loss).toBeLessThanOrEqual(((1 + r) * p * p) / 6);
    expect(relativeError(pair.loss, twoInOneLoss(pair, r, p))).toBeLessThan(
      phaseTolerances.quadratureRelative,
    );
    const params = [pair.w[0], pair.w[1], pair.b[0], pair.b[1]];
    for (let i = 0; i < 4; i++) {
      for (const h of [-1e-4, 1e-4]) {
        const q = [...params];
        q[i] += h;
        const loss = twoInOneLoss({ w: [q[0], q[1]], b: [q[2], q[3]] }, r, p);
        expect(loss).toBeGreaterThan(pair.loss - phaseTolerances.optimumSlack);
      }
    }
  });

  it.each([
    [0.1, 1, 'feature1'],
    [10, 1, 'feature2'],
    [0.3, 0.5, 'feature1'],
    [3, 0.5, 'feature2'],
    [1, 0.01, 'antipodal'],
    [0.1, 0.01, 'antipodal'],
    [10, 0.01, 'antipodal'],
  ] as const)('puts r = %f, p = %f in the %s phase', (r, p, expected) => {
    expect(analyticTwoInOne(r, p).solution).toBe(expected);
  });

  it('places the boundary beyond the unit pair’s p = 4r/(2 + 5r) (the best pair does better)', () => {
    // At r = 1 the unit pair ties the single feature at p = 4/7; the best pair wins there.
    expect(analyticTwoInOne(1, 4 / 7).solution).toBe('antipodal');
    expect(analyticTwoInOne(1, 0.9).solution).not.toBe('antipodal');
  });
});
