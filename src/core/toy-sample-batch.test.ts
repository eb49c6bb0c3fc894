import { afterAll, describe, expect, it } from 'vitest';
import { setBackend, type BackendName } from './backend.js';
import { toySampleBatch as jsSampleBatch } from './js/toy-sample-batch.js';
import { resolveToyRun } from '../toy/resolve-toy-run.js';
import { sparsityOf } from '../toy/presets.js';
import type { ResolvedToyRun, ToyRunInput } from '../toy/toy-run-schema.js';
import { toyStateOf } from '../test-support/toy-state-of.js';
import { toySampleBatch } from './toy-sample-batch.js';
import { coActivation, naiveToySamples } from '../test-support/toy-sampling-reference.js';
import { MONTE_CARLO_SIGMAS } from '../test-support/tolerances.js';
import { NATIVE_REQUIRED, nativeLoads } from '../test-support/backends.js';

const BATCH = 2048;
const BATCHES = 6;

/** n = 9: two correlated sets, one anticorrelated pair, one capped anticorrelated triple, a free feature. */
const SETS: ToyRunInput = {
  instances: 2,
  n: 9,
  m: 2,
  batchSize: BATCH,
  sparsity: sparsityOf([0.3, 0.45]),
  correlated: [
    [0, 1],
    [4, 2, 3],
  ],
  anticorrelated: [[5, 6]],
  seed: 11,
};

/**
 * A probability per feature, varying across instances too ([instances × n]), p = 0 (S = 1,
 * which a run refuses: written over the resolved run) and p = 1 among them.
 */
const PER_FEATURE: Case = {
  input: { instances: 2, n: 5, m: 2, batchSize: BATCH, sparsity: 0.5, seed: 3 },
  sparsity: sparsityOf([0.9, 0.05, 0.3, 0, 1, 0.5, 0.5, 0.02, 0.7, 0.2]),
};

/** A run's input, and sparsities written over the resolved run unchecked (for p = 0). */
interface Case {
  input: ToyRunInput;
  sparsity?: number[];
}

/** The resolved run of a case. */
function runOf(c: Case): ResolvedToyRun {
  const run = resolveToyRun(c.input);
  return c.sparsity ? { ...run, sparsity: c.sparsity } : run;
}

/** The fresh state of a case. */
function stateOf(c: Case) {
  return toyStateOf(c.input, c.sparsity ? { sparsity: c.sparsity } : {});
}

/** BATCHES batches of instance i on the active backend, as [samples, n]. */
function draw(c: Case, i: number): Float32Array {
  const state = stateOf(c);
  const n = state.nFeatures;
  const x = new Float32Array(BATCH * n);
  const all = new Float32Array(BATCHES * BATCH * n);
  for (let k = 0; k < BATCHES; k++) {
    toySampleBatch(x, state, i);
    all.set(x, k * BATCH * n);
  }
  return all;
}

/** Instance i's per-feature probabilities p = 1 − S as the resolved run gives them. */
function probabilities(run: ResolvedToyRun, i: number): number[] {
  const { n, sparsity: S } = run;
  if (S.length === run.instances * n) return Array.from({ length: n }, (_, f) => 1 - S[i * n + f]);
  return Array<number>(n).fill(1 - S[i]);
}

/** |a − b| within MONTE_CARLO_SIGMAS standard errors of two independent rate estimates. */
function expectSameRate(a: number, b: number, samplesA: number, samplesB: number): void {
  const se = (r: number, N: number) => Math.sqrt(Math.max(r * (1 - r), 1 / N) / N);
  expect(Math.abs(a - b)).toBeLessThanOrEqual(
    MONTE_CARLO_SIGMAS * Math.hypot(se(a, samplesA), se(b, samplesB)),
  );
}

const backends: [string, BackendName, number][] = [
  ['js', 'js', 1],
  ['wasm', 'wasm', 1],
  ['threaded wasm', 'wasm', 2],
  // native draws from the WebAssembly stream in compressed sparse rows (wasm-toy-sampler.ts)
  ...(NATIVE_REQUIRED || (await nativeLoads())
    ? [['native', 'native', 1] as [string, BackendName, number]]
    : []),
];

