import { describe, expect, it } from 'vitest';
import { nelderMeadTolerances } from '../test-support/tolerances.js';
import { nelderMead } from './nelder-mead.js';

describe('Nelder–Mead', () => {
  it('finds the minimum of the Rosenbrock function at (1, 1)', () => {
    const rosenbrock = (x: readonly number[]) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const r = nelderMead(rosenbrock, [-1.2, 1], { step: 0.5 });
    expect(r.x[0]).toBeCloseTo(1, nelderMeadTolerances.rosenbrockDigits);
    expect(r.x[1]).toBeCloseTo(1, nelderMeadTolerances.rosenbrockDigits);
    expect(r.f).toBeLessThan(nelderMeadTolerances.rosenbrockValue);
  });

  it('finds the minimum of a kinked convex function in four dimensions', () => {
    const target = [0.3, -1, 2, 0.5];
    const f = (x: readonly number[]) =>
      x.reduce((s, xi, i) => s + Math.abs(xi - target[i]) + (xi - target[i]) ** 2, 0);
    const r = nelderMead(f, [0, 0, 0, 0], { step: 1 });
    r.x.forEach((xi, i) => expect(xi).toBeCloseTo(target[i], nelderMeadTolerances.kinkedDigits));
  });
});
