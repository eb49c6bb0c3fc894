/**
 * The toy-model experiment behind `tegum toy run` (Elhage et al. 2022):
 * train a config (or a named preset) on the compute core, summarise every
 * instance's geometry, and optionally save the weights as `.npy` with a manifest,
 * and the data (JSON, CSV) and figures (SVG, PNG). The only toy layer that
 * touches files and the clock.
 */
import { join } from 'node:path';
import { getBackend, useBackend, type BackendName } from '../core/backend.js';
import { encodeNpy } from '../core/npy.js';
import { toyPreset } from '../toy/presets.js';
import { sparseLimit, type SparseLimitTerms } from '../toy/sparse-limit.js';
import {
  instanceBias,
  instanceW2,
  instanceWeights,
  type ToyInstanceSummary,
} from '../toy/summarize-instance.js';
import { tegumAnalysis, type TegumAnalysis } from '../toy/tegum-analysis.js';
import { trainToyModels, type ToyProgress, type ToyTrainingResult } from '../toy/train-toy.js';
import type { ResolvedToyRun } from '../toy/toy-run-schema.js';
import { measureToyRun } from '../toy/measure-toy-run.js';
import { runIdentity } from '../core/run-identity.js';
import { trainToyModelsParallel } from '../toy/train-toy-parallel.js';
import { WorkerPool } from '../core/worker-pool.js';
import type { ToyState } from '../core/toy-state.js';
import { checkToyFigureNames, toyFigure, type ToyFigureInput } from '../viz/toy-figure-registry.js';
import type { ToyWeights } from '../viz/toy-figures.js';
import { toCsv } from './to-csv.js';
import { writeFigure } from './write-figure.js';
import { writeFileAtomic } from '../core/output-batch.js';
import { checkMemory, toyMemoryBytes } from './resource-bounds.js';
import { assertFinite } from '../core/finite-guard.js';
import { hasNeurons } from '../core/toy-models.js';

/** What to run and where to write. */
export interface ToyRunOptions {
  /** The resolved run (src/toy/resolve-toy-run.ts). */
  run: ResolvedToyRun;
  /** The preset it came from, for the record and its figures and analyses. */
  preset?: string;
  onProgress?: (p: ToyProgress) => void;
  /** Directory for W_iii.npy, b_iii.npy (W2_iii.npy for the 'abs' model) and manifest.json. */
  save?: string;
  /** Directory for results.json, results.csv and the figures. */
  out?: string;
  /** Figure names to draw into `out` (default: the preset's, or a choice by shape). */
  figures?: readonly string[];
  /**
   * Given the trained state once it is measured, before any file is written: for callers
   * that analyse the weights further (files written inside a reproduce batch are not on
   * disk until the batch ends).
   */
  onTrained?: (state: ToyState) => void;
}

/** A finished run. */
export interface ToyRunResult {
  preset: string | null;
  /** Every value that determined the numbers. */
  config: ResolvedToyRun;
  /**
   * sha256 of the config's canonical JSON (less `threads`, which changes no number) and
   * tegum's version (src/core/run-identity.ts).
   */
  identity: string;
  instances: ToyInstanceSummary[];
  /** Present for S > 0 instances when the preset is 'sparse-limit' or asked for. */
  sparseLimit?: { instance: number; sparsity: number; loss: number; terms: SparseLimitTerms }[];
  /** The seed's claim judged over the instances (present with 3 or more sparsities). */
  tegum?: TegumAnalysis;
  timing: {
    backend: BackendName;
    threads: number;
    steps: number;
    wallSeconds: number;
    stepsPerSecond: number;
  };
  files: string[];
}

function defaultFigures(preset: string | undefined, config: ResolvedToyRun): string[] {
  if (preset) return [...toyPreset(preset).figures];
  const names = ['dims-per-feature', 'feature-dimensionality', 'norm-bars'];
  if (config.m === 2) names.unshift('intro-arrows');
  if (config.m === 2 && config.correlated.length + config.anticorrelated.length > 0) {
    names.push('feature-sets');
  }
  if (hasNeurons(config.model)) names.push('neuron-bars');
  return names;
}

