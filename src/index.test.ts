import { describe, expect, it } from 'vitest';
import * as tegum from './index.js';

describe('the public API', () => {
  it("runs the README's library example", () => {
    const model = tegum.theoryModel({ n: 100_000, d: 10_000, alpha: 1.5, bound: 'jl-cubic' });
    const { kStar, lossRatio } = tegum.optimum(model);
    expect(kStar).toBe(35);
    expect(lossRatio).toBeCloseTo(0.44, 2);
    expect(tegum.transition(model).alphaStar).toBeCloseTo(2.103, 3);
    expect(tegum.lossCurve(model, 100)).toHaveLength(100);
  });
});

describe('the 2-in-1 phase change in the public API', () => {
  it('classifies a sparse point as an antipodal pair whose loss beats both single features', () => {
    const a = tegum.analyticTwoInOne(1, 0.1);
    expect(a.solution).toBe('antipodal');
    const [f1, f2, pair] = a.candidates;
    expect(pair.loss).toBeLessThan(Math.min(f1.loss, f2.loss));
    expect(tegum.classifyTwoInOne(pair.w)).toBe('antipodal');
    expect(tegum.twoInOneLoss(pair, 1, 0.1)).toBeCloseTo(pair.loss, 14);
  });
});
