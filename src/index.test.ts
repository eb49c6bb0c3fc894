import { F64_DIGITS, readmeExampleDigits } from './test-support/tolerances.js';
import { describe, expect, it } from 'vitest';
import * as tegum from './index.js';

describe('the public API', () => {
  it("runs the README's library example", () => {
    const model = tegum.theoryModel({ n: 100_000, d: 10_000, alpha: 1.5, bound: 'jl-cubic' });
    const { kStar, lossRatio } = tegum.optimum(model);
    expect(kStar).toBe(35);
    expect(lossRatio).toBeCloseTo(0.44, readmeExampleDigits.lossRatio);
    expect(tegum.transition(model).alphaStar).toBeCloseTo(2.103, readmeExampleDigits.alphaStar);
    expect(tegum.lossCurve(model, 100)).toHaveLength(100);
  });
});

/** Calls that break an exported function's contract: each must throw a RangeError naming the argument. */
const badCalls: [string, () => unknown, RegExp][] = [
  ['optimum()', () => tegum.optimum(undefined as never), /optimum: model/],
  [
    'lossAt(model, NaN)',
    () => tegum.lossAt(tegum.theoryModel({ n: 100, d: 50, alpha: 1 }), NaN),
    /lossAt: k/,
  ],
  ['dLossDk({}, 1)', () => tegum.dLossDk({} as never, 1), /dLossDk: model/],
  ['domainOf(null)', () => tegum.domainOf(null as never), /domainOf: model/],
  ['lossCurve()', () => tegum.lossCurve(undefined as never), /lossCurve: model/],
  ['transition(1)', () => tegum.transition(1 as never), /transition: model/],
  ['theoryModel()', () => tegum.theoryModel(undefined as never), /theoryModel: config/],
  [
    'powerPackingGradient()',
    () => (tegum.powerPackingGradient as (...a: unknown[]) => number)(),
    /powerPackingGradient: d/,
  ],
  [
    'toyGradient({})',
    () =>
      tegum.toyGradient(new Float32Array(1), new Float32Array(1), new Float32Array(1), {} as never),
    /toyGradient: state/,
  ],
  [
    'instanceWeights()',
    () => tegum.instanceWeights(undefined as never, 0),
    /instanceWeights: state/,
  ],
  // The toy run is checked once, by resolveToyRun (createToyState takes only a resolved run
  // and checks nothing): what createToyState refused, resolveToyRun refuses.
  [
    'resolveToyRun()',
    () => tegum.resolveToyRun(undefined as never),
    /a toy run must be an object of its fields, got nothing/,
  ],
  [
    'resolveToyRun({ n: 0 })',
    () => tegum.resolveToyRun({ n: 0, m: 2, sparsity: 0 }),
    /n must be an integer ≥ 1, got 0/,
  ],
  [
    'resolveToyRun({ nFeatures })',
    () => tegum.resolveToyRun({ nFeatures: 5, m: 2, sparsity: 0 } as never),
    /unknown toy run key 'nFeatures'/,
  ],
  ['trainToyModels()', () => tegum.trainToyModels(undefined as never), /trainToyModels: run/],
  ['sliceToyRun()', () => tegum.sliceToyRun(undefined as never, 0, 1), /sliceToyRun: run/],
  [
    'adamUpdate(no params)',
    () =>
      tegum.adamUpdate(
        new Float32Array(1),
        new Float32Array(1),
        new Float32Array(1),
        new Float32Array(1),
        1,
        undefined as never,
      ),
    /adamUpdate: a/,
  ],
  ['sparsityOf()', () => tegum.sparsityOf(undefined as never), /sparsityOf: featureProbability/],
  [
    'numericalRank()',
    () => tegum.numericalRank(undefined as never, 2, 3, [0], 0.1),
    /numericalRank: W/,
  ],
  ['pack()', () => tegum.pack(undefined as never), /pack: run must be a ResolvedPackRun/],
  ['registerBound({})', () => tegum.registerBound({} as never), /registerBound: bound.name/],
  [
    'registerObjective()',
    () => tegum.registerObjective(undefined as never),
    /registerObjective: definition/,
  ],
  ['registerToyPreset(1)', () => tegum.registerToyPreset(1 as never), /registerToyPreset: preset/],
  [
    'registerLrSchedule(x, 1)',
    () => tegum.registerLrSchedule('x', 1 as never),
    /registerLrSchedule: schedule/,
  ],
  [
    'createSphereWorkspace(NaN, 2)',
    () => tegum.createSphereWorkspace(NaN, 2),
    /createSphereWorkspace: d/,
  ],
  ['tegumLabel(-1, 2)', () => tegum.tegumLabel(-1, 2), /tegumLabel: size/],
  ['jlCubicR(undefined)', () => tegum.jlCubicR(undefined as never, 1, 1), /jlCubicR: n/],
  ['welchEpsilon(NaN, 2)', () => tegum.welchEpsilon(NaN, 2), /welchEpsilon: m/],
  ['decodeNpy()', () => tegum.decodeNpy(undefined as never), /decodeNpy: bytes/],
];

describe('the public API at its edge', () => {
  it.each(badCalls)('answers %s with a RangeError naming the argument', (_name, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });

  it('answers useBackend and trainToyModelsParallel with bad arguments by rejecting with a RangeError', async () => {
    await expect(tegum.useBackend('gpu' as never)).rejects.toThrow(/backend must be one of/);
    await expect(
      tegum.trainToyModelsParallel(undefined as never, undefined as never),
    ).rejects.toThrow(/trainToyModelsParallel: pool/);
  });
});

describe('the 2-in-1 phase change in the public API', () => {
  it('classifies a sparse point as an antipodal pair whose loss beats both single features', () => {
    const a = tegum.analyticTwoInOne(1, 0.1);
    expect(a.solution).toBe('antipodal');
    const [f1, f2, pair] = a.candidates;
    expect(pair.loss).toBeLessThan(Math.min(f1.loss, f2.loss));
    expect(tegum.classifyTwoInOne(pair.w)).toBe('antipodal');
    expect(tegum.twoInOneLoss(pair, 1, 0.1)).toBeCloseTo(pair.loss, F64_DIGITS);
  });
});
