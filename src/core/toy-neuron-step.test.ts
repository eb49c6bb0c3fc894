import { beforeAll, describe, expect, it } from 'vitest';
import { getBackend, setBackend } from './backend.js';
import type { ToyState } from './toy-state.js';
import { sparsityOf } from '../toy/presets.js';
import type { ToyRunInput } from '../toy/toy-run-schema.js';
import { toyStateOf } from '../test-support/toy-state-of.js';
import { toySampleBatch as jsSampleBatch } from './js/toy-sample-batch.js';
import { toySampleBatch } from './toy-sample-batch.js';
import { toyTrainStep } from './toy-train-step.js';
import {
  referenceAdam,
  referenceLossAndGradient,
  type ReferenceModel,
} from '../toy/toy-model-f64.js';
import {
  ADAM_STEPS_ABSOLUTE,
  FD_FLOAT64_RELATIVE,
  FLOAT32_FORWARD_OF_MAX,
  FLOAT32_RELATIVE,
} from '../test-support/tolerances.js';
import { relativeErrorOfMax } from '../test-support/random-arrays.js';
import { kernelBackends } from '../test-support/backends.js';

/** The models with a hidden ReLU layer: tied ('neuron') and untied ('abs'). */
const NEURON_MODELS = ['neuron', 'abs'] as const;

const BASE = {
  instances: 3,
  n: 7,
  m: 5,
  batchSize: 13,
  sparsity: sparsityOf([0.3, 1, 0.05]),
  importance: [1, 0.9, 0.81, 0.729, 0.6561, 0.59049, 0.531441],
  seed: 42,
} satisfies ToyRunInput;

const CORRELATED: ToyRunInput = {
  ...BASE,
  correlated: [
    [0, 1],
    [6, 4],
  ],
  anticorrelated: [[2, 3, 5]],
};

/** Instance i of `state` as a float64 model, plus its next batch (generator not advanced). */
function referenceOf(state: ToyState, i: number): { model: ReferenceModel; X: Float32Array } {
  const { nFeatures: n, nHidden: m, batchSize: B } = state;
  const X = new Float32Array(B * n);
  const rng = state.rngState.slice();
  jsSampleBatch(X, state, i);
  state.rngState.set(rng);
  const mn = m * n;
  const model: ReferenceModel = {
    n,
    m,
    model: state.model,
    W: Float64Array.from(state.W.subarray(i * mn, (i + 1) * mn)),
    b: Float64Array.from(state.b.subarray(i * n, (i + 1) * n)),
    importance: Float64Array.from(state.importance.subarray(i * n, (i + 1) * n)),
  };
  if (state.model === 'abs') model.W2 = Float64Array.from(state.W2.subarray(i * mn, (i + 1) * mn));
  return { model, X };
}

/** b ≠ 0 and positive first-layer weights on some rows, so every branch is taken. */
function perturb(state: ToyState): void {
  for (let k = 0; k < state.b.length; k++) state.b[k] = 0.1 * Math.sin(k);
}

