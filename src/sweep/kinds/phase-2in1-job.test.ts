import { describe, expect, it } from 'vitest';
import { F64_EXACT_DIGITS, phaseTolerances, relativeError } from '../../test-support/tolerances.js';
import { TWO_IN_ONE_GRIDS, twoInOneSpec } from '../../toy/phase-2in1-grid.js';
import { twoInOneLoss } from '../../toy/phase-2in1-loss.js';
import { analyticTwoInOne, classifyTwoInOne } from '../../toy/phase-2in1-solutions.js';
import { builtinSweep } from '../builtin-sweeps.js';
import { planSweep } from '../plan-sweep.js';
import { phase2in1Job } from './phase-2in1-job.js';
import { phase3in2Job } from './phase-3in2-job.js';
import { analyticThreeInTwo, classifyThreeInTwo } from '../../toy/phase-3in2.js';

describe('the phase-2in1 job kind', () => {
  it('resolves a point to one 2-in-1 toy model with importance (1, r) and density p', () => {
    const c = phase2in1Job.resolve({ relativeImportance: 3, density: 0.1, steps: 50 }, 7);
    expect(c).toMatchObject({
      kind: 'toy',
      n: 2,
      m: 1,
      instances: 1,
      importance: [1, 3],
      sparsity: [0.9],
      seed: 7,
      threads: 1,
      steps: 50,
      relativeImportance: 3,
      density: 0.1,
    });
    expect(() => phase2in1Job.resolve({ relativeImportance: 0, density: 0.1 }, 0)).toThrow(
      /^relativeImportance must be a finite number > 0/,
    );
    expect(() => phase2in1Job.resolve({ relativeImportance: 1, density: 1.5 }, 0)).toThrow(
      /^density must be in \(0, 1\]/,
    );
  });

  it('classifies its trained W and puts the computed solution and the exact losses beside it', async () => {
    const config = phase2in1Job.resolve(
      { relativeImportance: 0.3, density: 0.05, steps: 300, backend: 'js' },
      1,
    );
    const { metrics } = await phase2in1Job.run(config);
    const w = [metrics.w1 as number, metrics.w2 as number];
    const b = [metrics.b1 as number, metrics.b2 as number] as const;
    expect(metrics.solution).toBe(classifyTwoInOne(w));
    const exact = twoInOneLoss({ w: [w[0], w[1]], b }, 0.3, 0.05) / 2;
    expect(relativeError(metrics.exactLoss as number, exact)).toBeLessThan(
      phaseTolerances.quadratureRelative,
    );
    const analytic = analyticTwoInOne(0.3, 0.05);
    expect(metrics.analyticSolution).toBe(analytic.solution);
    expect(metrics.analyticLoss).toBeCloseTo(analytic.loss / 2, F64_EXACT_DIGITS);
    // The toy kind's metrics come too.
    expect(metrics).toHaveProperty('dimsPerFeature');
    expect(metrics).toHaveProperty('factors');
  });

  it('is the kind of the built-in sweep phase-2in1, a log grid of relative importance × density', () => {
    const spec = builtinSweep('phase-2in1')?.spec;
    expect(spec).toEqual(twoInOneSpec(TWO_IN_ONE_GRIDS.full));
    const plan = planSweep(
      twoInOneSpec({ importancePoints: 3, densityPoints: 2, seeds: 2, steps: 10 }),
    );
    expect(plan.jobs).toHaveLength(12);
    expect(plan.axisColumns.map((c) => c.name)).toEqual(['relativeImportance', 'density']);
    expect(plan.jobs.map((j) => j.point.relativeImportance)).toContain(10);
    expect(plan.jobs.map((j) => j.point.density)).toContain(0.01);
    expect(new Set(plan.jobs.map((j) => `${j.key}:${j.seed}`)).size).toBe(12);
  });

  it('refuses a bad point before any work, naming the axis', () => {
    const bad = {
      name: 'bad',
      kind: 'phase-2in1',
      axes: { relativeImportance: [1, -2], density: [0.5] },
    };
    expect(() => planSweep(bad)).toThrow(
      /^spec: axes\.relativeImportance: relativeImportance must be a finite number > 0, got -2$/,
    );
    expect(() =>
      planSweep({ ...bad, base: { n: 3 }, axes: { relativeImportance: [1], density: [0.5] } }),
    ).toThrow(
      /^spec: base\.n: unknown key \(allowed for kind phase-2in1: relativeImportance, density/,
    );
  });
});

describe('the phase-3in2 job kind', () => {
  it('resolves a point to one 3-in-2 toy model with importance (1, 1, r), 1024 evaluation batches', () => {
    const c = phase3in2Job.resolve({ relativeImportance: 2, density: 0.1, steps: 50 }, 3);
    expect(c).toMatchObject({
      kind: 'toy',
      n: 3,
      m: 2,
      instances: 1,
      importance: [1, 1, 2],
      sparsity: [0.9],
      seed: 3,
      evalBatches: 1024,
      relativeImportance: 2,
      density: 0.1,
    });
    expect(() => phase3in2Job.resolve({ relativeImportance: 1, density: 0 }, 0)).toThrow(
      /^density must be in \(0, 1\]/,
    );
  });

  it('classifies its trained W beside the computed solution', async () => {
    const config = phase3in2Job.resolve(
      { relativeImportance: 0.5, density: 0.05, steps: 300, backend: 'js' },
      0,
    );
    const { metrics } = await phase3in2Job.run(config);
    expect(metrics.solution).toBe(classifyThreeInTwo(metrics.W as number[]));
    const analytic = analyticThreeInTwo(0.5, 0.05);
    expect(metrics.analyticSolution).toBe(analytic.solution);
    expect(metrics.analyticLoss).toBeCloseTo(analytic.loss / 3, F64_EXACT_DIGITS);
  });
});
