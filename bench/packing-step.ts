/**
 * Packing optimizer throughput: steps/s and effective GFLOP/s of one Riemannian
 * Adam step (Gram, objective, V·∂L/∂G, projection, retraction) at the benchmark's shapes,
 * timed as its marginal cost (a run of 4s steps against one of s: per-run costs cancel). Effective FLOPs per step = 4·d·n²: VᵀV and V·A each counted as a full
 * dense product (2·d·n²), although `gram` does only half of VᵀV. On each backend:
 * the TypeScript kernels, the WebAssembly ones (relaxed SIMD where this engine has it)
 * on one thread and on two, and the native ones (OpenBLAS) on one and two where built;
 * then the PyTorch peer's hand-written step at the shapes (512, 64) and (2048, 128)
 * in its three thread configurations (bench/torch-peer.ts), each tegum row's ratio to the
 * fastest, and the target for the whole step on native (≥ 1×).
 */
import { createObjective } from '../src/packing/objectives/registry.js';
import { createSphereWorkspace, optimizeOnSpheres } from '../src/packing/sphere-optimizer.js';
import { sphereSettingsOf } from '../src/packing/pack.js';
import { resolvePackRun } from '../src/packing/resolve-pack-run.js';
import { setBackend, type BackendName } from '../src/core/backend.js';
import { loadNativeAddon } from '../src/core/native-kernels.js';
import { Rng } from '../src/core/rng.js';
import { median } from './median.js';
import { runTorchPeer, torchMissing } from './torch-peer.js';

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
    { n: 512, d: 64 },
    { n: 1024, d: 128 },
    { n: 2048, d: 128 },
  ],
  steps = 10,
  repeats = 3,
): Promise<{ rows: object[]; notes: string[] }> {
  const rows: object[] = [];
  for (const backend of BACKENDS) {
    await setBackend(backend.name, { threads: backend.threads });
    for (const { n, d } of shapes) rows.push(measure(n, d, steps, repeats, backend));
  }
  await setBackend('js');
  return withPeer(rows as Row[]);
}

type Row = { n: number; d: number; kernels: string; 'steps/s': number };

/** The peer's rows at the shapes it knows, every row's ratio to its best, and the target. */
function withPeer(rows: Row[]): { rows: object[]; notes: string[] } {
  const notes = new Set<string>();
  const missing = torchMissing();
  if (missing !== undefined) notes.add(missing);
  const best = new Map<string, number>();
  const peerRows: Row[] = [];
  for (const [n, d] of missing === undefined ? PEER_SHAPES : []) {
    if (!rows.some((r) => r.n === n && r.d === d)) continue;
    for (const { label, results } of runTorchPeer(`packstep${n}`, notes)) {
      for (const r of results) {
        const stepsPerSecond = +(1 / r.secondsPerStep).toFixed(2);
        peerRows.push({ n, d, kernels: `torch ${r.variant}, ${label}`, 'steps/s': stepsPerSecond });
        best.set(`${n}/${d}`, Math.max(best.get(`${n}/${d}`) ?? 0, stepsPerSecond));
      }
    }
  }
  const all = [...rows, ...peerRows].map((r) => {
    const b = best.get(`${r.n}/${r.d}`);
    return b === undefined ? r : { ...r, 'vs best torch': `${(r['steps/s'] / b).toFixed(2)}×` };
  });
  const lines = [...notes];
  for (const [n, d] of PEER_SHAPES) {
    const b = best.get(`${n}/${d}`);
    const ours = Math.max(
      ...rows
        .filter((r) => r.n === n && r.d === d && r.kernels.startsWith('native'))
        .map((r) => r['steps/s']),
    );
    if (b === undefined || !Number.isFinite(ours)) continue;
    const ratio = ours / b;
    lines.push(
      `target: native whole step (${n}, ${d}) ${ratio.toFixed(2)}× the best torch step (≥ 1×) ${ratio >= 1 ? 'met' : 'not met'}`,
    );
  }
  return { rows: all, notes: lines };
}

/** The shapes the peer's whole step runs at (torch_peer.py PACKING_STEP). */
const PEER_SHAPES: [number, number][] = [
  [512, 64],
  [2048, 128],
];

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
  // The packing run's defaults, with early stopping off so every step runs.
  const settings = (steps: number) =>
    sphereSettingsOf(resolvePackRun({ n, d, alpha: 1, steps, relativeTolerance: 0 }));
  optimizeOnSpheres(V, d, n, objective, settings(2 * steps), ws); // warm-up (JIT)
  // The marginal cost of a step: a run of 4·steps against one of `steps`, so the run's
  // fixed costs (normalising, the final exact loss over n² pairs) cancel out.
  const run = (k: number): number => {
    const t0 = performance.now();
    optimizeOnSpheres(V, d, n, objective, settings(k), ws);
    return (performance.now() - t0) / 1000;
  };
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const short = run(steps);
    samples.push((run(4 * steps) - short) / (3 * steps));
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const { rows, notes } = await benchPackingStep();
  console.table(rows);
  for (const note of notes) console.log(note);
}
