/**
 * `tegum pack experiment` (and a part of `tegum reproduce`): runs a packing profile
 * and writes, under `out`, per (n, d): the L(k) figure and the k*-vs-α figure (SVG
 * and PNG), loss-vs-k.csv, kstar.csv, structure.csv and data.json; and across
 * sizes summary.json and summary.csv.
 */
import { assertFinite } from '../core/finite-guard.js';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { getBackend, useBackend, type BackendChoice, type BackendName } from '../core/backend.js';
import { WorkerPool } from '../core/worker-pool.js';
import { poolPackRunner } from './pool-pack-runner.js';
import {
  packingSize,
  runTasksInThread,
  type PackingProgress,
  type PackTaskRunner,
  type SizeResult,
} from './packing-experiment.js';
import {
  PACKING_PROFILE_NAMES,
  PACKING_PROFILES,
  type PackingProfile,
  type PackingProfileName,
} from './packing-profiles.js';
import { packingKStarFigure, packingLossFigure } from '../viz/packing-figures.js';
import { toCsv } from './to-csv.js';
import { writeFigure } from './write-figure.js';
import { writeFileAtomic } from '../core/output-batch.js';

/** Options of {@link runPackingExperiment}. */
export interface PackingExperimentOptions {
  /** Output directory. */
  out: string;
  /**
   * 'quick' (seconds), 'full' (minutes), 'post' (n = 8192, d = 1024: the post's own
   * regime, tens of minutes on native), or a profile object. Default 'quick'.
   */
  profile?: PackingProfileName | PackingProfile;
  onProgress?: PackingProgress;
  /**
   * Where the optimisations run. Default: a pool of `threads` workers (one when
   * `threads` is 1: this thread), each on the `backend` kernels.
   */
  runner?: PackTaskRunner;
  /** Worker threads when no runner is given; default all cores. */
  threads?: number;
  /** Kernels when no runner is given (default 'auto': native, else wasm, else js). */
  backend?: BackendChoice;
}

/** What the experiment wrote and found. */
export interface PackingExperimentResult {
  profile: string;
  sizes: SizeResult[];
  written: string[];
  seconds: number;
  /** Where it ran: the kernels and the number of threads (null with a given runner). */
  backend: BackendName | null;
  threads: number | null;
}

function resolveProfile(p: PackingExperimentOptions['profile']): PackingProfile {
  if (p === undefined) return PACKING_PROFILES.quick;
  if (typeof p === 'string') {
    const found = (PACKING_PROFILES as Record<string, PackingProfile>)[p];
    if (!found) {
      throw new RangeError(
        `profile must be one of ${PACKING_PROFILE_NAMES.join(', ')}, got '${p}'`,
      );
    }
    return found;
  }
  return p;
}

function summaryRows(size: SizeResult) {
  return size.alphas.map((a) => ({
    n: size.n,
    d: size.d,
    alpha: a.alpha,
    kStarMeasured: a.kStarMeasured,
    structureK: a.best.factors,
    freeFactors: a.free.factors,
    freeLoss: a.free.loss,
    ...Object.fromEntries(a.theory.map((t) => [`kStar_${t.bound}`, t.kStar])),
    alphaStarMeasured: size.alphaStarMeasured.alphaStar,
    ...Object.fromEntries(
      size.alphaStarPredicted.map((p) => [`alphaStar_${p.bound}`, p.alphaStar]),
    ),
  }));
}

/** Runs the experiment and writes its figures and data; returns what it wrote. */
export async function runPackingExperiment(
  opts: PackingExperimentOptions,
): Promise<PackingExperimentResult> {
  const profile = resolveProfile(opts.profile);
  if (opts.runner) return runWith(profile, opts, opts.runner, null, null);
  const threads = opts.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`threads must be a positive integer, got ${threads}`);
  }
  if (threads === 1 || profile.schedule === 'kernels') {
    // This thread, its kernels on `threads` cores (OpenBLAS's threads or a wasm team).
    const backend = await useBackend(opts.backend, { threads });
    return runWith(profile, opts, runTasksInThread, backend, backend === 'js' ? 1 : threads);
  }
  const backend = await useBackend(opts.backend);
  const pool = await WorkerPool.create(threads, backend);
  try {
    return await runWith(profile, opts, poolPackRunner(pool), backend, threads);
  } finally {
    await pool.close();
  }
}