describe.each(backends)('toySampleBatch on the %s backend', (_, backend, threads) => {
  afterAll(async () => setBackend('js'));

  for (const [label, c] of [
    ['correlated and anticorrelated sets', { input: SETS }],
    ['per-feature probabilities', PER_FEATURE],
  ] as const) {
    it(`gives the naive reference's co-activation rates for ${label}`, async () => {
      await setBackend(backend, { threads });
      const run = runOf(c);
      const n = run.n;
      const N = BATCH * BATCHES;
      for (let i = 0; i < run.instances; i++) {
        const p = probabilities(run, i);
        const got = coActivation(draw(c, i), N, n);
        const naive = naiveToySamples(N, p, run.correlated, run.anticorrelated, 99 + i);
        const want = coActivation(naive, N, n);
        for (let k = 0; k < n * n; k++) expectSameRate(got[k], want[k], N, N);
      }
    });
  }

  it('activates a correlated set together, an anticorrelated set one at a time, each at density p', async () => {
    await setBackend(backend, { threads });
    const N = BATCH * BATCHES;
    const n = 9;
    const rate = coActivation(draw({ input: SETS }, 0), N, n);
    const p = 0.3;
    const at = (i: number, j: number) => rate[i * n + j];
    const expectRate = (r: number, want: number) => expectSameRate(r, want, N, Infinity);
    for (let f = 0; f < n; f++) expectRate(at(f, f), p);
    // Correlated: both or neither, so the pair's rate is each one's.
    expect(at(0, 1)).toBe(at(0, 0));
    expect(at(2, 4)).toBe(at(4, 4));
    expect(at(3, 2)).toBe(at(2, 2));
    // Anticorrelated: never together.
    expect(at(5, 6)).toBe(0);
    // Independent units: p².
    for (const [i, j] of [
      [0, 2],
      [0, 5],
      [5, 7],
      [7, 8],
      [1, 6],
    ])
      expectRate(at(i, j), p * p);
  });

  it('caps an anticorrelated set at one active feature per sample (|set|·p > 1)', async () => {
    await setBackend(backend, { threads });
    const config: ToyRunInput = {
      ...SETS,
      n: 4,
      correlated: [],
      anticorrelated: [[0, 1, 2]],
      sparsity: 0.55,
    };
    const N = BATCH * BATCHES;
    const x = draw({ input: config }, 0);
    const rate = coActivation(x, N, 4);
    for (const f of [0, 1, 2]) expectSameRate(rate[f * 5], 1 / 3, N, Infinity);
    for (let s = 0; s < N; s++)
      expect(Number(x[4 * s] !== 0) + Number(x[4 * s + 1] !== 0) + Number(x[4 * s + 2] !== 0)).toBe(
        1,
      );
  });

  it('draws the values of a correlated set independently, uniform on [0, 1)', async () => {
    await setBackend(backend, { threads });
    const N = BATCH * BATCHES;
    const n = 9;
    const x = draw({ input: SETS }, 1);
    let count = 0,
      s0 = 0,
      s1 = 0,
      s01 = 0,
      s00 = 0,
      s11 = 0;
    for (let s = 0; s < N; s++) {
      const a = x[s * n];
      const b = x[s * n + 1];
      if (a === 0) continue;
      expect(a >= 0 && a < 1 && b > 0 && b < 1).toBe(true);
      count++;
      s0 += a;
      s1 += b;
      s01 += a * b;
      s00 += a * a;
      s11 += b * b;
    }
    const m0 = s0 / count,
      m1 = s1 / count;
    const corr =
      (s01 / count - m0 * m1) / Math.sqrt((s00 / count - m0 * m0) * (s11 / count - m1 * m1));
    expect(Math.abs(corr)).toBeLessThan(MONTE_CARLO_SIGMAS / Math.sqrt(count));
    // U[0, 1): mean 1/2, variance 1/12.
    expect(Math.abs(m0 - 0.5)).toBeLessThan(MONTE_CARLO_SIGMAS * Math.sqrt(1 / 12 / count));
  });

  it('draws the batches of the reference kernel bit for bit, and advances the generator alike', async () => {
    for (const c of [
      { input: SETS },
      PER_FEATURE,
      { input: { ...SETS, correlated: [], anticorrelated: [] } },
    ]) {
      await setBackend(backend, { threads });
      const state = stateOf(c);
      const ref = stateOf(c);
      const n = state.nFeatures;
      const x = new Float32Array(BATCH * n);
      const y = new Float32Array(BATCH * n);
      for (let k = 0; k < 2; k++) {
        toySampleBatch(x, state, 1);
        jsSampleBatch(y, ref, 1);
        expect(x).toEqual(y);
      }
      expect(Array.from(state.rngState)).toEqual(Array.from(ref.rngState));
    }
  });
  it('draws the geometric stream bit for bit at densities dense to sparse', async () => {
    // Gaps of 0 (u above 1 − p, no logarithm taken), short and long gaps, across row ends:
    // 2048 × 61 positions per instance, from p = 1 to 0.01.
    const config: ToyRunInput = {
      instances: 12,
      n: 61,
      m: 2,
      batchSize: BATCH,
      sparsity: sparsityOf([1, 0.9999, 0.999, 0.99, 0.9, 0.7, 0.5, 0.3, 0.13, 0.05, 0.02, 0.01]),
      seed: 23,
    };
    await setBackend(backend, { threads });
    const state = toyStateOf(config);
    const ref = toyStateOf(config);
    const x = new Float32Array(BATCH * 61);
    const y = new Float32Array(BATCH * 61);
    for (let i = 0; i < state.nInstances; i++) {
      toySampleBatch(x, state, i);
      jsSampleBatch(y, ref, i);
      let differing = 0; // counted here: toEqual walks 125k entries slowly
      for (let k = 0; k < x.length; k++) if (!Object.is(x[k], y[k])) differing++;
      expect(differing).toBe(0);
    }
    expect(Array.from(state.rngState)).toEqual(Array.from(ref.rngState));
  });
});

