/**
 * A toy-model run as data: the compute core's model config (src/core/toy-state.ts)
 * plus the training schedule of Elhage et al. 2022's notebook (10,000 steps,
 * lr 1e-3, constant rate), validated once.
 */

import { checkObject } from '../core/check-args.js';
import type { ToyConfig } from '../core/toy-state.js';
import { lrSchedule } from './lr-schedule.js';

/** A toy model configuration plus how to train it. Defaults are the notebook's. */
export interface ToyTrainingConfig extends ToyConfig {
  /** Training steps; default 10,000. */
  steps?: number;
  /** Base learning rate; default 1e-3. */
  lr?: number;
  /** Learning-rate schedule name ('constant', 'linear', 'cosine'); default 'constant'. */
  schedule?: string;
}

/** Checks the training fields and fills in their defaults. */
export function resolveTraining(config: ToyTrainingConfig): {
  steps: number;
  lr: number;
  schedule: string;
} {
  checkObject('resolveTraining', 'config', config, 'a ToyTrainingConfig');
  const steps = config.steps ?? 10_000;
  if (!Number.isInteger(steps) || steps < 0) {
    throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  }
  const lr = config.lr ?? 1e-3;
  if (!(lr > 0) || !Number.isFinite(lr)) {
    throw new RangeError(`lr must be a finite number > 0, got ${lr}`);
  }
  const weightDecay = config.weightDecay ?? ((config.optimizer ?? 'adamw') === 'adamw' ? 0.01 : 0);
  if (lr * weightDecay >= 1) {
    throw new RangeError(
      `lr × weightDecay (--lr × --weight-decay) must be < 1, got ${lr} × ${weightDecay} = ${lr * weightDecay}: weight decay scales W by (1 − lr·weightDecay) each step, which zeroes or flips it; lower one of them`,
    );
  }
  const schedule = config.schedule ?? 'constant';
  lrSchedule(schedule);
  return { steps, lr, schedule };
}