/** Trains, measures, and writes what was asked. */
export async function runToy(opts: ToyRunOptions): Promise<ToyRunResult> {
  const config = opts.run;
  await useBackend(config.backend);
  const figures = opts.out ? (opts.figures ?? defaultFigures(opts.preset, config)) : [];
  checkToyFigureNames(figures);
  const { threads } = config;
  const t0 = performance.now();
  checkMemory(
    `a toy run of ${config.instances} instance(s) with n = ${config.n}, m = ${config.m}`,
    toyMemoryBytes(config.instances, config.n, config.m, threads, config),
    'lower --n, --m or --instances',
  );
  let trained: ToyTrainingResult;
  if (threads === 1) {
    trained = trainToyModels(config, opts.onProgress);
  } else {
    const pool = await WorkerPool.create(threads, getBackend());
    try {
      trained = await trainToyModelsParallel(pool, config, opts.onProgress);
    } finally {
      await pool.close();
    }
  }
  const { state, steps } = trained;
  const wallSeconds = (performance.now() - t0) / 1000;
  const instances = measureToyRun(config, state);
  const result: ToyRunResult = {
    preset: opts.preset ?? null,
    config,
    identity: runIdentity(config),
    instances,
    timing: {
      backend: getBackend(),
      threads,
      steps,
      wallSeconds,
      stepsPerSecond: steps / Math.max(wallSeconds, 1e-9),
    },
    files: [],
  };
  if (opts.preset === 'sparse-limit' && !hasNeurons(config.model))
    result.sparseLimit = sparseLimitRows(state, instances, config);
  if (opts.preset !== 'sparse-limit' && new Set(instances.map((r) => r.sparsity)).size >= 3)
    result.tegum = tegumAnalysis(instances);
  // Nothing non-finite leaves the program: checked before any file is written.
  assertFinite(result, 'toy run');
  opts.onTrained?.(state);
  if (opts.save) result.files.push(...saveWeights(opts.save, state, result));
  if (opts.out) {
    result.files.push(...writeResults(opts.out, state, result, figures));
  }
  return result;
}

function sparseLimitRows(state: ToyState, instances: ToyInstanceSummary[], config: ResolvedToyRun) {
  const n = state.nFeatures;
  return instances
    .filter((r) => r.sparsity > 0)
    .map((r) => ({
      instance: r.instance,
      sparsity: r.sparsity,
      loss: r.loss,
      terms: sparseLimit(
        instanceWeights(state, r.instance),
        instanceBias(state, r.instance),
        state.importance.subarray(r.instance * n, (r.instance + 1) * n),
        state.nHidden,
        n,
        r.sparsity,
        config.model === 'linear' ? 'linear' : 'relu',
      ),
    }));
}

function pad(i: number): string {
  return String(i).padStart(3, '0');
}

/** What the saved files hold, per model (docs/ARCHITECTURE.md §3). */
const LAYOUT: Record<ToyState['model'], string> = {
  'relu-output':
    'W_iii.npy is instance iii’s W [nHidden, nFeatures] (h = W x, x’ = ReLU(Wᵀh + b)); b_iii.npy its b [nFeatures]',
  linear:
    'W_iii.npy is instance iii’s W [nHidden, nFeatures] (h = W x, x’ = Wᵀh + b); b_iii.npy its b [nFeatures]',
  neuron:
    'W_iii.npy is instance iii’s W [nHidden, nFeatures] (h = ReLU(W x), x’ = ReLU(Wᵀh + b)); b_iii.npy its b [nFeatures]',
  abs: 'W_iii.npy is instance iii’s first layer W [nHidden, nFeatures] (h = ReLU(W x)); W2_iii.npy its second layer W2 [nFeatures, nHidden] (y’ = ReLU(W2 h + b), target |x|); b_iii.npy its b [nFeatures]',
};

