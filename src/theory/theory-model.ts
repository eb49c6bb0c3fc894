/**
 * The parameters of the seed post's loss-vs-k model (docs/ARCHITECTURE.md §1): n features in
 * d dimensions split into k orthogonal subspaces of m = n/k vectors in D = d/k
 * dimensions, with ℓ(ε) = ε^α. Validated once here, at the edge of the library.
 */
import { checkObject } from '../core/check-args.js';
import type { Bound } from './bounds/bound.js';
import { resolveTheoryRun } from './resolve-theory-run.js';
import type { TheoryRunInput } from './theory-run-schema.js';
import { boundByName } from './bounds/registry.js';

/** Which loss: the post's approximation n²ℓ/(2k), or the exact pair count n(n/k − 1)ℓ/2. */
export type LossForm = 'post' | 'pairs';
/** The loss forms, in the order the CLI lists them. */
export const LOSS_FORMS: readonly LossForm[] = ['post', 'pairs'];

/** Plain-data input to {@link theoryModel}; every field but n, d, alpha has a default. */
export interface TheoryConfig {
  /** Number of features (an integer > d). */
  n: number;
  /** Embedding dimensions (an integer ≥ 1). */
  d: number;
  /** α = d ln ℓ / d ln ε, the loss's sensitivity to interference (> 0). */
  alpha: number;
  /** Bound name: 'jl' | 'jl-cubic' | 'welch' | 'random'; default 'jl-cubic'. */
  bound?: string;
  /** Loss form; default 'post'. */
  loss?: LossForm | string;
  /** ε₀ of the `jl` bound; default 1. */
  epsilon0?: number;
}

/** A validated model: what every theory function takes. */
export interface TheoryModel {
  readonly n: number;
  readonly d: number;
  readonly alpha: number;
  readonly bound: Bound;
  readonly loss: LossForm;
  readonly epsilon0: number;
}

/**
 * Validates a config once (./resolve-theory-run.ts: strict, an unknown key is an error)
 * and returns the model.
 * @throws RangeError naming the first bad or unknown field and what is allowed.
 */
export function theoryModel(config: TheoryConfig): TheoryModel {
  checkObject('theoryModel', 'config', config, 'a config { n, d, alpha }');
  const run = resolveTheoryRun(config as TheoryRunInput);
  return {
    n: run.n,
    d: run.d,
    alpha: run.alpha,
    bound: boundByName(run.bound),
    loss: run.loss,
    epsilon0: run.epsilon0,
  };
}

/** The same model at another α (α validated). */
export function withAlpha(model: TheoryModel, alpha: number): TheoryModel {
  checkModel('withAlpha', model);
  if (!Number.isFinite(alpha) || alpha <= 0) {
    throw new RangeError(`alpha must be a finite number > 0, got ${alpha}`);
  }
  return { ...model, alpha };
}

/**
 * Checks that `model` is a TheoryModel (what {@link theoryModel} returns).
 * @throws RangeError naming the function and what it needs.
 */
export function checkModel(fn: string, model: unknown): asserts model is TheoryModel {
  const m = model as Partial<TheoryModel> | null;
  const ok =
    m !== null &&
    typeof m === 'object' &&
    typeof m.n === 'number' &&
    typeof m.d === 'number' &&
    typeof m.alpha === 'number' &&
    typeof m.bound === 'object' &&
    m.bound !== null &&
    typeof m.bound.epsilon === 'function';
  if (!ok) {
    throw new RangeError(
      `${fn}: model must be a TheoryModel (from theoryModel({ n, d, alpha })), got ${m === undefined ? 'undefined (missing)' : m === null ? 'null' : typeof m}`,
    );
  }
}
