/**
 * The likely cause of a toy run's divergence and its remedy, for the one line the CLI
 * prints: the learning rate, weight decay or importance that pushed the update past
 * what Adam(W) keeps finite, read from the resolved run.
 */
import type { ResolvedToyRun } from './toy-run-schema.js';

/** The fields of a run that can drive it past float32. */
export type DivergenceInputs = Pick<ResolvedToyRun, 'lr' | 'weightDecay' | 'importance'>;

/** A sentence naming the likely cause (the largest offender) and a remedy. */
export function toyDivergenceCause(run: DivergenceInputs): string {
  const { lr, weightDecay } = run;
  const importance = run.importance.reduce((a, b) => Math.max(a, b), -Infinity);
  if (importance > 1e6) {
    return `likely cause: importance up to ${importance} makes the squared error overflow; rescale the importance to at most ~1`;
  }
  if (lr * weightDecay >= 0.5) {
    return `likely cause: lr × weight decay = ${lr * weightDecay} shrinks W by that fraction each step; lower --lr or --weight-decay`;
  }
  return `likely cause: learning rate ${lr} is too large for these features; lower --lr (the notebook uses 1e-3)`;
}
