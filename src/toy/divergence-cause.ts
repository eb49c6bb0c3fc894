/**
 * The likely cause of a toy run's divergence and its remedy, for the one line
 * the CLI prints: the learning rate, weight decay or importance that pushed the
 * update past what Adam(W) keeps finite.
 */

/** The fields of a run that can drive it past float32. */
export interface DivergenceInputs {
  lr?: number;
  weightDecay?: number;
  optimizer?: 'adam' | 'adamw';
  importance?: number | ArrayLike<number>;
}

function maxOf(v: number | ArrayLike<number> | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v === 'number') return v;
  let m = -Infinity;
  for (let i = 0; i < v.length; i++) m = Math.max(m, v[i]);
  return m;
}

/** A sentence naming the likely cause (the largest offender) and a remedy. */
export function toyDivergenceCause(config: DivergenceInputs): string {
  const lr = config.lr ?? 1e-3;
  const weightDecay = config.weightDecay ?? ((config.optimizer ?? 'adamw') === 'adamw' ? 0.01 : 0);
  const importance = maxOf(config.importance, 1);
  if (importance > 1e6) {
    return `likely cause: importance up to ${importance} makes the squared error overflow; rescale the importance to at most ~1`;
  }
  if (lr * weightDecay >= 0.5) {
    return `likely cause: lr × weight decay = ${lr * weightDecay} shrinks W by that fraction each step; lower --lr or --weight-decay`;
  }
  return `likely cause: learning rate ${lr} is too large for these features; lower --lr (the notebook uses 1e-3)`;
}
