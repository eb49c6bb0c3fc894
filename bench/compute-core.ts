/**
 * The compute core's benchmark (part of `npm run bench`): tegum's kernels against a PyTorch peer (bench/peer/torch_peer.py) on the
 * workloads below, in one run, printing medians and ratios. Speed goals live here,
 * never in unit tests. On a shared machine the numbers are noisy: read the ratios.
 *
 *   toy training steps/s: (n=400, m=30, B=1024, 1 instance, S=0.99), (n=20, m=5, B=1024, 16, S=0.9)
 *   and the geometry preset's shape, on js, wasm and native, one thread and both cores;
 *   the neuron models (neuron-workloads.ts: the tied model at n=10, m=5, 16 instances, the
 *   abs model at n=100, m=40, 7 instances) the same way, plus the threaded wasm backend
 *   in one process and the run `toy run` makes by default (auto backend, default threads)
 *   packing step (Gram, A = ℓ'(G) for ℓ = c² with zero diagonal, V·A: the fused
 *   powerPackingGradient kernel), GFLOP/s as 4·n²·d / time
 *   Node startup plus WebAssembly instantiation
 *   the machine's peak: OpenBLAS sgemm at 2048³ on two threads (through the native addon),
 *   and each row's share of it (toy rows as effective FLOPs, 10·B·n·m per instance-step)
 *
 * Options (environment): TEGUM_BENCH_PYTHON (default /usr/bin/python3), TEGUM_BENCH_QUICK=1,
 * TEGUM_BENCH_ONLY=key,… (workloads to run: toy400, toy20, toygeometry, toyneuron, toyabs,
 * pack2048, pack512).
 */

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import {
  WorkerPool,
  createToyState,
  trainToyModels,
  powerPackingGradient,
  setBackend,
  toyTrainStep,
  resolveToyRun,
  trainToyModelsParallel,
  type BackendName,
} from '../src/index.js';
import { loadNativeAddon, type NativeAddon } from '../src/core/native-kernels.js';
import { relaxedSimdSupported } from '../src/core/relaxed-simd.js';
import { executionTarget } from '../src/core/execution-target.js';
import { useBackend } from '../src/core/backend.js';
import { NEURON_WORKLOADS, type ToyShape } from './neuron-workloads.js';
import { runTorchPeer, torchMissing } from './torch-peer.js';
import { hasNeurons } from '../src/core/toy-models.js';

const QUICK = process.env.TEGUM_BENCH_QUICK === '1';
const ONLY = process.env.TEGUM_BENCH_ONLY?.split(',');
const wanted = (key: string): boolean => ONLY === undefined || ONLY.includes(key);

interface Row {
  workload: string;
  impl: string;
  value: number;
  unit: 'steps/s' | 'GFLOP/s' | 'ms';
  /** Effective GFLOP/s (for the share of peak), where `value` is not already one. */
  gflops?: number;
}
const rows: Row[] = [];

