/**
 * Runs packing tasks on a WorkerPool (docs/ARCHITECTURE.md §5.3: all cores): each task — one block
 * shape, one restart, one α — is plain data, optimised by `runPackTask` in whichever worker is
 * free, on that worker's own kernel instance. A task's result depends only on the task (its seed
 * included), so the numbers equal those of `runTasksInThread` on the same backend.
 */
import { useBackend, type BackendName } from '../core/backend.js';
import { companionUrl } from '../core/companion-url.js';
import { WorkerPool } from '../core/worker-pool.js';
import {
  assemblePacking,
  pack,
  packTasks,
  type PackResult,
  type PackTaskResult,
} from '../packing/pack.js';
import type { ResolvedPackRun } from '../packing/pack-run-schema.js';
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

/**
 * `pack(run)` with its restarts and block shapes spread over `run.threads` workers, or,
 * for a single task, run here with its kernels on `run.threads` threads (OpenBLAS's, or a
 * WebAssembly thread team): the same packing as the single-threaded `pack` on the same
 * backend.
 * @returns the packing and the backend it ran on.
 */
export async function packOnCores(
  run: ResolvedPackRun,
): Promise<{ result: PackResult; backend: BackendName }> {
  const tasks = packTasks(run);
  if (tasks.length <= 1) {
    const backend = await useBackend(run.backend, { threads: run.threads });
    return { result: pack(run), backend };
  }
  const backend = await useBackend(run.backend);
  const pool = await WorkerPool.create(run.threads, backend);
  try {
    const results = await poolPackRunner(pool)(tasks);
    return { result: assemblePacking(run, results), backend };
  } finally {
    await pool.close();
  }
}
