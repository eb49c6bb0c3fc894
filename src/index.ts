/** tegum's public API: re-exports only. */
export { Rng } from './core/rng.js';
export { logGamma, digamma } from './core/special-functions.js';
export { gram } from './core/gram.js';
export { gramTimes } from './core/gram-times.js';
export { createToyState } from './core/toy-state.js';
export type { ToyConfig, ToyState } from './core/toy-state.js';
export { toyTrainStep } from './core/toy-train-step.js';
export { toyGradient } from './core/toy-gradient.js';
export { sampleToyBatch } from './core/toy-batch.js';
export { adamUpdate } from './core/adam-update.js';
export type { AdamParams } from './core/adam-update.js';
export { setBackend, getBackend } from './core/backend.js';
export type { BackendName, Kernels, WasmOptions } from './core/backend.js';
export { WorkerPool } from './core/worker-pool.js';
export type { PoolTask } from './core/worker-pool.js';
export { trainToy, trainToyParallel, sliceToyConfig } from './core/toy-task.js';
export type { ToyTrainResult } from './core/toy-task.js';
