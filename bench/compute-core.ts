/**
 * The compute core's benchmark (part of `npm run bench`): tegum's kernels against a PyTorch peer (bench/peer/torch_peer.py) on the
 * workloads of issue 3, in one run, printing medians and ratios. Speed goals live here,
 * never in unit tests. On a shared machine the numbers are noisy: read the ratios.
 *
 *   toy training steps/s: (n=400, m=30, B=1024, 1 instance, S=0.99), (n=20, m=5, B=1024, 16, S=0.9)
 *   packing step (Gram, A = ℓ'(G) for ℓ = c² with zero diagonal, V·A), GFLOP/s as 4·n²·d / time
 *   Node startup plus WebAssembly instantiation
 *
 * Options (environment): TEGUM_BENCH_PYTHON (default /usr/bin/python3), TEGUM_BENCH_QUICK=1.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  WorkerPool,
  createToyState,
  gram,
  gramTimes,
  setBackend,
  toyTrainStep,
  resolveToyRun,
  trainToyModelsParallel,
  type BackendName,
  type ToyConfig,
} from '../src/index.js';

const QUICK = process.env.TEGUM_BENCH_QUICK === '1';
const PYTHON = process.env.TEGUM_BENCH_PYTHON ?? '/usr/bin/python3';
const root = fileURLToPath(new URL('..', import.meta.url));

interface Row {
  workload: string;
  impl: string;
  value: number;
  unit: 'steps/s' | 'GFLOP/s' | 'ms';
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

const TOY: [string, ToyConfig, string][] = [
  [
    'toy n=400 m=30 B=1024 I=1 S=0.99',
    { nFeatures: 400, nHidden: 30, nInstances: 1, batchSize: 1024, featureProbability: 0.01 },
    'toy400',
  ],
  [
    'toy n=20 m=5 B=1024 I=16 S=0.9',
    { nFeatures: 20, nHidden: 5, nInstances: 16, batchSize: 1024, featureProbability: 0.1 },
    'toy20',
  ],
  [
    'toy geometry n=200 m=20 B=1024 I=20',
    {
      nFeatures: 200,
      nHidden: 20,
      nInstances: 20,
      batchSize: 1024,
      // The geometry preset: p = 20^−linspace(0, 1, 20), dense to sparse.
      featureProbability: Array.from({ length: 20 }, (_, i) => 20 ** -(i / 19)),
    },
    'toygeometry',
  ],
];
const PACKING: [number, number][] = [
  [2048, 128],
  [512, 64],
];

/** One toy workload: js and wasm on one thread, then both cores. */
async function benchToy(pool: WorkerPool, name: string, config: ToyConfig): Promise<void> {
  for (const backend of ['js', 'wasm'] as BackendName[]) {
    await setBackend(backend);
    const state = createToyState(config);
    const loss = new Float32Array(config.nInstances);
    const sec = medianSeconds(
      () => toyTrainStep(state, 1e-3, loss),
      backend === 'js' ? 0.2 : undefined,
    );
    rows.push({
      workload: name,
      impl: `tegum ${backend}, 1 thread`,
      value: 1 / sec,
      unit: 'steps/s',
    });
  }
  // Both cores: one instance is split by batch (threaded backend), many by instance (pool).
  if (config.nInstances < 2) {
    await setBackend('wasm', { threads: pool.size });
    const state = createToyState(config);
    const loss = new Float32Array(config.nInstances);
    const sec = medianSeconds(() => toyTrainStep(state, 1e-3, loss));
    rows.push({
      workload: name,
      impl: `tegum wasm, ${pool.size} threads`,
      value: 1 / sec,
      unit: 'steps/s',
    });
    return;
  }
  const steps = QUICK ? 100 : 400;
  const times: number[] = [];
  for (let r = 0; r < (QUICK ? 3 : 5); r++) {
    const t = performance.now();
    await trainToyModelsParallel(pool, resolveToyRun({ ...config, steps, lr: 1e-3 }));
    times.push((performance.now() - t) / 1000 / steps);
  }
  rows.push({
    workload: name,
    impl: `tegum wasm, ${pool.size} workers`,
    value: 1 / median(times),
    unit: 'steps/s',
  });
}

