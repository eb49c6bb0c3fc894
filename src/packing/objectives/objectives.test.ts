import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/rng.js';
import { F64_DIGITS, FD_FLOAT64_RELATIVE } from '../../test-support/tolerances.js';
import type { Objective } from './objective.js';
import { powerObjective } from './power.js';
import {
  createObjective,
  objectiveDefinition,
  objectiveNames,
  registerObjective,
} from './registry.js';

/** Naive float64 references for G = VᵀV and V·A (V [d, n], A [n, n]). */
function gram(G: Float64Array, V: Float64Array, d: number, n: number) {
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < d; r++) s += V[r * n + i] * V[r * n + j];
      G[i * n + j] = s;
    }
}
function gramTimes(out: Float64Array, V: Float64Array, A: Float64Array, d: number, n: number) {
  for (let r = 0; r < d; r++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += V[r * n + i] * A[i * n + j];
      out[r * n + j] = s;
    }
}

function randomV(d: number, n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const V = new Float64Array(d * n);
  for (let i = 0; i < V.length; i++) V[i] = rng.normal() / Math.sqrt(d);
  return V;
}

function loss(objective: Objective, V: Float64Array, d: number, n: number): number {
  const G = new Float64Array(n * n);
  gram(G, V, d, n);
  return objective.value(G, n);
}

/** dL/dV = 2 V·dL/dG, compared entry by entry with central differences. */
function expectGradientMatchesFiniteDifferences(objective: Objective, d: number, n: number) {
  const V = randomV(d, n, 7);
  const G = new Float64Array(n * n);
  const dLdG = new Float64Array(n * n);
  gram(G, V, d, n);
  objective.value(G, n, dLdG);
  const grad = new Float64Array(d * n);
  gramTimes(grad, V, dLdG, d, n);
  const h = 1e-6;
  let worst = 0;
  let scale = 0;
  for (let e = 0; e < V.length; e++) {
    const keep = V[e];
    V[e] = keep + h;
    const up = loss(objective, V, d, n);
    V[e] = keep - h;
    const down = loss(objective, V, d, n);
    V[e] = keep;
    const fd = (up - down) / (2 * h);
    worst = Math.max(worst, Math.abs(2 * grad[e] - fd));
    scale = Math.max(scale, Math.abs(fd));
  }
  expect(scale).toBeGreaterThan(0);
  expect(worst / scale).toBeLessThan(FD_FLOAT64_RELATIVE);
}

describe('packing objectives', () => {
  it.each([0.25, 0.5, 1, 1.5, 2, 3, 4])(
    'power with alpha %s has a gradient that matches finite differences',
    (alpha) => {
      expectGradientMatchesFiniteDifferences(createObjective('power', { alpha }), 4, 7);
    },
  );

  it('threshold has a gradient that matches finite differences (p = 2 and p = 1.5)', () => {
    expectGradientMatchesFiniteDifferences(createObjective('threshold', { threshold: 0.2 }), 4, 7);
    expectGradientMatchesFiniteDifferences(
      createObjective('threshold', { threshold: 0.1, p: 1.5 }),
      4,
      7,
    );
  });

  it('minimax has a gradient that matches finite differences at low and high sharpness', () => {
    const objective = createObjective('minimax', { betaStart: 5, betaEnd: 500 });
    expectGradientMatchesFiniteDifferences(objective, 3, 6);
    objective.anneal(1);
    expectGradientMatchesFiniteDifferences(objective, 3, 6);
  });

  it('power reports the exact Σ|G_ij|^alpha and optimises a smoothed value below it by at most n(n−1)δ^alpha', () => {
    const n = 5;
    const G = new Float64Array(n * n);
    const rng = new Rng(3);
    for (let i = 0; i < n; i++) {
      G[i * n + i] = 1;
      for (let j = 0; j < i; j++) G[i * n + j] = G[j * n + i] = rng.uniform() * 2e-3 - 1e-3;
    }
    const objective = createObjective('power', { alpha: 0.5, smoothing: 1e-3 });
    let exact = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (i !== j) exact += Math.sqrt(Math.abs(G[i * n + j]));
    expect(objective.reported(G, n)).toBeCloseTo(exact, F64_DIGITS);
    const smoothed = objective.value(G, n);
    expect(smoothed).toBeLessThanOrEqual(exact);
    expect(exact - smoothed).toBeLessThanOrEqual(n * (n - 1) * Math.sqrt(1e-3));
    expect(objective.surrogate).toMatch(/δ = 0.001/);
    expect(createObjective('power', { alpha: 2 }).surrogate).toBe('');
  });

  it('minimax brackets the largest |G_ij|² between max c² and max c² + ln(n(n−1))/β', () => {
    const n = 6;
    const V = randomV(3, n, 11);
    const G = new Float64Array(n * n);
    gram(G, V, 3, n);
    const objective = createObjective('minimax', { betaStart: 50, betaEnd: 50 });
    const top = objective.reported(G, n);
    const s = objective.value(G, n);
    expect(s).toBeGreaterThanOrEqual(top * top);
    expect(s).toBeLessThanOrEqual(top * top + Math.log(n * (n - 1)) / 50);
  });

  it('threshold ignores interference below b', () => {
    const n = 3;
    const G = new Float64Array([1, 0.05, -0.3, 0.05, 1, 0.1, -0.3, 0.1, 1]);
    const objective = createObjective('threshold', { threshold: 0.1, p: 2 });
    expect(objective.reported(G, n)).toBeCloseTo(2 * 0.2 * 0.2, F64_DIGITS);
  });

  it('lists the built-in objectives and refuses a duplicate name', () => {
    expect(objectiveNames()).toEqual(['power', 'threshold', 'minimax']);
    expect(() => registerObjective(powerObjective)).toThrow(/already registered/);
    expect(objectiveDefinition('minimax').name).toBe('minimax');
  });

  it('rejects unknown objectives, unknown parameters and out-of-range values by name', () => {
    expect(() => createObjective('cubic')).toThrow(/unknown objective 'cubic' \(allowed: power/);
    expect(() => createObjective('power', { beta: 1 })).toThrow(/unknown parameter 'beta'/);
    expect(() => createObjective('power', { alpha: -1 })).toThrow(/alpha must be > 0/);
    expect(() => createObjective('power', { alpha: Number.NaN })).toThrow(/alpha must be finite/);
    expect(() => createObjective('threshold', { threshold: 1 })).toThrow(/threshold must be in/);
    expect(() => createObjective('threshold', { p: 0.5 })).toThrow(/p must be ≥ 1/);
    expect(() => createObjective('minimax', { betaStart: 10, betaEnd: 1 })).toThrow(/betaEnd/);
  });
});