describe('the float64 neuron models', () => {
  for (const model of NEURON_MODELS) {
    it(`has the gradients of central finite differences: ${model}`, () => {
      const state = toyStateOf({ ...BASE, model });
      perturb(state);
      const { model: ref, X } = referenceOf(state, 0);
      const grads = referenceLossAndGradient(ref, X, state.batchSize);
      const h = 1e-6;
      let checked = 0;
      const check = (p: Float64Array, grad: Float64Array) => {
        for (let k = 0; k < p.length; k++) {
          const p0 = p[k];
          p[k] = p0 + h;
          const up = referenceLossAndGradient(ref, X, state.batchSize).loss;
          p[k] = p0 - h;
          const down = referenceLossAndGradient(ref, X, state.batchSize).loss;
          p[k] = p0;
          const fd = (up - down) / (2 * h);
          expect(Math.abs(fd - grad[k])).toBeLessThan(FD_FLOAT64_RELATIVE * (Math.abs(fd) + 1e-3));
          if (grad[k] !== 0) checked++;
        }
      };
      check(ref.W, grads.gW);
      check(ref.b, grads.gb);
      if (ref.W2) check(ref.W2, grads.gW2);
      expect(grads.gW2.length).toBe(model === 'abs' ? 35 : 0);
      // Nonzero gradients on both layers: the check is not vacuous.
      expect(checked).toBeGreaterThan(20);
    });
  }

  it("has abs's target |x|: a model outputting |x| exactly has zero loss", () => {
    // n = m/2 features, each computed by ReLU(x) + ReLU(−x): W = [I; −I], W2 = [I, I].
    const n = 3;
    const m = 6;
    const W = new Float64Array(m * n);
    const W2 = new Float64Array(n * m);
    for (let f = 0; f < n; f++) {
      W[f * n + f] = 1;
      W[(f + n) * n + f] = -1;
      W2[f * m + f] = 1;
      W2[f * m + f + n] = 1;
    }
    const X = Float64Array.from([0.5, -0.25, 0, -1, 0.75, 0.125]);
    const ref: ReferenceModel = {
      n,
      m,
      model: 'abs',
      W,
      W2,
      b: new Float64Array(n),
      importance: new Float64Array(n).fill(1),
    };
    expect(referenceLossAndGradient(ref, X, 2).loss).toBe(0);
    // The tied model cannot: Wᵀ ReLU(W x) = |x| needs W2 = [I, −I] on the second neurons.
    expect(referenceLossAndGradient({ ...ref, model: 'neuron' }, X, 2).loss).toBeGreaterThan(0);
  });
});

describe('a neuron-model state', () => {
  it('is refused where its second layer or data do not match its model', () => {
    const state = toyStateOf({ ...BASE, model: 'abs' });
    const loss = new Float32Array(3);
    const message = /toyTrainStep: state must be a ToyState/;
    expect(() => toyTrainStep({ ...state, W2: new Float32Array(0) }, 1e-3, loss)).toThrow(message);
    expect(() => toyTrainStep({ ...state, signed: false }, 1e-3, loss)).toThrow(message);
    expect(() => toyTrainStep({ ...state, model: 'neuron' }, 1e-3, loss)).toThrow(message);
    expect(toyTrainStep(state, 1e-3, loss)).toBe(0);
  });
});

describe('the abs model’s data', () => {
  it('is the same stream as the others, each active value v written as 2v − 1', () => {
    const config = { ...BASE, sparsity: sparsityOf([0.5, 0.5, 0.5]), batchSize: 200 };
    const plain = toyStateOf({ ...config, model: 'neuron' });
    const signed = toyStateOf({ ...config, model: 'abs' });
    // Same seeds; W2 is drawn after W, so the generators differ: align them.
    signed.rngState.set(plain.rngState);
    const a = new Float32Array(200 * 7);
    const b = new Float32Array(200 * 7);
    jsSampleBatch(a, plain, 0);
    jsSampleBatch(b, signed, 0);
    let negative = 0;
    for (let k = 0; k < a.length; k++) {
      expect(b[k]).toBe(a[k] === 0 ? 0 : 2 * a[k] - 1);
      if (b[k] < 0) negative++;
    }
    expect(negative).toBeGreaterThan(200);
  });
});