/** Median seconds per call over `blocks` blocks of ~`blockSeconds` each. */
function medianSeconds(fn: () => void, blockSeconds = QUICK ? 0.1 : 0.3, blocks = 5): number {
  for (let k = 0; k < 3; k++) fn();
  let t = performance.now();
  fn();
  const per = Math.max(
    1,
    Math.round((blockSeconds * 1000) / Math.max(performance.now() - t, 1e-3)),
  );
  const times: number[] = [];
  for (let b = 0; b < blocks; b++) {
    t = performance.now();
    for (let k = 0; k < per; k++) fn();
    times.push((performance.now() - t) / 1000 / per);
  }
  return median(times);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

const TOY: [string, ToyShape, string][] = [
  [
    'toy n=400 m=30 B=1024 I=1 S=0.99',
    { n: 400, m: 30, instances: 1, batchSize: 1024, sparsity: 0.99 },
    'toy400',
  ],
  [
    'toy n=20 m=5 B=1024 I=16 S=0.9',
    { n: 20, m: 5, instances: 16, batchSize: 1024, sparsity: 0.9 },
    'toy20',
  ],
  [
    'toy geometry n=200 m=20 B=1024 I=20',
    {
      n: 200,
      m: 20,
      instances: 20,
      batchSize: 1024,
      // The geometry preset: S = 1 − 20^−linspace(0, 1, 20), dense to sparse.
      sparsity: Array.from({ length: 20 }, (_, i) => 1 - 20 ** -(i / 19)),
    },
    'toygeometry',
  ],
  ...NEURON_WORKLOADS,
];
const PACKING: [number, number][] = [
  [2048, 128],
  [512, 64],
];

/** Effective FLOPs of one toy step: five [B, n]×[n, m]-sized products per instance. */
const toyFlops = (c: ToyShape): number => 10 * c.batchSize * c.n * c.m * c.instances;

/** Median seconds per step of `config` trained on the pool (instances split across workers). */
async function poolStepSeconds(pool: WorkerPool, config: ToyShape): Promise<number> {
  const steps = QUICK ? 100 : 400;
  const times: number[] = [];
  for (let r = 0; r < (QUICK ? 3 : 5); r++) {
    const t = performance.now();
    await trainToyModelsParallel(
      pool,
      resolveToyRun({ ...config, steps, lr: 1e-3, threads: pool.size }),
    );
    times.push((performance.now() - t) / 1000 / steps);
  }
  return median(times);
}

/**
 * One toy workload: js, wasm and native (where built) on one thread, then both cores — one
 * instance split by batch (the threaded wasm backend; OpenBLAS's threads on native), many
 * split by instance (the worker pool on each backend).
 */
async function benchToy(
  pools: Map<BackendName, WorkerPool>,
  name: string,
  config: ToyShape,
): Promise<void> {
  const row = (impl: string, sec: number): void => {
    rows.push({
      workload: name,
      impl,
      value: 1 / sec,
      unit: 'steps/s',
      gflops: toyFlops(config) / sec / 1e9,
    });
  };
  const stepSeconds = async (backend: BackendName, threads: number): Promise<number> => {
    await setBackend(backend, { threads });
    const state = createToyState(resolveToyRun({ ...config, backend }));
    const loss = new Float32Array(config.instances);
    return medianSeconds(() => toyTrainStep(state, 1e-3, loss), backend === 'js' ? 0.2 : undefined);
  };
  for (const backend of ['js', 'wasm', 'native'] as BackendName[]) {
    if (backend !== 'js' && !pools.has(backend)) continue;
    row(`tegum ${backend}, 1 thread`, await stepSeconds(backend, 1));
  }
  for (const [backend, pool] of pools) {
    if (config.instances < 2) {
      row(`tegum ${backend}, ${pool.size} threads`, await stepSeconds(backend, pool.size));
    } else {
      row(`tegum ${backend}, ${pool.size} workers`, await poolStepSeconds(pool, config));
    }
  }
  const neuron = config.model !== undefined && hasNeurons(config.model);
  const cores = Math.min(2, availableParallelism());
  if (neuron && cores > 1) {
    // The threaded wasm backend in one process: instances (or samples) across its team.
    row(`tegum wasm, ${cores} threads (one process)`, await stepSeconds('wasm', cores));
  }
  if (neuron) {
    const run = await defaultRunStepSeconds(config);
    row(`tegum default (${run.backend}, ${run.threads} thread(s))`, run.seconds);
  }
}

/**
 * Median seconds per step of the run `toy run` makes of `config` by default: the backend
 * 'auto' picks and the default threads (one process, or the pool's workers), as
 * src/experiments/toy-run.ts trains it.
 */
async function defaultRunStepSeconds(
  config: ToyShape,
): Promise<{ backend: string; threads: number; seconds: number }> {
  const steps = QUICK ? 100 : 300;
  const run = resolveToyRun({ ...config, steps, lr: 1e-3 }, await executionTarget());
  const times: number[] = [];
  const pool = run.threads > 1 ? await WorkerPool.create(run.threads, run.backend) : undefined;
  try {
    await useBackend(run.backend);
    for (let r = 0; r < (QUICK ? 3 : 5); r++) {
      const t = performance.now();
      if (pool === undefined) trainToyModels(run);
      else await trainToyModelsParallel(pool, run);
      times.push((performance.now() - t) / 1000 / steps);
    }
  } finally {
    await pool?.close();
  }
  return { backend: run.backend, threads: run.threads, seconds: median(times) };
}

/** The kernel builds to compare: WebAssembly relaxed and plain SIMD, native where built. */
interface PackingImpl {
  label: string;
  backend: BackendName;
  /** The plain-SIMD build, not the default (relaxed where supported). */
  plain?: boolean;
}

async function packingImpls(native: boolean): Promise<PackingImpl[]> {
  const impls: PackingImpl[] = [];
  if (native) impls.push({ label: 'native (OpenBLAS)', backend: 'native' });
  if (await relaxedSimdSupported()) impls.push({ label: 'wasm relaxed-SIMD', backend: 'wasm' });
  impls.push({ label: 'wasm plain SIMD', backend: 'wasm', plain: true });
  return impls;
}

/** The plain-SIMD build's bytes: the shared-memory one for more than one thread. */
function plainSource(threads: number): BufferSource {
  const file = threads > 1 ? 'tegum-kernels-shared.wasm' : 'tegum-kernels.wasm';
  return readFileSync(new URL(`../dist/core/${file}`, import.meta.url));
}

/** One packing step workload on `impl` with `threads` threads. */
async function benchPacking(
  n: number,
  d: number,
  threads: number,
  impl: PackingImpl = { label: 'wasm', backend: 'wasm' },
): Promise<void> {
  await setBackend(impl.backend, {
    threads,
    source: impl.plain === true ? plainSource(threads) : undefined,
  });
  const V = new Float32Array(d * n);
  let seed = 1;
  for (let k = 0; k < V.length; k++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    V[k] = seed / 2 ** 32 - 0.5;
  }
  const G = new Float32Array(n * n);
  const out = new Float32Array(d * n);
  // Gram, A = ℓ'(G) = 2G with a zero diagonal (ℓ = c², α = 2), V·A: the fused kernel.
  const sec = medianSeconds(() => powerPackingGradient(out, V, G, d, n, 2, 1e-2));
  rows.push({
    workload: `packing n=${n} d=${d}`,
    impl: `tegum ${impl.label}, ${threads} thread${threads > 1 ? 's' : ''}`,
    value: (4 * n * n * d) / sec / 1e9,
    unit: 'GFLOP/s',
  });
}

function benchStartup(): void {
  const entry = new URL('../dist/index.js', import.meta.url).href;
  const code = `const m=await import(${JSON.stringify(entry)});await m.setBackend('wasm');`;
  const times: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    execFileSync(process.execPath, ['--input-type=module', '-e', code]);
    times.push(performance.now() - t);
  }
  rows.push({
    workload: 'node startup + wasm instantiate',
    impl: 'tegum',
    value: median(times),
    unit: 'ms',
  });
}

