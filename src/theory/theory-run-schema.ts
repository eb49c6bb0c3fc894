/**
 * The theory evaluation's declaration (docs/ARCHITECTURE.md §1, §6): the seed post's
 * loss-vs-k model of n features in d dimensions at sensitivity α, under a bound on the
 * interference ε(k) and a loss form — each field once, with its default and description.
 * `resolveTheoryRun` (./resolve-theory-run.ts) fills and checks them together.
 */
import {
  defineRunFields,
  intIn,
  numberFlag,
  numberIn,
  oneOf,
  registeredName,
  textFlag,
  type ResolvedFields,
  type RunInput,
} from '../core/run-schema.js';
import { boundNames } from './bounds/registry.js';

/** The theory run's fields. */
export const THEORY_RUN_FIELDS = defineRunFields({
  n: {
    schema: intIn(2),
    description: 'features n (an integer > d)',
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  d: {
    schema: intIn(1),
    description: 'embedding dimensions d',
    spread: 'run',
    flag: numberFlag('<int>'),
  },
  alpha: {
    schema: numberIn(0, Infinity, { lo: true }),
    description: 'α = d ln ℓ / d ln ε, the loss’s sensitivity to interference',
    spread: 'run',
    flag: numberFlag(),
  },
  bound: {
    schema: registeredName(boundNames),
    description: 'the interference bound ε(k)',
    default: 'jl-cubic',
    spread: 'run',
    flag: textFlag(),
  },
  loss: {
    schema: oneOf(['post', 'pairs']),
    description: "loss form: 'post' n²ℓ/(2k) or 'pairs' n(n/k − 1)ℓ/2",
    default: 'post',
    spread: 'run',
    flag: textFlag('<form>'),
  },
  epsilon0: {
    schema: numberIn(0, Infinity, { lo: true }),
    description: 'ε₀ of the jl bound',
    default: 1,
    spread: 'run',
    flag: numberFlag(),
  },
});

/** What a caller may give (n, d and alpha are required). */
export type TheoryRunInput = RunInput<typeof THEORY_RUN_FIELDS>;

/** A theory evaluation with every value explicit. */
export type ResolvedTheoryRun = { kind: 'theory' } & ResolvedFields<typeof THEORY_RUN_FIELDS>;
