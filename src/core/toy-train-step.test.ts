import { beforeAll, describe, expect, it } from 'vitest';
import { getBackend, setBackend } from './backend.js';
import { Rng } from './rng.js';
import { xoshiroNext } from './xoshiro-buffer.js';
import type { ToyState } from './toy-state.js';
import { resolveToyRun } from '../toy/resolve-toy-run.js';
import { sparsityOf } from '../toy/presets.js';
import type { ResolvedToyRun, ToyRunInput } from '../toy/toy-run-schema.js';
import { toyStateOf } from '../test-support/toy-state-of.js';
import { sampleToyBatch } from './toy-batch.js';
import { toySampleBatch as jsSampleBatch } from './js/toy-sample-batch.js';
import { toyGradient } from './toy-gradient.js';
import { toyTrainStep } from './toy-train-step.js';
import {
  referenceAdam,
  referenceLossAndGradient,
  type ReferenceModel,
} from '../toy/toy-model-f64.js';
import {
  ADAM_STEPS_ABSOLUTE,
  FD_FLOAT32_RELATIVE,
  FD_FLOAT64_RELATIVE,
  FLOAT32_OF_MAX,
  FLOAT32_RELATIVE,
  SAMPLING_ABSOLUTE,
} from '../test-support/tolerances.js';
import { relativeErrorOfMax } from '../test-support/random-arrays.js';
import { kernelBackends } from '../test-support/backends.js';
import { loadNativeAddon } from './native-kernels.js';

const BASE = {
  instances: 3,
  n: 7,
  m: 3,
  batchSize: 13,
  sparsity: sparsityOf([0.3, 1, 0.05]),
  importance: [1, 0.9, 0.81, 0.729, 0.6561, 0.59049, 0.531441],
  seed: 42,
} satisfies ToyRunInput;

/** BASE with correlated and anticorrelated sets (the unit stream of toy-sample-stream.ts). */
const CORRELATED: ToyRunInput = {
  ...BASE,
  correlated: [
    [0, 1],
    [6, 4],
  ],
  anticorrelated: [[2, 3, 5]],
};

/**
 * BASE with a probability per feature and instance ([instances × n]), p = 0 among them:
 * S = 1, which a run refuses, written over the resolved run (the kernels' edge).
 */
const PER_FEATURE_SPARSITY = sparsityOf(
  Array.from({ length: 21 }, (_, k) => [0.9, 0.2, 0.05, 1, 0][k % 5]),
);

/** Instance i of `state` as a float64 model, plus its next batch (generator copied, not advanced). */
function referenceOf(state: ToyState, i: number): { model: ReferenceModel; X: Float32Array } {
  const { nFeatures: n, nHidden: m, batchSize: B } = state;
  const X = new Float32Array(B * n);
  const rng = state.rngState.slice();
  jsSampleBatch(X, state, i);
  state.rngState.set(rng);
  const model: ReferenceModel = {
    n,
    m,
    model: state.model,
    W: Float64Array.from(state.W.subarray(i * m * n, (i + 1) * m * n)),
    b: Float64Array.from(state.b.subarray(i * n, (i + 1) * n)),
    importance: Float64Array.from(state.importance.subarray(i * n, (i + 1) * n)),
  };
  return { model, X };
}

/** `steps` fused steps at lr 1e-2 on one backend: the final state and every step's losses. */
async function trainOn(
  config: ToyRunInput,
  backend: 'js' | 'wasm' | 'native',
  threads: number,
  steps: number,
): Promise<{ state: ToyState; losses: number[] }> {
  await setBackend(backend, { threads });
  const state = toyStateOf(config);
  const loss = new Float32Array(state.nInstances);
  const losses: number[] = [];
  for (let t = 0; t < steps; t++) {
    toyTrainStep(state, 1e-2, loss);
    losses.push(...loss);
  }
  return { state, losses };
}

