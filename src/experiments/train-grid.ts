/**
 * Trains a grid's jobs as the instances of one multi-instance toy run (each
 * instance with its own seed, importance and feature probability, so each
 * replays exactly alone), on a worker pool of `threads` (this thread when 1).
 */
import { availableParallelism } from 'node:os';
import { getBackend, useBackend } from '../core/backend.js';
import type { ToyState } from '../core/toy-state.js';
import { WorkerPool } from '../core/worker-pool.js';
import { resolveToyRun, type ToyRunInput } from '../toy/resolve-toy-run.js';
import { trainToyModels, type ToyTrainingResult } from '../toy/train-toy.js';
import { trainToyModelsParallel } from '../toy/train-toy-parallel.js';

/** Trains `config`'s instances; reports the fraction of steps done. */
export async function trainGrid(
  input: ToyRunInput,
  onProgress: (fraction: number) => void,
  threads = availableParallelism(),
): Promise<ToyState> {
  const config = resolveToyRun({
    ...input,
    threads: Math.max(1, Math.min(threads, input.nInstances)),
  });
  await useBackend(config.backend);
  const progress = (p: { step: number; steps: number }) => onProgress(p.step / p.steps);
  let trained: ToyTrainingResult;
  if (config.threads === 1) {
    trained = trainToyModels(config, progress);
  } else {
    const pool = await WorkerPool.create(config.threads, getBackend());
    try {
      trained = await trainToyModelsParallel(pool, config, progress);
    } finally {
      await pool.close();
    }
  }
  return trained.state;
}
