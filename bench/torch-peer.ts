/**
 * Running the PyTorch peer (bench/peer/torch_peer.py) from the benchmarks: which Python,
 * whether torch imports, and the thread configurations every workload is run in.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The interpreter with torch (TEGUM_BENCH_PYTHON, default Debian's). */
export const PYTHON = process.env.TEGUM_BENCH_PYTHON ?? '/usr/bin/python3';

const SCRIPT = fileURLToPath(new URL('peer/torch_peer.py', import.meta.url));

/**
 * The peer's thread configurations: PyTorch's intra-op (OpenMP) threads and OpenBLAS's own
 * pool, which `torch.set_num_threads` does not touch (Debian's torch calls the pthread
 * OpenBLAS): both at 2, both at 1, and 1 intra-op thread over 2 BLAS threads — what
 * `set_num_threads(1)` alone gives, often the fastest on two cores, as OpenMP threads that
 * spin after a parallel region no longer compete with OpenBLAS's.
 */
export const TORCH_CONFIGS: { threads: number; blas: number; label: string }[] = [
  { threads: 2, blas: 2, label: '2 threads' },
  { threads: 1, blas: 1, label: '1 thread' },
  { threads: 1, blas: 2, label: '1 thread, OpenBLAS 2' },
];

/** One result of the peer. */
export interface PeerResult {
  workload: string;
  variant: string;
  secondsPerStep: number;
  gflops?: number;
}

/** Why the peer cannot run, or undefined when it can. */
export function torchMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (!existsSync(PYTHON) || probe.status !== 0) {
    return `PyTorch peer skipped: ${PYTHON} cannot import torch (apt-get install python3-torch libopenblas0-openmp)`;
  }
  return undefined;
}

/**
 * The peer on workload `key` in each thread configuration; failures become notes.
 * @returns each configuration's label with its results
 */
export function runTorchPeer(
  key: string,
  notes: Set<string>,
): { label: string; results: PeerResult[] }[] {
  const out: { label: string; results: PeerResult[] }[] = [];
  for (const { threads, blas, label } of TORCH_CONFIGS) {
    const run = spawnSync(PYTHON, [SCRIPT, String(threads), key], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      env: { ...process.env, OPENBLAS_NUM_THREADS: String(blas) },
    });
    if (run.status !== 0) {
      notes.add(`torch peer ${key} (${label}) failed: ${run.stderr.trim().split('\n').pop()}`);
      continue;
    }
    const parsed = JSON.parse(run.stdout) as { torch: string; results: PeerResult[] };
    notes.add(`PyTorch ${parsed.torch} with OpenBLAS (bench/peer/torch_peer.py)`);
    out.push({ label, results: parsed.results });
  }
  return out;
}