describe('the toy data stream', () => {
  it('steps xoshiro128** in a buffer exactly as Rng does', () => {
    const rng = new Rng(7);
    const s = new Uint32Array(8);
    s.set(rng.state, 4);
    for (let k = 0; k < 100; k++) expect(xoshiroNext(s, 4)).toBe(rng.nextUint32());
  });

  it('draws each feature nonzero with probability p and uniform values on [0, 1)', () => {
    for (const p of [0.01, 0.3, 0.9]) {
      const B = 1000;
      const n = 101;
      const x = new Float32Array(B * n);
      sampleToyBatch(x, new Rng(1).state.slice(), 0, p, B, n);
      let nonzero = 0;
      let sum = 0;
      let outside = 0;
      for (const v of x) {
        if (v !== 0) nonzero++;
        if (!(v >= 0 && v < 1)) outside++;
        sum += v;
      }
      expect(outside).toBe(0);
      expect(Math.abs(nonzero / x.length - p)).toBeLessThan(SAMPLING_ABSOLUTE);
      expect(Math.abs(sum / nonzero - 0.5)).toBeLessThan(4 * SAMPLING_ABSOLUTE);
    }
  });

  it('gives all zeros for p = 0 and all nonzeros for p = 1', () => {
    const x = new Float32Array(50);
    sampleToyBatch(x, new Rng(2).state.slice(), 0, 0, 5, 10);
    expect(x.every((v) => v === 0)).toBe(true);
    sampleToyBatch(x, new Rng(2).state.slice(), 0, 1, 5, 10);
    expect(x.every((v) => v > 0)).toBe(true);
  });
});

