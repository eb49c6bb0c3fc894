/**
 * A pool of worker threads for independent work — toy-model instances, packing restarts, sweep
 * points (docs/ARCHITECTURE.md §5.3: all cores). Each worker runs src/core/pool-worker.ts (built to
 * JavaScript: tsx cannot load TypeScript inside worker_threads), holds its own WebAssembly instance
 * of the kernels, and calls a named export of a built module. A task is plain data in and plain
 * data out, so a task's result does not depend on which worker ran it: the same seeds give the same
 * numbers as a single-threaded run.
 *
 * A worker that dies (an uncaught error, `process.exit`, running out of memory) is
 * replaced by a fresh one, and the task it was running is rejected with a
 * {@link PoolWorkerCrashError}; the other tasks go on. Nothing waits forever.
 */

import type { Worker } from 'node:worker_threads';
import type { BackendName } from './backend.js';
import { companionUrl } from './companion-url.js';

/** One call: `module` is a URL of a built JavaScript module, `name` one of its exports. */
export interface PoolTask {
  module: string | URL;
  name: string;
  args: unknown[];
}

// Specifiers in variables: bundlers for the browser leave Node's modules alone.
const NODE_OS = 'node:os';
const NODE_WORKERS = 'node:worker_threads';

interface Pending {
  task: PoolTask;
  resolve: (value: unknown) => void;
  reject: (reason: Error) => void;
}

/** The worker entry, next to this file once built (dist/core), or in dist when run from src. */
function workerUrl(): URL {
  return companionUrl('./pool-worker.js', import.meta.url);
}

/** The task a pool worker was running when it died. */
export class PoolWorkerCrashError extends Error {
  override readonly name = 'PoolWorkerCrashError';
}

/** A fixed set of workers taking tasks first come, first served. */
export class WorkerPool {
  /**
   * Starts a pool (node:worker_threads is loaded here, so browser bundles of the library
   * never import it).
   * @param size workers; default: the machine's available parallelism
   * @param backend the kernels each worker runs on; default 'wasm'
   */
  static async create(size?: number, backend: BackendName = 'wasm'): Promise<WorkerPool> {
    const [{ availableParallelism }, { Worker: WorkerClass }] = await Promise.all([
      import(/* @vite-ignore */ NODE_OS) as Promise<typeof import('node:os')>,
      import(/* @vite-ignore */ NODE_WORKERS) as Promise<typeof import('node:worker_threads')>,
    ]);
    const cores = availableParallelism();
    return new WorkerPool(size ?? cores, backend, WorkerClass, cores);
  }

  readonly size: number;
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<Worker, Pending>();
  private closed = false;

  /** OpenBLAS threads per worker on the native backend: cores / workers, at least 1. */
  private readonly blasThreads: number;

  private constructor(
    size: number,
    private readonly backend: BackendName,
    private readonly WorkerClass: typeof Worker,
    cores: number,
  ) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`pool size must be a positive integer, got ${size}`);
    }
    if (backend !== 'js' && backend !== 'wasm' && backend !== 'native') {
      throw new RangeError(`backend must be 'js', 'wasm' or 'native', got ${String(backend)}`);
    }
    // OpenBLAS's threads (process-wide) share the cores with the workers: never more in all.
    this.blasThreads = Math.max(1, Math.floor(cores / size));
    this.size = size;
    for (let k = 0; k < size; k++) this.idle.push(this.spawn());
  }

  /** Starts one worker and wires its messages, errors and exit. */
  private spawn(): Worker {
    const worker = new this.WorkerClass(workerUrl(), {
      workerData: { backend: this.backend, blasThreads: this.blasThreads },
    });
    worker.on('message', (msg: { result?: unknown; error?: string }) => {
      const job = this.running.get(worker);
      this.running.delete(worker);
      if (job !== undefined) {
        if (msg.error !== undefined) job.reject(new Error(msg.error));
        else job.resolve(msg.result);
      }
      this.idle.push(worker);
      this.dispatch();
    });
    let crash = '';
    worker.on('error', (err) => {
      // An uncaught error ends the worker; 'exit' follows and replaces it.
      crash = err.message;
    });
    worker.on('exit', (code) => {
      if (this.closed || !this.workers.delete(worker)) return;
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      const job = this.running.get(worker);
      this.running.delete(worker);
      job?.reject(
        new PoolWorkerCrashError(
          `pool worker died (${crash ? `uncaught error: ${crash}` : `exit code ${code}`}) while running ${job.task.name}; it was replaced`,
        ),
      );
      this.idle.push(this.spawn());
      this.dispatch();
    });
    this.workers.add(worker);
    return worker;
  }

  /** Runs one task on the next free worker. */
  run<T>(task: PoolTask): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ task, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Runs every task, at most `size` at a time; results in the order of `tasks`. */
  map<T>(tasks: PoolTask[]): Promise<T[]> {
    return Promise.all(tasks.map((t) => this.run<T>(t)));
  }

  /** Stops every worker; pending tasks are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the worker pool was closed'));
    for (const job of this.running.values()) job.reject(new Error('the worker pool was closed'));
    this.running.clear();
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop() as Worker;
      const job = this.queue.shift() as Pending;
      this.running.set(worker, job);
      const { module, name, args } = job.task;
      worker.postMessage({ module: String(module), name, args });
    }
  }
}
