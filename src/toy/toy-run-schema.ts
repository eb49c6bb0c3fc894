/**
 * The toy run's declaration (docs/ARCHITECTURE.md §6): every parameter of a run of Elhage
 * et al. 2022's toy models, once — its name (the flag, config key, sweep key, library
 * field and explorer URL parameter), the values it takes, its default, how it spreads over
 * instances, and what it is. The defaults are the paper's notebook (toy_models.ipynb):
 * 10,000 steps, lr 1e-3 constant, batch 1024, AdamW with PyTorch's β = (0.9, 0.999),
 * ε = 1e-8, weight decay 0.01, Xavier-normal initialisation. `resolveToyRun`
 * (./resolve-toy-run.ts) is the one place they are filled in and checked together.
 */
import { z } from 'zod';
import {
  ADAM_BETA_FIELDS,
  BACKEND_FIELD,
  defineRunFields,
  threadsField,
  intIn,
  numberFlag,
  numberIn,
  numberListFlag,
  oneOf,
  registeredName,
  textFlag,
  type ResolvedFields,
  type RunInput,
} from '../core/run-schema.js';
import { parseFeatureSets } from '../core/toy-sampling.js';
import { TOY_MODELS, type ToyModel } from '../core/toy-models.js';
import { TEGUM_DEFAULTS } from '../geometry/tegum-factors.js';
import { lrScheduleNames } from './lr-schedule.js';

/**
 * The largest batch: a thousand times the notebook's 1024. The kernels count samples in
 * 32-bit integers, and a step over more samples than this takes minutes without changing
 * the expected gradient.
 */
export const MAX_BATCH_SIZE = 1_048_576;

/** The largest finite float32: the kernels hold importance in float32. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** The initialisations of W (Glorot & Bengio 2010). */
export const TOY_INITS = ['xavier-normal', 'xavier-uniform'] as const;

const sparsityValue = numberIn(0, 1, { hi: true });
const importanceValue = numberIn(0, FLOAT32_MAX);

const SETS_HELP =
  "must be feature sets: 'i,j;k,l' (semicolon-separated sets of comma-separated indices), 'none', or a list of lists of indices";

const featureSets = z.union(
  [
    z.string().superRefine((text, ctx) => {
      try {
        featureSetsOf(text);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
      }
    }),
    z.array(z.array(intIn(0)), { error: SETS_HELP }),
  ],
  { error: SETS_HELP },
);