/** One packing step workload on the wasm backend with `threads` threads. */
async function benchPacking(n: number, d: number, threads: number): Promise<void> {
  await setBackend('wasm', { threads });
  const V = new Float32Array(d * n);
  let seed = 1;
  for (let k = 0; k < V.length; k++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    V[k] = seed / 2 ** 32 - 0.5;
  }
  const G = new Float32Array(n * n);
  const out = new Float32Array(d * n);
  const sec = medianSeconds(() => {
    gram(G, V, d, n);
    for (let k = 0; k < G.length; k++) G[k] *= 2; // ℓ'(c) = 2c for ℓ = c²
    for (let i = 0; i < n; i++) G[i * n + i] = 0;
    gramTimes(out, V, G, d, n);
  });
  rows.push({
    workload: `packing n=${n} d=${d}`,
    impl: `tegum wasm, ${threads} thread${threads > 1 ? 's' : ''}`,
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

/** Why the peer cannot run, or undefined when it can. */
function torchMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (!existsSync(PYTHON) || probe.status !== 0) {
    return `PyTorch peer skipped: ${PYTHON} cannot import torch (apt-get install python3-torch libopenblas0-openmp)`;
  }
  return undefined;
}

/** The peer on one workload, at 2 threads and at 1, right after tegum ran it. */
function benchTorch(key: string, notes: Set<string>): void {
  for (const threads of [2, 1]) {
    const script = `${root}bench/peer/torch_peer.py`;
    const run = spawnSync(PYTHON, [script, String(threads), key], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (run.status !== 0) {
      notes.add(
        `torch peer ${key} (${threads} threads) failed: ${run.stderr.trim().split('\n').pop()}`,
      );
      continue;
    }
    const out = JSON.parse(run.stdout) as {
      torch: string;
      results: { workload: string; variant: string; secondsPerStep: number; gflops?: number }[];
    };
    notes.add(`PyTorch ${out.torch} with OpenBLAS (bench/peer/torch_peer.py)`);
    for (const r of out.results) {
      const packing = r.gflops !== undefined;
      rows.push({
        workload: r.workload,
        impl: `torch ${r.variant}, ${threads} thread${threads > 1 ? 's' : ''}`,
        value: packing ? (r.gflops as number) : 1 / r.secondsPerStep,
        unit: packing ? 'GFLOP/s' : 'steps/s',
      });
    }
  }
}

function printTable(note: string): void {
  const workloads = [...new Set(rows.map((r) => r.workload))];
  const lines = ['| workload | implementation | median | vs best torch |', '|---|---|---:|---:|'];
  for (const w of workloads) {
    const mine = rows.filter((r) => r.workload === w);
    const torch = mine.filter((r) => r.impl.startsWith('torch'));
    const best = torch.length ? Math.max(...torch.map((r) => r.value)) : Number.NaN;
    for (const r of mine) {
      const ratio = r.unit === 'ms' || Number.isNaN(best) ? '' : `${(r.value / best).toFixed(2)}×`;
      const v = r.value >= 100 ? r.value.toFixed(0) : r.value.toFixed(1);
      lines.push(`| ${w} | ${r.impl} | ${v} ${r.unit} | ${ratio} |`);
    }
  }
  console.log(lines.join('\n'));
  console.log(`\n${note}`);
  console.log(
    `cores: ${availableParallelism()}; medians of timed blocks; a shared machine makes them noisy.`,
  );
}

/** Runs every compute-core workload, tegum then the peer, and prints the table. */
export async function benchComputeCore(): Promise<void> {
  const notes = new Set<string>();
  const missing = torchMissing();
  if (missing !== undefined) notes.add(missing);
  const pool = await WorkerPool.create(Math.min(2, availableParallelism()), 'wasm');
  try {
    benchStartup();
    // Each workload: tegum, then the peer at once, so both see the same machine load.
    for (const [name, config, key] of TOY) {
      await benchToy(pool, name, config);
      if (missing === undefined) benchTorch(key, notes);
    }
    for (const [n, d] of PACKING) {
      await benchPacking(n, d, 1);
      if (availableParallelism() > 1) await benchPacking(n, d, 2);
      if (missing === undefined) benchTorch(`pack${n}`, notes);
    }
  } finally {
    await pool.close();
  }
  printTable([...notes].join('; '));
}

if (import.meta.url === `file://${process.argv[1]}`) await benchComputeCore();