describe('createToyState', () => {
  it('initialises W Xavier-normal (std √(2/(n+m))) and b at zero', () => {
    const s = toyStateOf({ instances: 4, n: 200, m: 50, sparsity: 0.9 });
    let sq = 0;
    for (const w of s.W) sq += w * w;
    expect(Math.sqrt(sq / s.W.length)).toBeCloseTo(Math.sqrt(2 / 250), 2);
    expect(s.b.every((v) => v === 0)).toBe(true);
  });

  it('seeds instance i with seed + i, so one instance alone replays it', () => {
    const all = toyStateOf({ ...BASE });
    const one = toyStateOf({ ...BASE, instances: 1, sparsity: 0, seed: 44 });
    const size = BASE.m * BASE.n;
    expect(Array.from(one.W)).toEqual(Array.from(all.W.subarray(2 * size, 3 * size)));
    expect(Array.from(one.rngState)).toEqual(Array.from(all.rngState.subarray(8, 12)));
  });

  it('draws W Xavier-uniform on ±√(6/(n+m)) when asked', () => {
    const s = toyStateOf({ instances: 4, n: 200, m: 50, sparsity: 0.9, init: 'xavier-uniform' });
    const bound = Math.sqrt(6 / 250);
    let sq = 0;
    for (const w of s.W) {
      expect(Math.abs(w)).toBeLessThanOrEqual(bound);
      sq += w * w;
    }
    // Uniform on ±a: variance a²/3 = 2/(n+m), Xavier-normal's.
    expect(Math.sqrt(sq / s.W.length)).toBeCloseTo(Math.sqrt(2 / 250), 2);
    expect(Array.from(s.W)).not.toEqual(
      Array.from(toyStateOf({ instances: 4, n: 200, m: 50, sparsity: 0.9 }).W),
    );
  });

  it('takes its settings from the resolved run', () => {
    const input: ToyRunInput = {
      ...BASE,
      optimizer: 'adam',
      model: 'linear',
      beta1: 0.8,
      beta2: 0.99,
      eps: 1e-6,
    };
    const run = resolveToyRun(input);
    expect(run.weightDecay).toBe(0); // plain Adam's default
    const s = toyStateOf(input);
    expect(s).toMatchObject({
      nInstances: 3,
      nFeatures: 7,
      nHidden: 3,
      batchSize: 13,
      relu: false,
      decoupled: false,
      weightDecay: run.weightDecay,
      beta1: 0.8,
      beta2: 0.99,
      eps: 1e-6,
    });
    // p = 1 − S per instance and feature, importance [n] repeated per instance.
    expect(Array.from(s.featureProbability)).toEqual(
      Array.from(Float32Array.from([0.3, 1, 0.05].flatMap((p) => Array<number>(7).fill(p)))),
    );
    expect(Array.from(s.importance)).toEqual(
      Array.from(Float32Array.from([0, 1, 2].flatMap(() => BASE.importance))),
    );
  });

  it('leaves the validation to resolveToyRun, which names the field and what is allowed', () => {
    expect(() => resolveToyRun({ ...BASE, n: 0 })).toThrow('n must be an integer ≥ 1, got 0');
    expect(() => resolveToyRun({ ...BASE, sparsity: 1.5 })).toThrow(
      'sparsity must be in [0, 1), got 1.5',
    );
    expect(() => resolveToyRun({ ...BASE, sparsity: sparsityOf([0.1, 0.2]) })).toThrow(
      /instances 3 must be a multiple of the 2 sparsities given .*instances × n = 21 entries/,
    );
    expect(() => resolveToyRun({ ...BASE, importance: [1, 2] })).toThrow(
      'importance must have n = 7 or instances × n = 21 entries, got 2',
    );
    expect(() => resolveToyRun({ ...BASE, model: 'tanh' as 'linear' })).toThrow(
      "model must be one of relu-output, linear, neuron, abs, got 'tanh'",
    );
    expect(() => resolveToyRun({ ...BASE, beta2: 1 })).toThrow('beta2 must be in [0, 1), got 1');
    // The per-instance seeds list is gone: instance i is seeded seed + i.
    expect(() => resolveToyRun({ ...BASE, seeds: [1] } as ToyRunInput)).toThrow(
      /unknown toy run key 'seeds' \(allowed: .*\bseed\b/,
    );
  });
});

describe('toyGradient', () => {
  for (const model of ['relu-output', 'linear'] as const) {
    it(`matches the float64 per-sample chain rule for the ${model} model`, () => {
      const state = toyStateOf({ ...BASE, model });
      for (let k = 0; k < state.b.length; k++) state.b[k] = 0.1 * Math.sin(k); // b ≠ 0 exercises it
      const refs = [0, 1, 2].map((i) => referenceOf(state, i));
      const gW = new Float32Array(state.W.length);
      const gb = new Float32Array(state.b.length);
      const loss = new Float64Array(3);
      toyGradient(gW, gb, loss, state);
      const { nFeatures: n, nHidden: m } = state;
      refs.forEach(({ model, X }, i) => {
        const r = referenceLossAndGradient(model, X, state.batchSize);
        expect(Math.abs(loss[i] - r.loss) / r.loss).toBeLessThan(FLOAT32_RELATIVE);
        expect(relativeErrorOfMax(gW.subarray(i * m * n, (i + 1) * m * n), r.gW)).toBeLessThan(
          FLOAT32_OF_MAX,
        );
        expect(relativeErrorOfMax(gb.subarray(i * n, (i + 1) * n), r.gb)).toBeLessThan(
          FLOAT32_OF_MAX,
        );
      });
    });
  }

  it('agrees with central finite differences of the float64 loss', () => {
    const state = toyStateOf({ ...BASE, model: 'relu-output' });
    const { model, X } = referenceOf(state, 0);
    const { gW, gb } = referenceLossAndGradient(model, X, state.batchSize);
    const h = 1e-6;
    const check = (p: Float64Array, grad: Float64Array) => {
      for (let k = 0; k < p.length; k++) {
        const p0 = p[k];
        p[k] = p0 + h;
        const up = referenceLossAndGradient(model, X, state.batchSize).loss;
        p[k] = p0 - h;
        const down = referenceLossAndGradient(model, X, state.batchSize).loss;
        p[k] = p0;
        const fd = (up - down) / (2 * h);
        expect(Math.abs(fd - grad[k])).toBeLessThan(FD_FLOAT64_RELATIVE * (Math.abs(fd) + 1e-3));
      }
    };
    check(model.W, gW);
    check(model.b, gb);
  });

  it('agrees with finite differences of its own float32 loss', () => {
    const state = toyStateOf({ ...BASE, model: 'linear', instances: 1, sparsity: 0.5 });
    const gW = new Float32Array(state.W.length);
    const gb = new Float32Array(state.b.length);
    const loss = new Float64Array(1);
    const rng0 = state.rngState.slice();
    const lossAt = () => {
      state.rngState.set(rng0);
      toyGradient(new Float32Array(gW.length), new Float32Array(gb.length), loss, state);
      return loss[0];
    };
    state.rngState.set(rng0);
    toyGradient(gW, gb, loss, state);
    for (let k = 0; k < state.W.length; k++) {
      const w0 = state.W[k];
      state.W[k] = w0 + 1e-3;
      const up = lossAt();
      const wUp = state.W[k];
      state.W[k] = w0 - 1e-3;
      const down = lossAt();
      const fd = (up - down) / (wUp - state.W[k]);
      state.W[k] = w0;
      expect(Math.abs(fd - gW[k])).toBeLessThan(FD_FLOAT32_RELATIVE * (Math.abs(fd) + 1e-3));
    }
  });
});

describe.each(await kernelBackends())(
  'toyTrainStep on the %s backend',
  (_label, backend, options) => {
    beforeAll(async () => {
      await setBackend(backend, options);
      expect(getBackend()).toBe(backend);
    });

    const dataCases: [string, ToyRunInput, Partial<ResolvedToyRun>][] = [
      ['independent', BASE, {}],
      ['correlated and anticorrelated', CORRELATED, {}],
      ['per-feature probability', BASE, { sparsity: PER_FEATURE_SPARSITY }],
    ];
    for (const [data, config, unchecked] of dataCases)
      for (const optimizer of ['adam', 'adamw'] as const) {
        it(`follows a float64 reference for three ${optimizer} steps on ${data} features`, () => {
          const state = toyStateOf({ ...config, optimizer, weightDecay: 0.05 }, unchecked);
          const lr = 1e-2;
          const { nFeatures: n, nHidden: m, nInstances } = state;
          const ref = [...Array(nInstances).keys()].map((i) => ({
            ...referenceOf(state, i).model,
            mW: new Float64Array(m * n),
            vW: new Float64Array(m * n),
            mb: new Float64Array(n),
            vb: new Float64Array(n),
          }));
          const loss = new Float32Array(nInstances);
          for (let step = 1; step <= 3; step++) {
            const expectedLoss = ref.map((model, i) => {
              const { X } = referenceOf(state, i);
              const r = referenceLossAndGradient(model, X, state.batchSize);
              const o = {
                lr,
                beta1: 0.9,
                beta2: 0.999,
                eps: 1e-8,
                weightDecay: 0.05,
                decoupled: optimizer === 'adamw',
                step,
              };
              referenceAdam(model.W, r.gW, model.mW, model.vW, o);
              referenceAdam(model.b, r.gb, model.mb, model.vb, o);
              return r.loss;
            });
            expect(toyTrainStep(state, lr, loss)).toBe(0);
            expectedLoss.forEach((l, i) =>
              expect(Math.abs(loss[i] - l) / l).toBeLessThan(FLOAT32_RELATIVE),
            );
          }
          ref.forEach((model, i) => {
            const W = state.W.subarray(i * m * n, (i + 1) * m * n);
            for (let k = 0; k < W.length; k++)
              expect(Math.abs(W[k] - model.W[k])).toBeLessThan(ADAM_STEPS_ABSOLUTE);
            const b = state.b.subarray(i * n, (i + 1) * n);
            for (let k = 0; k < b.length; k++)
              expect(Math.abs(b[k] - model.b[k])).toBeLessThan(ADAM_STEPS_ABSOLUTE);
          });
          expect(state.step).toBe(3);
        });
      }

    // The wasm kernel takes the factored form where it is the cheaper (factoredIsCheaper in
    // assembly/toy-factored.ts): p = 1 and 0.5 go factored here (n > 4m), p = 0.02 stays Gram,
    // and p = 0.05 is Gram for 50 × 7 and factored for 203 × 20; n, m not multiples of 4. At lr = 0 the parameters stay put and
    // Adam's first moment is (1 − β1) ∂L/∂θ, so each step exposes its gradients.
    for (const [n, m, B] of [
      [50, 7, 64],
      [203, 20, 256],
    ]) {
      for (const model of ['relu-output', 'linear'] as const) {
        it(`gives the float64 gradients on dense and sparse ${model} instances, ${n} × ${m}`, () => {
          const state = toyStateOf({
            instances: 4,
            n,
            m,
            batchSize: B,
            sparsity: sparsityOf([1, 0.5, 0.02, 0.05]),
            importance: Array.from({ length: n }, (_, f) => 0.98 ** f),
            model,
            seed: n,
          });
          for (let k = 0; k < state.b.length; k++) state.b[k] = 0.1 * Math.sin(k);
          const loss = new Float32Array(4);
          for (let step = 0; step < 2; step++) {
            const refs = [0, 1, 2, 3].map((i) => {
              const { model, X } = referenceOf(state, i);
              return referenceLossAndGradient(model, X, B);
            });
            state.mW.fill(0);
            state.mb.fill(0);
            expect(toyTrainStep(state, 0, loss)).toBe(0);
            const c = 1 - state.beta1;
            refs.forEach((r, i) => {
              expect(Math.abs(loss[i] - r.loss) / r.loss).toBeLessThan(FLOAT32_RELATIVE);
              const gW = state.mW.subarray(i * m * n, (i + 1) * m * n).map((v) => v / c);
              expect(relativeErrorOfMax(gW, r.gW)).toBeLessThan(FLOAT32_OF_MAX);
              const gb = state.mb.subarray(i * n, (i + 1) * n).map((v) => v / c);
              expect(relativeErrorOfMax(gb, r.gb)).toBeLessThan(FLOAT32_OF_MAX);
            });
          }
        });
      }
    }

    it('lowers the loss of a small model over a few hundred steps', () => {
      const state = toyStateOf({
        instances: 2,
        n: 5,
        m: 2,
        batchSize: 256,
        sparsity: sparsityOf([1, 0.1]),
        seed: 3,
      });
      const loss = new Float32Array(2);
      toyTrainStep(state, 1e-2, loss);
      const first = Array.from(loss);
      for (let t = 0; t < 300; t++) toyTrainStep(state, 1e-2, loss);
      expect(loss[0]).toBeLessThan(0.7 * first[0]);
      expect(loss[1]).toBeLessThan(0.7 * first[1]);
    });

    it('reports non-finite losses and rejects a bad learning rate or loss buffer', () => {
      const state = toyStateOf({ ...BASE });
      const loss = new Float32Array(3);
      state.W[0] = Number.NaN;
      expect(toyTrainStep(state, 1e-3, loss)).toBe(1);
      expect(() => toyTrainStep(state, -1, loss)).toThrow(/lr must be a finite number ≥ 0/);
      expect(() => toyTrainStep(state, 1e-3, new Float32Array(2))).toThrow(
        /loss must be a Float32Array of length ≥ nInstances = 3/,
      );
    });
  },
);

describe('the two backends', () => {
  it('draw the same batches and agree step by step on awkward sizes', async () => {
    // [n, m, B, p]: the wasm kernel's choice of form (assembly/toy-factored.ts) gives Gram
    // throughout for 1 × 1, factored for p = 1 only at 13 × 5, factored throughout for 50 × 7
    // at B = 9 (the per-instance Gram work dominates) and both at B = 64 (p = 0.02 Gram).
    const cases: [number, number, number, number[]][] = [
      [1, 1, 1, [0.2, 1, 0.05]],
      [13, 5, 37, [0.2, 1, 0.05]],
      [50, 7, 9, [0.2, 1, 0.05]],
      [50, 7, 64, [1, 0.5, 0.02]],
    ];
    // Each case once with independent features and once with sets (the unit stream).
    for (const [[n, m, B, featureProbability], sets] of cases.flatMap((c) => [
      [c, false] as const,
      [c, true] as const,
    ])) {
      if (sets && n < 4) continue;
      const config: ToyRunInput = {
        instances: 3,
        n,
        m,
        batchSize: B,
        sparsity: sparsityOf(featureProbability),
        seed: n,
        ...(sets ? { correlated: [[0, 2]], anticorrelated: [[1, n - 1, 3]] } : {}),
      };
      const js = await trainOn(config, 'js', 1, 5);
      const wasm = await trainOn(config, 'wasm', 1, 5);
      expect(Array.from(wasm.state.rngState)).toEqual(Array.from(js.state.rngState));
      expect(relativeErrorOfMax(wasm.losses, js.losses)).toBeLessThan(FLOAT32_OF_MAX);
      for (let k = 0; k < js.state.W.length; k++) {
        expect(Math.abs(wasm.state.W[k] - js.state.W[k])).toBeLessThan(ADAM_STEPS_ABSOLUTE * 10);
      }
      expect(relativeErrorOfMax(wasm.state.b, js.state.b)).toBeLessThan(1e-3);
    }
  });
});

describe('the threaded wasm backend', () => {
  it.each([
    ['independent', {}],
    ['correlated and anticorrelated', { correlated: [[0, 200, 7]], anticorrelated: [[3, 4]] }],
  ])(
    'splits one large instance across threads and agrees with the reference (%s features)',
    async (_, sets) => {
      // n²m = 203² · 27 is above the split threshold; sizes not multiples of 4 or 8.
      const config: ToyRunInput = {
        instances: 2,
        n: 203,
        m: 27,
        batchSize: 37,
        sparsity: sparsityOf([0.05, 0.5]),
        seed: 5,
        ...sets,
      };
      const js = await trainOn(config, 'js', 1, 3);
      const wasm = await trainOn(config, 'wasm', 2, 3);
      expect(Array.from(wasm.state.rngState)).toEqual(Array.from(js.state.rngState));
      expect(relativeErrorOfMax(wasm.losses, js.losses)).toBeLessThan(FLOAT32_OF_MAX);
      for (let k = 0; k < js.state.W.length; k++) {
        expect(Math.abs(wasm.state.W[k] - js.state.W[k])).toBeLessThan(ADAM_STEPS_ABSOLUTE * 10);
      }
    },
  );
});

describe.each((await kernelBackends()).filter(([, backend]) => backend === 'native'))(
  'the %s backend against the reference kernel',
  (_label, _backend, { threads = 1 }) => {
    // 203 × 20, B = 64: the C kernel's cost rule (dense_is_cheaper in native/src/toy-step.c)
    // takes the dense form (five sgemm products) for p = 1 and 0.5 and the sparse Gram form
    // for p = 0.02; sizes not multiples of 4, 8 or 16, so every SIMD loop has a tail.
    // ε = 1e-4: with PyTorch's 1e-8, an entry of ∂L/∂W that cancels to ~1e-10 is divided by
    // ε instead of √v, and its float32 rounding (~1e-11, as in every float32 kernel; the
    // float64 gradient checks above bound it) moves W by lr · 1e-3 — the two dense and sparse
    // forms round differently. At 1e-4 that is lr · 1e-7, and ε still sits far below the
    // gradients that matter (√v ≈ 1e-3), so the steps are Adam's.
    const base: ToyRunInput = {
      instances: 3,
      n: 203,
      m: 20,
      batchSize: 64,
      sparsity: sparsityOf([1, 0.5, 0.02]),
      importance: Array.from({ length: 203 }, (_, f) => 0.99 ** f),
      eps: 1e-4,
      seed: 9,
    };
    const sets = { correlated: [[0, 7, 150]], anticorrelated: [[1, 202, 33]] };
    for (const model of ['relu-output', 'linear'] as const)
      for (const optimizer of ['adam', 'adamw'] as const)
        for (const [data, extra] of [
          ['independent', {}],
          ['correlated and anticorrelated', sets],
        ] as const) {
          it(`draws the same batches and agrees step by step: ${model}, ${optimizer}, ${data} features`, async () => {
            const config: ToyRunInput = {
              ...base,
              ...extra,
              model,
              optimizer,
              weightDecay: 0.05,
            };
            const js = await trainOn(config, 'js', 1, 4);
            const native = await trainOn(config, 'native', threads, 4);
            expect(Array.from(native.state.rngState)).toEqual(Array.from(js.state.rngState));
            expect(relativeErrorOfMax(native.losses, js.losses)).toBeLessThan(FLOAT32_OF_MAX);
            for (let k = 0; k < js.state.W.length; k++) {
              expect(Math.abs(native.state.W[k] - js.state.W[k])).toBeLessThan(
                ADAM_STEPS_ABSOLUTE * 10,
              );
            }
            expect(relativeErrorOfMax(native.state.b, js.state.b)).toBeLessThan(1e-3);
          });
        }

    it('refuses a batch whose rows or features fall outside the state', async () => {
      const x = await loadNativeAddon();
      const state = toyStateOf({ ...base, instances: 1, sparsity: 0 });
      const B = state.batchSize;
      const rowStart = Int32Array.from({ length: B + 1 }, (_, s) => s); // one nonzero each
      const shape = new Int32Array([0, 203, 20, B, 1, 1]);
      const adam = new Float64Array([1e-3, 0.9, 0.999, 1e-8, 0, 1, 1]);
      const step = (idx: Int32Array, rows = rowStart, sh = shape, scratch = x.toyStepScratch()) =>
        x.toyStep(
          scratch,
          state.W,
          state.b,
          state.mW,
          state.vW,
          state.mb,
          state.vb,
          state.importance,
          new Float32Array(1),
          rows,
          idx,
          new Float32Array(B).fill(0.5),
          sh,
          adam,
        );
      expect(() => step(new Int32Array(B).fill(203))).toThrow(/idx hold features in \[0, n\)/);
      expect(() => step(new Int32Array(B).fill(-1))).toThrow(/idx hold features in \[0, n\)/);
      expect(() => step(new Int32Array(B - 1))).toThrow(/idx must be an Int32Array/);
      const falling = rowStart.slice();
      falling[B] = 0;
      expect(() => step(new Int32Array(B), falling)).toThrow(/rowStart must rise from 0/);
      expect(() =>
        step(new Int32Array(B), rowStart, new Int32Array([1, 203, 20, B, 1, 1])),
      ).toThrow(/W must be a Float32Array/);
      expect(() => step(new Int32Array(B), rowStart, new Int32Array([0, 203, 20, B, 1]))).toThrow(
        /shape Int32Array \[inst, n, m, B, relu, threads\]/,
      );
      const foreign = {} as ReturnType<typeof x.toyStepScratch>;
      expect(() => step(new Int32Array(B), rowStart, shape, foreign)).toThrow(
        /scratch must come from toyStepScratch/,
      );
      const W0 = state.W.slice();
      step(new Int32Array(B));
      expect(state.W).not.toEqual(W0); // the same arguments, valid, take a step
    });
  },
);

describe.each((await kernelBackends()).some(([, backend]) => backend === 'native') ? [2] : [])(
  'the native backend on %i threads',
  (threads) => {
    it('trains the numbers of one thread bit for bit (the sample pass split by features)', async () => {
      // n = 203 ≥ 64: the sparse form works in two halves of features always, and on two
      // threads runs them at once (B = 256, p = 0.02 and 0.05: enough work to start one);
      // p = 1 takes the dense form, whose sgemm products OpenBLAS splits.
      const config: ToyRunInput = {
        instances: 3,
        n: 203,
        m: 20,
        batchSize: 256,
        sparsity: sparsityOf([0.02, 0.05, 1]),
        correlated: [[3, 200]],
        seed: 31,
      };
      const one = await trainOn(config, 'native', 1, 3);
      const many = await trainOn(config, 'native', threads, 3);
      expect(many.losses).toEqual(one.losses);
      let differing = 0;
      for (let k = 0; k < one.state.W.length; k++) {
        if (!Object.is(many.state.W[k], one.state.W[k])) differing++;
      }
      expect(differing).toBe(0);
      expect(Array.from(many.state.b)).toEqual(Array.from(one.state.b));
      expect(Array.from(many.state.rngState)).toEqual(Array.from(one.state.rngState));
    });
  },
);