describe('feature sets in the run', () => {
  const base: ToyRunInput = { instances: 2, n: 6, m: 2, sparsity: 0.9 };
  it('rejects a bad set when the run is resolved, with a message naming it and what is allowed', () => {
    expect(() =>
      resolveToyRun({
        ...base,
        correlated: [
          [0, 1],
          [1, 2],
        ],
      }),
    ).toThrow(
      /correlated set \{1,2\} overlaps correlated set \{0,1\} at feature 1: sets may not share features/,
    );
    expect(() =>
      resolveToyRun({ ...base, correlated: [[0, 1]], anticorrelated: [[2, 0]] }),
    ).toThrow(/anticorrelated set \{2,0\} overlaps correlated set \{0,1\}/);
    expect(() => resolveToyRun({ ...base, anticorrelated: [[0, 6]] })).toThrow(
      /feature 6 is not an integer in \[0, 6\)/,
    );
    expect(() => resolveToyRun({ ...base, correlated: [[3]] })).toThrow(/at least two features/);
    expect(() =>
      resolveToyRun({
        ...base,
        sparsity: sparsityOf([0.1, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]),
        correlated: [[0, 1]],
      }),
    ).toThrow(/mixes feature probabilities \(instance 0: 0.1\d* and 0.2\d*\)/);
    // The same sets as text ('i,j;k,l', the flag's form).
    expect(() => resolveToyRun({ ...base, correlated: '0,1;1,2' })).toThrow(
      /correlated set \{1,2\} overlaps correlated set \{0,1\} at feature 1/,
    );
  });

  it('keeps the geometric stream for independent features of one probability', () => {
    const s = toyStateOf({ ...base, sparsity: sparsityOf([0.1, 0.2]) });
    expect(Array.from(s.sampling.unitStream)).toEqual([0, 0]);
    const t = toyStateOf({ ...base, anticorrelated: [[4, 1]] });
    expect(Array.from(t.sampling.unitStream)).toEqual([1, 1]);
    expect(Array.from(t.sampling.unitKind)).toEqual([0, 2, 0, 0, 0]);
    expect(Array.from(t.sampling.unitFeature)).toEqual([0, 4, 1, 2, 3, 5]);
    // Given as text, the same units.
    const u = toyStateOf({ ...base, anticorrelated: '4,1' });
    expect(Array.from(u.sampling.unitFeature)).toEqual([0, 4, 1, 2, 3, 5]);
  });
});