/** The peer on one workload in each thread configuration, right after tegum ran it. */
function benchTorch(key: string, notes: Set<string>): void {
  for (const { label, results } of runTorchPeer(key, notes)) {
    for (const r of results) {
      const packing = r.gflops !== undefined;
      rows.push({
        workload: r.workload,
        impl: `torch ${r.variant}, ${label}`,
        value: packing ? (r.gflops as number) : 1 / r.secondsPerStep,
        unit: packing ? 'GFLOP/s' : 'steps/s',
      });
    }
  }
}

/** OpenBLAS sgemm at 2048³ on two threads (the machine's practical peak), GFLOP/s. */
function benchPeak(addon: NativeAddon): number {
  const N = QUICK ? 1024 : 2048;
  const A = new Float32Array(N * N).fill(0.5);
  const B = new Float32Array(N * N).fill(0.25);
  const C = new Float32Array(N * N);
  addon.setThreads(Math.min(2, availableParallelism()));
  const sec = medianSeconds(() => addon.sgemm(C, A, B, N, N, N), QUICK ? 0.2 : 0.5);
  const value = (2 * N ** 3) / sec / 1e9;
  rows.push({ workload: `peak: sgemm ${N}³`, impl: 'OpenBLAS, 2 threads', value, unit: 'GFLOP/s' });
  return value;
}

