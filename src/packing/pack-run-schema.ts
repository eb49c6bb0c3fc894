/**
 * The packing run's declaration (docs/ARCHITECTURE.md §2, §6): n unit vectors in R^d, the
 * objective ℓ and its parameters (each objective's own, by its registered names), the
 * optional tegum constraint of `blocks` orthogonal blocks, and the Riemannian Adam (or
 * momentum) optimizer on the product of spheres — each field once, with its default and
 * description. `resolvePackRun` (./resolve-pack-run.ts) fills and checks them together.
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
  oneOf,
  registeredName,
  textFlag,
  type ResolvedFields,
  type RunInput,
} from '../core/run-schema.js';
import { objectiveNames } from './objectives/registry.js';

/** |cos| above which two packed vectors share a tegum factor (packings settle far below it). */
export const PACKING_COSINE_TOLERANCE = 0.02;

/** An objective's parameter: a number the objective checks, null where it does not apply. */
function objectiveParam(description: string, def: string) {
  return {
    schema: numberIn(-Infinity, Infinity),
    resolved: z.number().nullable(),
    description,
    defaultText: def,
    spread: 'run' as const,
    flag: numberFlag(),
  };
}

/** The packing run's fields. */
export const PACK_RUN_FIELDS = defineRunFields({
  n: {
    schema: intIn(2),
    description: 'vectors n',
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  d: {
    schema: intIn(1),
    description: 'dimensions d',
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  objective: {
    schema: registeredName(objectiveNames),
    description: 'the loss ℓ(cos θ) summed over ordered pairs',
    default: 'power',
    spread: 'run',
    flag: textFlag(),
  },
  alpha: objectiveParam('power: ℓ(c) = |c|^alpha, alpha > 0', 'power: 2'),
  smoothing: objectiveParam(
    'power, alpha ≤ 1: δ of the smoothed (c² + δ²)^(alpha/2) − δ^alpha, in (0, 0.1)',
    'power: 0.01',
  ),
  threshold: objectiveParam(
    'threshold: ℓ(c) = max(0, |c| − threshold)^p, in [0, 1)',
    'threshold: 0.1',
  ),
  p: objectiveParam('threshold: the power p ≥ 1', 'threshold: 2'),
  betaStart: objectiveParam('minimax: the first β of (1/β) ln Σ exp(β c²)', 'minimax: 20'),
  betaEnd: objectiveParam('minimax: the last β (annealed geometrically)', 'minimax: 20000'),
  blocks: {
    schema: intIn(1),
    resolved: z.number().nullable(),
    description:
      'tegum-constrained: this many orthogonal blocks (uneven when it divides neither n nor d)',
    defaultText: 'none (unconstrained)',
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  seed: {
    schema: intIn(0),
    description: 'seed of every random start',
    default: 0,
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  restarts: {
    schema: intIn(1),
    description: 'random starts per block shape (the best is kept)',
    default: 1,
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  steps: {
    schema: intIn(1),
    description: 'the most optimizer steps',
    default: 2000,
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  optimizer: {
    schema: oneOf(['adam', 'momentum']),
    description: 'Riemannian Adam or heavy-ball momentum on the product of spheres',
    default: 'adam',
    spread: 'run',
    flag: textFlag(),
  },
  lr: {
    schema: numberIn(0, Infinity, { lo: true }),
    description: 'learning rate',
    defaultText: 'adam: 0.01, momentum: 0.05',
    spread: 'run',
    flag: numberFlag(),
  },
  schedule: {
    schema: oneOf(['cosine', 'constant']),
    description: 'learning-rate schedule',
    default: 'cosine',
    spread: 'run',
    flag: textFlag(),
  },
  minLrFactor: {
    schema: numberIn(0, 1),
    description: "the cosine schedule's floor, as a share of lr",
    default: 0.001,
    spread: 'run',
    flag: numberFlag(),
  },
  ...ADAM_BETA_FIELDS,
  relativeTolerance: {
    schema: numberIn(0, Infinity),
    description: 'stop when the loss falls by less than this share over a window',
    default: 1e-10,
    spread: 'run',
    flag: numberFlag(),
  },
  window: {
    schema: intIn(1),
    description: 'steps between the stopping checks',
    default: 100,
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  cosineTolerance: {
    schema: numberIn(0, 1, { hi: true }),
    description: 'two vectors share a tegum factor when |cos| exceeds this',
    default: PACKING_COSINE_TOLERANCE,
    spread: 'run',
    flag: numberFlag(),
  },
  backend: BACKEND_FIELD,
  threads: threadsField('restarts and block shapes', 'the cores'),
});

/** The objective parameters among the fields. */
export const OBJECTIVE_PARAMS = [
  'alpha',
  'smoothing',
  'threshold',
  'p',
  'betaStart',
  'betaEnd',
] as const;

/** What a caller may give (n and d are required). */
export type PackRunInput = RunInput<typeof PACK_RUN_FIELDS>;

/**
 * A packing run with every value explicit: the objective's parameters filled in and the
 * others null, `blocks` null when unconstrained, `backend` the kernels that ran.
 */
export type ResolvedPackRun = { kind: 'pack' } & ResolvedFields<typeof PACK_RUN_FIELDS>;
