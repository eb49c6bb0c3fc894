/**
 * Packing optimizer throughput: steps/s and effective GFLOP/s of one Riemannian
 * Adam step (Gram, objective, V·∂L/∂G, projection, retraction) at the issue's
 * shapes. Effective FLOPs per step = 4·d·n²: VᵀV and V·A each counted as a full
 * dense product (2·d·n²), although `gram` does only half of VᵀV. On each backend:
 * the TypeScript kernels, the WebAssembly ones (relaxed SIMD where this engine has it)
 * on one thread and on two, and the native ones (OpenBLAS) on one and two where built.
 */
import { createObjective } from '../src/packing/objectives/registry.js';
import { createSphereWorkspace, optimizeOnSpheres } from '../src/packing/sphere-optimizer.js';
import { setBackend, type BackendName } from '../src/core/backend.js';
import { loadNativeAddon } from '../src/core/native-kernels.js';
import { Rng } from '../src/core/rng.js';
import { median } from './median.js';

const native = await loadNativeAddon().then(
  () => true,
  () => false,
);
const BACKENDS: { name: BackendName; threads: number }[] = [
  { name: 'js', threads: 1 },
  { name: 'wasm', threads: 1 },
  { name: 'wasm', threads: 2 },
  ...(native
    ? [
        { name: 'native' as const, threads: 1 },
        { name: 'native' as const, threads: 2 },
      ]
    : []),
];

/** One row per shape and backend: median steps/s over `repeats` timed runs of `steps` steps. */
export async function benchPackingStep(
  shapes: readonly { n: number; d: number }[] = [
    { n: 1024, d: 128 },
    { n: 2048, d: 128 },
  ],
  steps = 5,
  repeats = 3,
): Promise<object[]> {
  const rows: object[] = [];
  for (const backend of BACKENDS) {
    await setBackend(backend.name, { threads: backend.threads });
    for (const { n, d } of shapes) rows.push(measure(n, d, steps, repeats, backend));
  }
  await setBackend('js');
  return rows;
}

function measure(
  n: number,
  d: number,
  steps: number,
  repeats: number,
  backend: { name: BackendName; threads: number },
): object {
  const rng = new Rng(1);
  const V = new Float64Array(d * n).map(() => rng.normal());
  const objective = createObjective('power', { alpha: 1 });
  const ws = createSphereWorkspace(d, n);
  optimizeOnSpheres(V, d, n, objective, { steps: 1 }, ws); // warm-up (JIT)
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    optimizeOnSpheres(V, d, n, objective, { steps, relativeTolerance: 0 }, ws);
    samples.push((performance.now() - t0) / 1000 / (steps + 1)); // +1: the final evaluation
  }
  const secondsPerStep = median(samples);
  return {
    n,
    d,
    kernels: `${backend.name}, ${backend.threads} thread${backend.threads > 1 ? 's' : ''}`,
    'steps/s': +(1 / secondsPerStep).toFixed(2),
    'effective GFLOP/s': +((4 * d * n * n) / secondsPerStep / 1e9).toFixed(2),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await benchPackingStep());