async function runWith(
  profile: PackingProfile,
  opts: PackingExperimentOptions,
  runner: PackTaskRunner,
  backend: BackendName | null,
  threads: number | null,
): Promise<PackingExperimentResult> {
  const started = performance.now();
  const sizes: SizeResult[] = [];
  const written: string[] = [];
  for (const size of profile.sizes) {
    const result = assertFinite(
      await packingSize(profile, size, runner, opts.onProgress, undefined, {
        // A given runner runs where the caller set up: this thread's kernels, one thread.
        backend: backend ?? getBackend(),
        threads: threads ?? 1,
      }),
      `pack experiment n = ${size.n}, d = ${size.d}`,
    );
    sizes.push(result);
    const dir = join(opts.out, `n${result.n}-d${result.d}`);
    const loss = writeFigure(dir, 'loss-vs-k', packingLossFigure(result));
    const kstar = writeFigure(dir, 'kstar-vs-alpha', packingKStarFigure(result));
    const lossRows = result.alphas.flatMap((a) =>
      a.measured.map((p, i) => ({
        alpha: a.alpha,
        k: p.k,
        loss: p.loss,
        normalizedLoss: p.normalizedLoss,
        maxAbsCos: p.maxAbsCos,
        meanAbsCos: p.meanAbsCos,
        evenBlocks: p.evenBlocks,
        layout: p.layout,
        ...Object.fromEntries(a.theory.map((t) => [`theory_${t.bound}`, t.normalizedLoss[i]])),
      })),
    );
    const structureRows = result.alphas.flatMap((a) => [
      ...a.free.factorCounts.map((f) => ({ alpha: a.alpha, packing: 'free (k = 1)', ...f })),
      ...a.best.factorCounts.map((f) => ({
        alpha: a.alpha,
        packing: `best (k = ${a.best.k})`,
        ...f,
      })),
    ]);
    const files: [string, string][] = [
      [join(dir, 'loss-vs-k.csv'), toCsv(lossRows)],
      [join(dir, 'kstar.csv'), toCsv(summaryRows(result))],
      [join(dir, 'structure.csv'), toCsv(structureRows)],
      [join(dir, 'data.json'), JSON.stringify(result, null, 2) + '\n'],
    ];
    for (const [path, text] of files) writeFileAtomic(path, text);
    written.push(loss.svg, loss.png, kstar.svg, kstar.png, ...files.map(([p]) => p));
    opts.onProgress?.(
      `n = ${result.n}, d = ${result.d}: done in ${result.seconds.toFixed(1)} s`,
      1,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = {
    profile: profile.name,
    seconds,
    backend,
    threads,
    sizes: sizes.map((s) => ({
      n: s.n,
      d: s.d,
      seconds: s.seconds,
      alphaStarMeasured: s.alphaStarMeasured,
      alphaStarPredicted: s.alphaStarPredicted,
      perAlpha: s.alphas.map((a) => ({
        alpha: a.alpha,
        kStarMeasured: a.kStarMeasured,
        structureK: a.best.factors,
        freeFactors: a.free.factors,
        predictedKStar: Object.fromEntries(a.theory.map((t) => [t.bound, t.kStar])),
      })),
    })),
  };
  const summaryJson = join(opts.out, 'summary.json');
  const summaryCsv = join(opts.out, 'summary.csv');
  writeFileAtomic(summaryJson, JSON.stringify(summary, null, 2) + '\n');
  writeFileAtomic(summaryCsv, toCsv(sizes.flatMap(summaryRows)));
  written.push(summaryJson, summaryCsv);
  return { profile: profile.name, sizes, written, seconds, backend, threads };
}