/** The speed targets, as ratios from this run's rows (or why one cannot be read). */
function printTargets(peak: number | undefined): void {
  const bestTorch = (w: string) =>
    Math.max(
      ...rows.filter((r) => r.workload === w && r.impl.startsWith('torch')).map((r) => r.value),
    );
  const bestOf = (w: string, prefix: string) =>
    Math.max(
      ...rows.filter((r) => r.workload === w && r.impl.startsWith(prefix)).map((r) => r.value),
    );
  const targets: [string, string, string, number][] = [
    ['packing n=2048 d=128', 'tegum native', 'native, packing (2048, 128)', 1.0],
    ['packing n=512 d=64', 'tegum native', 'native, packing (512, 64)', 1.0],
    ['packing n=2048 d=128', 'tegum wasm relaxed', 'wasm relaxed-SIMD, packing (2048, 128)', 0.35],
    ['toy geometry n=200 m=20 B=1024 I=20', 'tegum', 'toy geometry shape', 4],
    ['toy n=400 m=30 B=1024 I=1 S=0.99', 'tegum', 'toy n=400, m=30', 5],
    ['toy neuron n=10 m=5 B=1024 I=16', 'tegum', 'neuron model n=10, m=5, 16 instances', 3],
    ['toy abs n=100 m=40 B=1024 I=7', 'tegum', 'abs model n=100, m=40, 7 instances', 1.5],
    ['toy neuron n=10 m=5 B=1024 I=16', 'tegum default', 'neuron model, as shipped', 3],
    ['toy abs n=100 m=40 B=1024 I=7', 'tegum default', 'abs model, as shipped', 1.5],
  ];
  console.log('\nTargets, best tegum row against the best torch configuration:');
  for (const [w, prefix, label, goal] of targets) {
    const ratio = bestOf(w, prefix) / bestTorch(w);
    const shown = Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'not measured';
    const verdict = Number.isFinite(ratio) ? (ratio >= goal ? 'met' : 'not met') : '';
    console.log(`  ${label}: ${shown} (target ≥ ${goal}×) ${verdict}`);
  }
  if (peak !== undefined)
    console.log(`  peak (OpenBLAS sgemm, 2 threads): ${peak.toFixed(1)} GFLOP/s`);
}

function printTable(note: string, peak?: number): void {
  const workloads = [...new Set(rows.map((r) => r.workload))];
  const lines = [
    '| workload | implementation | median | vs best torch | share of peak |',
    '|---|---|---:|---:|---:|',
  ];
  for (const w of workloads) {
    const mine = rows.filter((r) => r.workload === w);
    const torch = mine.filter((r) => r.impl.startsWith('torch'));
    const best = torch.length ? Math.max(...torch.map((r) => r.value)) : Number.NaN;
    for (const r of mine) {
      const ratio = r.unit === 'ms' || Number.isNaN(best) ? '' : `${(r.value / best).toFixed(2)}×`;
      const v = r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(1);
      const flops = r.unit === 'GFLOP/s' ? r.value : r.gflops;
      const share =
        peak === undefined || flops === undefined ? '' : `${((100 * flops) / peak).toFixed(1)}%`;
      lines.push(`| ${w} | ${r.impl} | ${v} ${r.unit} | ${ratio} | ${share} |`);
    }
  }
  console.log(lines.join('\n'));
  console.log(`\n${note}`);
  console.log(
    `cores: ${availableParallelism()}; medians of timed blocks; a shared machine makes them noisy.`,
  );
  printTargets(peak);
}

/** Runs every compute-core workload, tegum then the peer, and prints the table. */
export async function benchComputeCore(): Promise<void> {
  const notes = new Set<string>();
  const missing = torchMissing();
  if (missing !== undefined) notes.add(missing);
  const addon = await loadNativeAddon().catch((err: Error) => {
    notes.add(`native rows and the peak skipped: ${err.message}`);
    return undefined;
  });
  const impls = await packingImpls(addon !== undefined);
  let peak: number | undefined;
  const cores = Math.min(2, availableParallelism());
  // One pool per backend (the native one only where the addon loads): wasm first.
  const pools = new Map<BackendName, WorkerPool>([
    ['wasm', await WorkerPool.create(cores, 'wasm')],
  ]);
  if (addon !== undefined) pools.set('native', await WorkerPool.create(cores, 'native'));
  try {
    if (addon !== undefined) peak = benchPeak(addon);
    benchStartup();
    // Each workload: tegum, then the peer at once, so both see the same machine load.
    for (const [name, config, key] of TOY) {
      if (!wanted(key)) continue;
      await benchToy(pools, name, config);
      if (missing === undefined) benchTorch(key, notes);
    }
    for (const [n, d] of PACKING) {
      if (!wanted(`pack${n}`)) continue;
      for (const impl of impls) {
        await benchPacking(n, d, 1, impl);
        if (availableParallelism() > 1) await benchPacking(n, d, 2, impl);
      }
      if (missing === undefined) benchTorch(`pack${n}`, notes);
    }
  } finally {
    for (const pool of pools.values()) await pool.close();
  }
  printTable([...notes].join('; '), peak);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchComputeCore();
