import { describe, expect, it } from 'vitest';
import { theoryModel, withAlpha } from './theory-model.js';

describe('theoryModel', () => {
  it('fills the defaults: jl-cubic bound, post loss, ε₀ = 1', () => {
    const m = theoryModel({ n: 10, d: 3, alpha: 1 });
    expect(m.bound.name).toBe('jl-cubic');
    expect(m.loss).toBe('post');
    expect(m.epsilon0).toBe(1);
  });

  it.each([
    [{ n: 10, d: 10, alpha: 1 }, /n must be an integer greater than d \(10\)/],
    [{ n: 10.5, d: 3, alpha: 1 }, /n must be an integer/],
    [{ n: 10, d: 0, alpha: 1 }, /d must be an integer ≥ 1/],
    [{ n: 10, d: 3, alpha: 0 }, /alpha must be a finite number > 0/],
    [{ n: 10, d: 3, alpha: Number.NaN }, /alpha must be a finite number > 0/],
    [
      { n: 10, d: 3, alpha: 1, bound: 'nope' },
      "bound must be one of jl, jl-cubic, welch, random, got 'nope'",
    ],
    [
      { n: 10, d: 3, alpha: 1, k: 2 },
      /^unknown theory run key 'k' \(allowed: n, d, alpha, bound, loss, epsilon0\)$/,
    ],
    [{ n: 10, d: 3, alpha: 1, loss: 'mean' }, /loss must be one of post, pairs/],
    [{ n: 10, d: 3, alpha: 1, epsilon0: -1 }, /epsilon0 must be a finite number > 0/],
  ])('rejects %o with a RangeError naming the field', (config, message) => {
    expect(() => theoryModel(config)).toThrow(RangeError);
    expect(() => theoryModel(config)).toThrow(message);
  });

  it('re-validates α in withAlpha', () => {
    expect(() => withAlpha(theoryModel({ n: 10, d: 3, alpha: 1 }), Infinity)).toThrow(RangeError);
  });
});