function saveWeights(dir: string, state: ToyState, result: ToyRunResult): string[] {
  const files: string[] = [];
  const { nHidden: m, nFeatures: n } = state;
  // The untied second layer (the 'abs' model) is saved beside W; the tied models' is Wᵀ.
  const untied = state.W2.length > 0;
  for (let i = 0; i < state.nInstances; i++) {
    const w = join(dir, `W_${pad(i)}.npy`);
    const b = join(dir, `b_${pad(i)}.npy`);
    writeFileAtomic(w, encodeNpy(Float32Array.from(instanceWeights(state, i)), [m, n]));
    writeFileAtomic(b, encodeNpy(Float32Array.from(instanceBias(state, i)), [n]));
    files.push(w, b);
    if (untied) {
      const w2 = join(dir, `W2_${pad(i)}.npy`);
      writeFileAtomic(w2, encodeNpy(Float32Array.from(instanceW2(state, i)), [n, m]));
      files.push(w2);
    }
  }
  const manifest = join(dir, 'manifest.json');
  const body = {
    format: 'tegum toy run',
    preset: result.preset,
    config: result.config,
    identity: result.identity,
    shapes: untied ? { W: [m, n], W2: [n, m], b: [n] } : { W: [m, n], b: [n] },
    layout: LAYOUT[state.model],
    instances: result.instances.map((r) => ({
      instance: r.instance,
      seed: r.seed,
      sparsity: r.sparsity,
      featureProbability: r.featureProbability,
      loss: r.loss,
      W: `W_${pad(r.instance)}.npy`,
      ...(untied ? { W2: `W2_${pad(r.instance)}.npy` } : {}),
      b: `b_${pad(r.instance)}.npy`,
    })),
    timing: result.timing,
  };
  writeFileAtomic(manifest, JSON.stringify(body, null, 2) + '\n');
  files.push(manifest);
  return files;
}

function weightsOf(state: ToyState, instances: ToyInstanceSummary[]): ToyWeights[] {
  return instances.map((r) => ({
    W: instanceWeights(state, r.instance),
    nHidden: state.nHidden,
    nFeatures: state.nFeatures,
    sparsity: r.sparsity,
  }));
}

function writeResults(
  dir: string,
  state: ToyState,
  result: ToyRunResult,
  figures: readonly string[],
): string[] {
  const files: string[] = [];
  const json = join(dir, 'results.json');
  writeFileAtomic(json, JSON.stringify({ ...result, files: undefined }, null, 2) + '\n');
  const csv = join(dir, 'results.csv');
  writeFileAtomic(
    csv,
    toCsv(
      result.instances.map((r) => ({
        instance: r.instance,
        seed: r.seed,
        sparsity: r.sparsity,
        featureProbability: r.featureProbability,
        loss: r.loss,
        dimsPerFeature: r.dimsPerFeature,
        k: r.k,
        factors: r.factors.map((f) => `${f.size}/${f.dim}`).join(' '),
        labels: r.factors.map((f) => f.label).join('; '),
        // Empty for the models without a privileged basis (relu-output, linear).
        monosemanticNeurons: r.monosemanticNeurons ?? null,
        polysemanticNeurons: r.polysemanticNeurons ?? null,
      })),
    ),
  );
  files.push(json, csv);
  const input: ToyFigureInput = {
    instances: result.instances,
    weights: weightsOf(state, result.instances),
    importance: state.importance.subarray(0, state.nFeatures),
    nHidden: state.nHidden,
    normThreshold: result.config.normThreshold,
    tegum: result.tegum,
    sparseLimit: result.sparseLimit,
    correlated: result.config.correlated,
    anticorrelated: result.config.anticorrelated,
  };
  for (const name of figures) {
    const svg = toyFigure(name).draw(input);
    if (svg === null) continue;
    const w = writeFigure(dir, name, svg);
    files.push(w.svg, w.png);
  }
  return files;
}
