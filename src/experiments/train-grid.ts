/**
 * Trains a grid's jobs as the instances of one multi-instance toy run (each
 * instance with its own seed, importance and feature probability, so each
 * replays exactly alone), on a worker pool of `threads` (this thread when 1).
 */
import { availableParallelism } from 'node:os';
import { getBackend, useBackend } from '../core/backend.js';
import type { ToyState } from '../core/toy-state.js';
import { WorkerPool } from '../core/worker-pool.js';
import {
  trainToyModels,
  type ToyTrainingConfig,
  type ToyTrainingResult,
} from '../toy/train-toy.js';
import { trainToyModelsParallel } from '../toy/train-toy-parallel.js';

/** Trains `config`'s instances; reports the fraction of steps done. */
export async function trainGrid(
  config: ToyTrainingConfig,
  onProgress: (fraction: number) => void,
  threads = availableParallelism(),
): Promise<ToyState> {
  await useBackend();
  const progress = (p: { step: number; steps: number }) => onProgress(p.step / p.steps);
  let trained: ToyTrainingResult;
  if (threads <= 1 || config.nInstances < 2) {
    trained = trainToyModels(config, progress);
  } else {
    const pool = await WorkerPool.create(Math.min(threads, config.nInstances), getBackend());
    try {
      trained = await trainToyModelsParallel(pool, config, progress);
    } finally {
      await pool.close();
    }
  }
  return trained.state;
}
