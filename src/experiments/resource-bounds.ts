/**
 * Resource bounds checked before allocating: the memory a run will hold against
 * what the machine has, and worker threads against its cores. A refusal is a
 * ResourceError (exit 2) that states the need and what is available.
 */
import { availableParallelism, freemem, totalmem } from 'node:os';
import { TOY_RUN_FIELDS, type ToyModel } from '../toy/toy-run-schema.js';
import { ResourceError } from '../core/errors.js';
import { hasNeurons } from '../core/toy-models.js';

/** The share of physical memory one run may plan to use. */
export const MEMORY_SHARE = 0.8;

const GiB = 1024 ** 3;

function gib(bytes: number): string {
  return bytes >= 0.1 * GiB
    ? `${(bytes / GiB).toFixed(1)} GiB`
    : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/**
 * Refuses a run whose estimated memory exceeds what the machine can give it:
 * MEMORY_SHARE of its total memory, or its free memory now, whichever is larger
 * (the kernel frees caches on demand; free memory alone undercounts).
 * @param what the run and the sizes that drive the estimate (`'toy run with n = 1e6, m = 20'`).
 * @param remedy what to change (`'lower --n or --instances'`).
 */
export function checkMemory(what: string, bytes: number, remedy: string): void {
  const total = totalmem();
  const allowed = Math.max(MEMORY_SHARE * total, Math.min(freemem(), total));
  if (!(bytes <= allowed)) {
    throw new ResourceError(
      `${what} needs about ${gib(bytes)} of memory; this machine has ${gib(total)} (${gib(freemem())} free); ${remedy}`,
    );
  }
}

/**
 * Refuses more worker threads than the machine has cores.
 * @param flag how the count is named to the user (`--threads`).
 */
export function checkThreads(flag: string, threads: number | undefined): void {
  if (threads === undefined) return;
  const cores = availableParallelism();
  if (threads > cores) {
    throw new ResourceError(
      `${flag} ${threads} is more than the ${cores} core${cores === 1 ? '' : 's'} of this machine; choose 1 to ${cores}`,
    );
  }
}

/**
 * The model and batch a toy run's memory estimate needs beyond its shape (docs/ARCHITECTURE.md
 * §3): the absolute-value model holds a second layer, the neuron models' kernels a batch.
 */
export interface ToyMemoryShape {
  /** Default: the toy run's ('relu-output'). */
  readonly model?: ToyModel;
  /** Default: the toy run's (1024). */
  readonly batchSize?: number;
}

/**
 * Bytes held by `nInstances` toy models of n features in m dimensions, per worker slice and
 * scratch.
 */
export function toyMemoryBytes(
  nInstances: number,
  nFeatures: number,
  nHidden: number,
  threads: number,
  {
    model = TOY_RUN_FIELDS.model.default,
    batchSize = TOY_RUN_FIELDS.batchSize.default,
  }: ToyMemoryShape = {},
): number {
  const f32 = 4;
  const f64 = 8;
  const mn = nHidden * nFeatures;
  const neuron = hasNeurons(model);
  // W, its Adam moments and gradient [nInstances, m, n]; b, moments, gradient, importance
  // [nInstances, n]; for 'abs' W2, its moments and gradient [nInstances, n, m] too.
  const layers = model === 'abs' ? 2 : 1;
  const params = f32 * (4 * layers * nInstances * mn + 5 * nInstances * nFeatures);
  // Per thread: the Gram and ∂L/∂G scratch [n, n] in float64, and a copy of its slice
  // (workers); the neuron models' kernels also hold, per thread, one instance's batch in
  // CSR (B·n features and values), its dense form's four [B, n] / [B, m] products
  // (native/src/toy-neuron-step.c), padded copies and float64 accumulators of W and W2.
  const neuronScratch = neuron
    ? f32 * (2 * batchSize * nFeatures + 2 * batchSize * (nFeatures + nHidden)) +
      (2 * f64 + 6 * f32) * mn
    : 0;
  const scratch = threads * (2 * f64 * nFeatures * nFeatures + neuronScratch);
  const slices = threads > 1 ? params : 0;
  return params + scratch + slices;
}

/** Bytes a packing of n vectors in R^d holds per thread: V, its gradient and moments, the n × n Gram. */
export function packMemoryBytes(n: number, d: number, threads: number): number {
  const f32 = 4;
  const f64 = 8;
  return threads * (f32 * 3 * n * n + f64 * 5 * d * n);
}
