/**
 * Runs packing tasks on a WorkerPool (docs/ARCHITECTURE.md §5.3: all cores): each task — one block
 * shape, one restart, one α — is plain data, optimised by `runPackTask` in whichever worker is
 * free, on that worker's own kernel instance. A task's result depends only on the task (its seed
 * included), so the numbers equal those of `runTasksInThread` on the same backend.
 */
import { availableParallelism } from 'node:os';
import { useBackend, type BackendChoice, type BackendName } from '../core/backend.js';
import { companionUrl } from '../core/companion-url.js';
import { WorkerPool } from '../core/worker-pool.js';
import {
  assemblePacking,
  pack,
  packTasks,
  type PackConfig,
  type PackResult,
  type PackTaskResult,
} from '../packing/pack.js';
import type { PackTaskRunner } from './packing-experiment.js';

/** A runner that spreads the tasks over `pool`'s workers; results in task order. */
export function poolPackRunner(pool: WorkerPool): PackTaskRunner {
  const module = companionUrl('../packing/pack.js', import.meta.url);
  return async (tasks, onDone) => {
    let done = 0;
    return Promise.all(
      tasks.map(async (task) => {
        const result = await pool.run<PackTaskResult>({
          module,
          name: 'runPackTask',
          args: [task],
        });
        onDone?.(++done, tasks.length);
        return result;
      }),
    );
  };
}

/** Where {@link packOnCores} runs. */
export interface CoresOptions {
  /** Kernel backend (default 'auto': native, else wasm, else js). */
  backend?: BackendChoice;
  /** Worker threads; default all cores, at most one per task. */
  threads?: number;
}

/**
 * `pack(config)` with its restarts and block shapes spread over the cores: the same
 * packing as the single-threaded `pack` on the same backend.
 * @returns the packing, the backend it ran on and the threads used (workers, or the
 *   kernels' threads when a single task runs on this thread).
 */
export async function packOnCores(
  config: PackConfig,
  options: CoresOptions = {},
): Promise<{ result: PackResult; backend: BackendName; threads: number }> {
  const tasks = packTasks(config);
  const cores = options.threads ?? availableParallelism();
  const threads = Math.max(1, Math.min(cores, tasks.length));
  if (threads === 1) {
    // One task: it runs here, its kernels split over the cores (OpenBLAS's threads, or a
    // WebAssembly thread team; the numbers do not depend on the split).
    const backend = await useBackend(options.backend, { threads: cores });
    return { result: pack(config), backend, threads: backend === 'js' ? 1 : cores };
  }
  const backend = await useBackend(options.backend);
  const pool = await WorkerPool.create(threads, backend);
  try {
    const results = await poolPackRunner(pool)(tasks);
    return { result: assemblePacking(config, results), backend, threads };
  } finally {
    await pool.close();
  }
}
