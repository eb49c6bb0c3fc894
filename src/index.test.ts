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