/** `decay:R` with R > 0 (importance R^i). */
const DECAY = /^decay:([+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?)$/i;

/** The toy run's fields. */
export const TOY_RUN_FIELDS = defineRunFields({
  n: {
    schema: intIn(1),
    description: 'features n',
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  m: {
    schema: intIn(1),
    description: 'hidden dimensions m',
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  instances: {
    schema: intIn(1),
    description:
      'models trained at once, each with its own seed (a multiple of the sparsities given: each repeated)',
    defaultText: 'one per sparsity',
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  sparsity: {
    schema: z.union(
      [sparsityValue, z.array(sparsityValue).min(1, { error: 'must not be empty' })],
      {
        error: 'must be a number in [0, 1) or a non-empty list of them',
      },
    ),
    resolved: z.array(z.number()),
    description:
      'S, the probability a feature is 0 (a shorter list is repeated to fill the instances)',
    spread: 'feature',
    flag: numberListFlag(),
  },
  importance: {
    schema: z.union(
      [
        z.string().regex(/^(uniform|decay:.*)$/, {
          error: "must be 'uniform' or 'decay:R' with R > 0",
        }),
        importanceValue,
        z.array(importanceValue).min(1, { error: 'must not be empty' }),
      ],
      { error: "must be 'uniform', 'decay:R', a number or a list of numbers ≥ 0" },
    ),
    resolved: z.array(z.number()),
    description: "I_i: 'uniform', 'decay:R' (R^i), a number, or a list",
    default: 'uniform',
    spread: 'feature',
    flag: textFlag('<spec>'),
  },
  correlated: {
    schema: featureSets,
    resolved: z.array(z.array(z.number())),
    description: "feature sets active together, e.g. '0,1;2,3' (one activity draw per set)",
    default: [],
    defaultText: 'none',
    spread: 'run',
    flag: textFlag('<sets>'),
  },
  anticorrelated: {
    schema: featureSets,
    resolved: z.array(z.array(z.number())),
    description:
      "feature sets with at most one feature active, e.g. '0,1;2,3' (each keeps density 1 − S)",
    default: [],
    defaultText: 'none',
    spread: 'run',
    flag: textFlag('<sets>'),
  },
  model: {
    schema: oneOf(TOY_MODELS),
    description:
      "relu-output: x' = ReLU(WᵀWx + b); linear: WᵀWx + b; neuron: ReLU(Wᵀ ReLU(Wx) + b); abs: ReLU(W₂ ReLU(W₁x) + b) learning |x|",
    default: 'relu-output',
    spread: 'run',
    flag: textFlag(),
  },
  init: {
    schema: oneOf(TOY_INITS),
    description: 'the initialisation of W (b starts at 0)',
    default: 'xavier-normal',
    spread: 'run',
    flag: textFlag(),
  },
  steps: {
    schema: intIn(0),
    description: 'training steps',
    default: 10_000,
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  batchSize: {
    schema: intIn(1, MAX_BATCH_SIZE),
    description: 'samples per step',
    default: 1024,
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  lr: {
    schema: numberIn(0, Infinity, { lo: true }),
    description: 'learning rate',
    default: 0.001,
    spread: 'run',
    flag: numberFlag(),
  },
  schedule: {
    schema: registeredName(lrScheduleNames),
    description: 'learning-rate schedule',
    default: 'constant',
    spread: 'run',
    flag: textFlag(),
  },
  optimizer: {
    schema: oneOf(['adamw', 'adam']),
    description: 'adamw (decoupled weight decay) or adam (L2 added to the gradient)',
    default: 'adamw',
    spread: 'run',
    flag: textFlag(),
  },
  weightDecay: {
    schema: numberIn(0, Infinity),
    description: 'weight decay (lr × weightDecay < 1)',
    defaultText: 'adamw: 0.01, adam: 0',
    spread: 'run',
    flag: numberFlag(),
  },
  ...ADAM_BETA_FIELDS,
  eps: {
    schema: numberIn(0, Infinity),
    description: "Adam's ε",
    default: 1e-8,
    spread: 'run',
    flag: numberFlag(),
  },
  seed: {
    schema: intIn(0),
    description: 'seed of instance 0; instance i is seeded seed + i',
    default: 0,
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  evalBatches: {
    schema: intIn(1, 1_000_000),
    description: 'batches of fresh samples in the loss reported after training',
    defaultText: '16 (4 past 50 features)',
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  evalSeed: {
    schema: intIn(0),
    description:
      'seed of the fresh samples the reported loss is evaluated on (every instance sees the same)',
    default: 12345,
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  normThreshold: {
    schema: numberIn(0, Infinity),
    description: 'a feature is represented when ‖W_i‖ exceeds this (tegum factors)',
    default: TEGUM_DEFAULTS.normThreshold,
    spread: 'run',
    flag: numberFlag(),
  },
  cosineTolerance: {
    schema: numberIn(0, 1),
    description: 'two features share a tegum factor when |cos| exceeds this',
    default: TEGUM_DEFAULTS.cosineTolerance,
    spread: 'run',
    flag: numberFlag(),
  },
  rankTolerance: {
    schema: numberIn(0, 1),
    description: "a factor's dimension counts singular values above this share of the largest",
    default: TEGUM_DEFAULTS.rankTolerance,
    spread: 'run',
    flag: numberFlag(),
  },
  backend: BACKEND_FIELD,
  threads: threadsField(
    'instances (each keeps its seed)',
    'the cores, at most one per instance; 1 for small relu-output or linear runs',
  ),
});

export { TOY_MODELS, type ToyModel };

/** What a caller may give: any subset of the fields (n, m and sparsity are required). */
export type ToyRunInput = RunInput<typeof TOY_RUN_FIELDS>;

/**
 * A toy-model run with every value explicit (Elhage et al. 2022 §2): what trainers,
 * pool chunks and the explorer's worker take. `sparsity` is [instances] or
 * [instances × n]; `importance` [n] shared or [instances × n]; `backend` the kernels
 * that ran.
 */
export type ResolvedToyRun = { kind: 'toy' } & ResolvedFields<typeof TOY_RUN_FIELDS>;

/** `'decay:R'` → R, or null when `spec` is not of that form (or R ≤ 0). */
export function decayRatio(spec: string): number | null {
  const m = DECAY.exec(spec);
  const r = m ? Number(m[1]) : Number.NaN;
  return Number.isFinite(r) && r > 0 ? r : null;
}

/** Feature sets as a list of lists, from either form ('none' or '' for no sets). */
export function featureSetsOf(v: string | readonly (readonly number[])[] | undefined): number[][] {
  if (v === undefined || v === 'none' || v === '') return [];
  return typeof v === 'string' ? parseFeatureSets(v) : v.map((set) => [...set]);
}
