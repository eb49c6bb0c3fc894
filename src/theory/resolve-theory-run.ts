/**
 * The one place a theory evaluation's config is resolved (docs/ARCHITECTURE.md §1, §6): the
 * model's defaults (bound 'jl-cubic', loss 'post', ε₀ = 1) filled in and validated
 * by `theoryModel`, as complete plain data (`ResolvedTheoryRun`).
 */
import type { ResolvedTheoryRun } from '../core/run-config.js';
import { theoryModel, type TheoryConfig, type TheoryModel } from './theory-model.js';

/**
 * Validates `input` once and returns the complete run.
 * @throws RangeError naming the first bad field and what is allowed.
 */
export function resolveTheoryRun(input: TheoryConfig): ResolvedTheoryRun {
  const model = theoryModel(input);
  return {
    kind: 'theory',
    n: model.n,
    d: model.d,
    alpha: model.alpha,
    bound: input.bound ?? 'jl-cubic',
    loss: model.loss,
    epsilon0: model.epsilon0,
  };
}

/** The validated model of a resolved run. */
export function theoryModelOf(run: ResolvedTheoryRun): TheoryModel {
  return theoryModel(run);
}