describe.each(await kernelBackends())('the neuron models on the %s backend', (_l, backend, o) => {
  beforeAll(async () => {
    await setBackend(backend, o);
    expect(getBackend()).toBe(backend);
  });

  it('draws the js stream for the abs model', () => {
    const state = toyStateOf({ ...CORRELATED, model: 'abs' });
    const copy = toyStateOf({ ...CORRELATED, model: 'abs' });
    const x = new Float32Array(state.batchSize * 7);
    const y = new Float32Array(state.batchSize * 7);
    for (let i = 0; i < 3; i++) {
      toySampleBatch(x, state, i);
      jsSampleBatch(y, copy, i);
      expect(Array.from(x)).toEqual(Array.from(y));
    }
  });

  const dataCases: [string, ToyRunInput][] = [
    ['independent', BASE],
    ['correlated and anticorrelated', CORRELATED],
  ];
  for (const model of NEURON_MODELS)
    for (const [data, config] of dataCases)
      for (const optimizer of ['adam', 'adamw'] as const) {
        it(`follows the float64 reference for three ${optimizer} steps: ${model}, ${data} features`, () => {
          const state = toyStateOf({ ...config, model, optimizer, weightDecay: 0.05 });
          perturb(state);
          const lr = 1e-2;
          const { nFeatures: n, nHidden: m, nInstances } = state;
          const mn = m * n;
          const ref = [...Array(nInstances).keys()].map((i) => ({
            ...referenceOf(state, i).model,
            mW: new Float64Array(mn),
            vW: new Float64Array(mn),
            mW2: new Float64Array(mn),
            vW2: new Float64Array(mn),
            mb: new Float64Array(n),
            vb: new Float64Array(n),
          }));
          const loss = new Float32Array(nInstances);
          for (let step = 1; step <= 3; step++) {
            const expected = ref.map((r, i) => {
              const { X } = referenceOf(state, i);
              const g = referenceLossAndGradient(r, X, state.batchSize);
              const a = {
                lr,
                beta1: 0.9,
                beta2: 0.999,
                eps: 1e-8,
                weightDecay: 0.05,
                decoupled: optimizer === 'adamw',
                step,
              };
              referenceAdam(r.W, g.gW, r.mW, r.vW, a);
              referenceAdam(r.b, g.gb, r.mb, r.vb, a);
              if (r.W2) referenceAdam(r.W2, g.gW2, r.mW2, r.vW2, a);
              return g.loss;
            });
            expect(toyTrainStep(state, lr, loss)).toBe(0);
            expected.forEach((l, i) =>
              expect(Math.abs(loss[i] - l) / l).toBeLessThan(FLOAT32_RELATIVE),
            );
          }
          ref.forEach((r, i) => {
            const close = (got: Float32Array, want: Float64Array) => {
              for (let k = 0; k < want.length; k++)
                expect(Math.abs(got[k] - want[k])).toBeLessThan(ADAM_STEPS_ABSOLUTE);
            };
            close(state.W.subarray(i * mn, (i + 1) * mn), r.W);
            close(state.b.subarray(i * n, (i + 1) * n), r.b);
            if (r.W2) close(state.W2.subarray(i * mn, (i + 1) * mn), r.W2);
          });
        });
      }

  // At lr = 0 the parameters stay put and Adam's first moment is (1 − β1) ∂L/∂θ, so each
  // step exposes its gradients; shapes not multiples of 4 (the SIMD rows) and multiples of
  // 16, one sample and batches off any block, dense (the native sgemm form) to very sparse
  // (most samples empty: counted once), gathers and dense dots.
  for (const [n, m, B] of [
    [50, 7, 64],
    [101, 40, 96],
    [2, 3, 7],
    [3, 6, 1],
    [16, 8, 33],
    [33, 17, 5],
  ])
    for (const model of NEURON_MODELS)
      it(`gives the float64 gradients on dense and sparse instances: ${model}, ${n} × ${m}`, () => {
        const state = toyStateOf({
          instances: 4,
          n,
          m,
          batchSize: B,
          sparsity: sparsityOf([1, 0.5, 0.1, 0.01]),
          importance: Array.from({ length: n }, (_, f) => 0.98 ** f),
          model,
          seed: n,
        });
        perturb(state);
        const loss = new Float32Array(4);
        const c = 1 - state.beta1;
        const mn = m * n;
        for (let step = 0; step < 2; step++) {
          const refs = [0, 1, 2, 3].map((i) => {
            const { model: r, X } = referenceOf(state, i);
            return referenceLossAndGradient(r, X, B);
          });
          state.mW.fill(0);
          state.mb.fill(0);
          state.mW2.fill(0);
          expect(toyTrainStep(state, 0, loss)).toBe(0);
          refs.forEach((r, i) => {
            expect(Math.abs(loss[i] - r.loss)).toBeLessThanOrEqual(FLOAT32_RELATIVE * r.loss);
            const grad = (mom: Float32Array, o: number, len: number) =>
              mom.subarray(o, o + len).map((v) => v / c);
            expect(relativeErrorOfMax(grad(state.mW, i * mn, mn), r.gW)).toBeLessThan(
              FLOAT32_FORWARD_OF_MAX,
            );
            expect(relativeErrorOfMax(grad(state.mb, i * n, n), r.gb)).toBeLessThan(
              FLOAT32_FORWARD_OF_MAX,
            );
            if (model === 'abs') {
              expect(relativeErrorOfMax(grad(state.mW2, i * mn, mn), r.gW2)).toBeLessThan(
                FLOAT32_FORWARD_OF_MAX,
              );
            }
          });
        }
      });

  for (const model of NEURON_MODELS)
    it(`reports a NaN first-layer weight as divergence of its instance only: ${model}`, () => {
      // Dense instances: feature 0 is active in every sample, so W[0, 0] is always read.
      const state = toyStateOf({ ...BASE, sparsity: sparsityOf([1, 1, 1]), model });
      state.W[0] = Number.NaN;
      const loss = new Float32Array(3);
      expect(toyTrainStep(state, 1e-2, loss)).toBe(1);
      expect(loss[0]).toBeNaN();
      expect(Number.isFinite(loss[1]) && Number.isFinite(loss[2])).toBe(true);
    });

  for (const model of NEURON_MODELS)
    it(`lowers the loss over a few hundred steps: ${model}`, () => {
      const state = toyStateOf({
        instances: 2,
        n: 5,
        m: model === 'abs' ? 10 : 3,
        batchSize: 256,
        sparsity: sparsityOf([1, 0.3]),
        seed: 3,
        model,
      });
      const loss = new Float32Array(2);
      toyTrainStep(state, 1e-2, loss);
      const first = Array.from(loss);
      for (let t = 0; t < 300; t++) toyTrainStep(state, 1e-2, loss);
      expect(loss[0]).toBeLessThan(0.7 * first[0]);
      expect(loss[1]).toBeLessThan(0.7 * first[1]);
    });
});

