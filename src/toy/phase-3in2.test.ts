import { describe, expect, it } from 'vitest';
import { F64_EXACT, phaseTolerances, relativeError } from '../test-support/tolerances.js';
import { twoInOneLoss } from './phase-2in1-loss.js';
import { bestAntipodalPair, featureVariance } from './phase-2in1-solutions.js';
import { analyticThreeInTwo, classifyThreeInTwo } from './phase-3in2.js';

// W as [nHidden = 2, nFeatures = 3], row-major: columns are the features' vectors.
const W = (c1: [number, number], c2: [number, number], c3: [number, number]) => [
  c1[0],
  c2[0],
  c3[0],
  c1[1],
  c2[1],
  c3[1],
];

describe('classifying a 3-in-2 W', () => {
  it.each([
    [W([1, 0], [0, 1], [0, 0.05]), 'drop-extra'],
    [W([0, 0.1], [0, -1], [1, 0]), 'extra-dedicated'],
    [W([1, 0], [0, 1], [0, -1]), 'extra-antipodal'],
    [W([0, 1], [1, 0], [-1, 0.02]), 'extra-antipodal'],
    [W([1, 0], [-1, 0], [0, 1]), 'others-antipodal'],
    [W([1, 0], [1, 0], [0, 1]), 'other'],
    [W([1, 0], [-0.5, 0.866], [-0.5, -0.866]), 'other'],
    [W([0.1, 0], [0, 0.1], [0, 0]), 'other'],
  ] as const)('reads %j as %s', (w, expected) => {
    expect(classifyThreeInTwo(w)).toBe(expected);
  });

  it('refuses a W that is not 6 finite numbers', () => {
    expect(() => classifyThreeInTwo([1, 0, 0, 1])).toThrow(/6 entries/);
    expect(() => classifyThreeInTwo([1, 0, 0, Number.NaN, 1, 0])).toThrow(/finite/);
  });
});

describe('the analytic 3-in-2 phase diagram', () => {
  it('sums the candidates from 1-dimensional terms: dropped variances and 2-in-1 pairs', () => {
    const r = 2;
    const p = 0.2;
    const a = analyticThreeInTwo(r, p);
    const loss = (name: string) => a.candidates.find((c) => c.candidate === name)?.loss ?? NaN;
    expect(relativeError(loss('drop-extra'), r * (p / 3 - (p * p) / 4))).toBeLessThan(F64_EXACT);
    expect(relativeError(loss('extra-dedicated'), featureVariance(p))).toBeLessThan(F64_EXACT);
    // The extra feature's pair is a 2-in-1 model with importances (1, r) at its best.
    const pair = bestAntipodalPair(r, p);
    expect(relativeError(loss('extra-antipodal'), twoInOneLoss(pair, r, p))).toBeLessThan(
      phaseTolerances.quadratureRelative,
    );
    expect(loss('others-antipodal')).toBeLessThanOrEqual(((1 + 1) * p * p) / 6);
    expect(a.loss).toBe(Math.min(...a.candidates.map((c) => c.loss)));
    // Each candidate's W reads as itself.
    for (const c of a.candidates) expect(classifyThreeInTwo(c.W)).toBe(c.candidate);
  });

  it.each([
    [0.1, 1, 'drop-extra'],
    [10, 1, 'extra-dedicated'],
    [10, 0.01, 'others-antipodal'],
    [0.1, 0.01, 'extra-antipodal'],
  ] as const)('puts r = %f, p = %f in the %s phase', (r, p, expected) => {
    expect(analyticThreeInTwo(r, p).solution).toBe(expected);
  });
});