describe('the neuron kernels split across threads', () => {
  // Whole instances per thread (wasm's team, where they share evenly) and two halves of
  // samples always (native): the same numbers on one thread and two.
  const cases = [
    ['wasm', { instances: 6, n: 20, m: 7 }],
    ['native', { instances: 3, n: 70, m: 30 }],
  ] as const;
  for (const [backend, shape] of cases)
    for (const model of NEURON_MODELS)
      it(`gives ${backend}'s numbers bit for bit on one thread and two: ${model}`, async () => {
        const backends = await kernelBackends();
        if (!backends.some(([, b]) => b === backend)) return; // native not built here
        const config: ToyRunInput = {
          ...shape,
          batchSize: 512,
          sparsity: sparsityOf([1, 0.3, 0.05, 0.5, 0.1, 0.01].slice(0, shape.instances)),
          model,
          seed: 11,
        };
        const run = async (threads: number) => {
          await setBackend(backend, { threads });
          const state = toyStateOf(config);
          perturb(state);
          const loss = new Float32Array(shape.instances);
          for (let t = 0; t < 3; t++) toyTrainStep(state, 1e-2, loss);
          return [state.W, state.b, state.W2, state.mW, loss].map((a) => Array.from(a));
        };
        const one = await run(1);
        const two = await run(2);
        expect(two).toEqual(one);
        expect(one[0]).not.toEqual(Array.from(toyStateOf(config).W)); // it trained
      });
});
