/**
 * Computation in superposition, reproduced and judged (Elhage et al. 2022, "Computation in
 * Superposition"): the absolute-value model h = ReLU(W₁x), y' = ReLU(W₂h + b) learning |x|
 * on features uniform on [−1, 1] when active (the toy run's model 'abs';
 * docs/ARCHITECTURE.md §3). Two parts:
 * - the sanity case n = 3, m = 6 on dense features, where each feature should be computed
 *   by a pair of neurons, |x| = ReLU(x) + ReLU(−x) (read from W₁ and W₂ by
 *   src/geometry/abs-neuron-pairs.ts), judged on the lowest-loss seed;
 * - n = 100, m = 40, importance 0.8^i across the paper's densities 1 − S, judged on the
 *   lowest-loss seed per density: monosemantic neurons when dense, polysemantic ones
 *   appearing by 1 − S = 0.1, nearly every alive neuron polysemantic at 0.001
 *   (src/geometry/neuron-metrics.ts), and how features spread over neurons
 *   (src/geometry/neuron-features.ts).
 * Every run records its loss and its counts at 4/5 of its steps beside the end, so a
 * profile training fewer steps than the paper shows whether its numbers had settled.
 */
import { join } from 'node:path';
import { getBackend, useBackend } from '../core/backend.js';
import { companionUrl } from '../core/companion-url.js';
import { executionTarget } from '../core/execution-target.js';
import { encodeNpy } from '../core/npy.js';
import { writeFileAtomic } from '../core/output-batch.js';
import { runIdentity } from '../core/run-identity.js';
import { WorkerPool } from '../core/worker-pool.js';
import { absNeuronPairs, type AbsNeuronPairs } from '../geometry/abs-neuron-pairs.js';
import {
  NEURON_FEATURE_SHARE,
  neuronFeatureCounts,
  type NeuronFeatureCounts,
} from '../geometry/neuron-features.js';
import {
  MONOSEMANTIC_SHARE,
  NEURON_ALIVE_NORM,
  neuronMetrics,
  type NeuronSummary,
} from '../geometry/neuron-metrics.js';
import { createToyState } from '../toy/create-toy-state.js';
import { measureToyRun } from '../toy/measure-toy-run.js';
import { resolveToyRun } from '../toy/resolve-toy-run.js';
import {
  absComputedCounts,
  absOneSparseError,
  COMPUTED_ERROR,
  type AbsComputedCounts,
} from '../toy/abs-one-sparse-error.js';
import { restoreSnapshot } from '../toy/toy-chunk.js';
import type { ResolvedToyRun } from '../toy/toy-run-schema.js';
import { trainToyCheckpoints, type ToyCheckpointsResult } from '../toy/train-toy-checkpoints.js';
import {
  absFeatureSpreadFigure,
  absNeuronCountsFigure,
  absWeightsFigure,
} from '../viz/abs-figures.js';
import type { Experiment, ExperimentContext, Profile, ReportSection } from './experiment.js';
import { toCsv } from './to-csv.js';
import { assertFinite } from '../core/finite-guard.js';
import { writeFigure } from './write-figure.js';

/** How much of each run the look back skips: the counts at 4/5 of the steps against the end. */
const CHECK_FRACTION = 0.8;

/**
 * What "nearly all" leaves out: at most this fraction of the alive neurons may go against a
 * regime (a stray neuron or four in 40), the same tenth that MONOSEMANTIC_SHARE leaves a
 * neuron's other features. Nearly all: a fraction ≥ 1 − STRAY_FRACTION; appearing: more
 * than STRAY_FRACTION.
 */
export const STRAY_FRACTION = 0.1;

/** The settings of one profile. */
export interface AbsOptions {
  /** The sanity case: n = 3 features in m = 6 neurons, dense. */
  sanity: { n: number; m: number; seeds: number; steps: number };
  /** The density sweep's model. */
  n: number;
  m: number;
  /** Importance decay R (I_i = R^i). */
  decay: number;
  /** 1 − S, densest first. */
  densities: number[];
  /** Seeds per density (parallel to densities). */
  seeds: number[];
  steps: number;
}

/** The paper's densities for n = 100, m = 40. */
export const ABS_DENSITIES = [1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001];

/** Quick and full settings, with a reason on each line. */
export const ABS_PROFILES: Record<Profile, AbsOptions> = {
  quick: {
    // n = 3 in m = 6 trains in a second: the notebook's steps, best of 4 seeds (a seed
    // can park a feature on the bias and one neuron).
    sanity: { n: 3, m: 6, seeds: 4, steps: 10_000 },
    n: 100, // the paper's
    m: 40, // the paper's
    decay: 0.8, // the paper's importance 0.8^i
    densities: ABS_DENSITIES,
    // A dense step costs ten to fifteen times a sparse one: one seed where dense, more
    // where cheap (the sparse models land in more different places).
    seeds: [1, 1, 1, 2, 2, 4, 4],
    steps: 10_000, // the notebook's
  },
  full: {
    sanity: { n: 3, m: 6, seeds: 8, steps: 10_000 },
    n: 100,
    m: 40,
    decay: 0.8,
    densities: ABS_DENSITIES,
    seeds: ABS_DENSITIES.map(() => 8),
    steps: 10_000,
  },
};

/** One seed of a run: its loss and what its W₁ shows, at the end and at the look back. */
export interface AbsSeed {
  seed: number;
  loss: number;
  /** The evaluated loss at CHECK_FRACTION of the steps. */
  lossAtCheck: number;
  monosemantic: number;
  polysemantic: number;
  dead: number;
  /** The same counts at CHECK_FRACTION of the steps. */
  atCheck: { monosemantic: number; polysemantic: number; dead: number };
}

/** One density's seeds and the lowest-loss one's neurons. */
export interface AbsDensityResult {
  density: number;
  config: ResolvedToyRun;
  identity: string;
  seeds: AbsSeed[];
  best: AbsSeed;
  neurons: NeuronSummary[];
  counts: NeuronFeatureCounts;
  /**
   * The mean ‖W₁_:f‖ over the least important half of the features: what the weights the
   * model has no use for still hold (Xavier-normal starts a column near √(2m / (n + m))),
   * which dilutes every neuron's shares where training has not decayed them.
   */
  idleColumnNorm: number;
  /** Features the best seed computes on 1-sparse inputs, on both signs and on one. */
  computed: AbsComputedCounts;
  /** [n] its 1-sparse relative errors per sign (src/toy/abs-one-sparse-error.ts). */
  oneSparseError: { positive: number[]; negative: number[] };
  /** [m, n] and [n, m] of the best seed. */
  W1: Float32Array;
  W2: Float32Array;
}

/** The sanity case's seeds and the lowest-loss one's pairs. */
export interface AbsSanityResult {
  config: ResolvedToyRun;
  identity: string;
  seeds: { seed: number; loss: number; pairedFeatures: number }[];
  best: { seed: number; loss: number; pairs: AbsNeuronPairs; computed: AbsComputedCounts };
}

/** A run to train: its resolved config and the steps to look back at. */
interface Job {
  run: ResolvedToyRun;
  checks: number[];
}

/** The built task module (workers load JavaScript only). */
function taskModule(): URL {
  return companionUrl('../toy/train-toy-checkpoints.js', import.meta.url);
}

const checkStep = (steps: number) => Math.round(CHECK_FRACTION * steps);

/** `toy run` flags of one density's run. */
const sparsityOf = (density: number) => Number((1 - density).toPrecision(12));

function absRun(o: AbsOptions, density: number, seeds: number, backend: 'native' | 'wasm' | 'js') {
  return resolveToyRun({
    model: 'abs',
    n: o.n,
    m: o.m,
    importance: `decay:${o.decay}`,
    sparsity: sparsityOf(density),
    instances: seeds,
    steps: o.steps,
    seed: 0,
    backend,
    threads: 1,
  });
}

/** Trains every job: on a pool of the machine's cores, or on this thread with one core. */
async function trainJobs(
  jobs: Job[],
  progress: (fraction: number, label: string) => void,
): Promise<ToyCheckpointsResult[]> {
  const target = await executionTarget();
  const backend = jobs[0].run.backend;
  await useBackend(backend);
  const threads = Math.min(target.cores, jobs.length);
  let done = 0;
  const tick = <T>(r: T) => {
    progress(++done / jobs.length, `${done} of ${jobs.length} runs`);
    return r;
  };
  if (threads <= 1) return jobs.map((j) => tick(trainToyCheckpoints(j.run, j.checks)));
  const pool = await WorkerPool.create(threads, getBackend());
  try {
    const module = taskModule();
    return await Promise.all(
      jobs.map((j) =>
        pool
          .run<ToyCheckpointsResult>({
            module,
            name: 'trainToyCheckpoints',
            args: [j.run, j.checks],
          })
          .then(tick),
      ),
    );
  } finally {
    await pool.close();
  }
}

/** The evaluated losses of a trained job (measureToyRun: also stops a diverged instance). */
function lossesOf(job: Job, trained: ToyCheckpointsResult): number[] {
  const state = createToyState(job.run, false);
  restoreSnapshot(state, trained.snapshot);
  return measureToyRun(job.run, state).map((r) => r.loss);
}

const slice = (a: Float32Array, i: number, size: number) => a.slice(i * size, (i + 1) * size);

function neuronCounts(W: Float32Array, m: number, n: number) {
  const r = neuronMetrics(W, m, n);
  const alive = r.neurons.filter((x) => x.alive).length;
  return {
    monosemantic: r.monosemanticNeurons,
    polysemantic: r.polysemanticNeurons,
    dead: m - alive,
  };
}

/** Mean column norm of W₁ [m, n] over features ⌈n/2⌉ … n − 1 (importance decays with i). */
function idleColumnNorm(W1: Float32Array, m: number, n: number): number {
  const from = Math.ceil(n / 2);
  let sum = 0;
  for (let f = from; f < n; f++) {
    let sq = 0;
    for (let k = 0; k < m; k++) sq += W1[k * n + f] ** 2;
    sum += Math.sqrt(sq);
  }
  return n > from ? sum / (n - from) : 0;
}

function densityResult(density: number, job: Job, trained: ToyCheckpointsResult): AbsDensityResult {
  const { n, m, instances } = job.run;
  const size = m * n;
  const loss = lossesOf(job, trained);
  const check = trained.checkpoints[0];
  const seeds = Array.from({ length: instances }, (_, i): AbsSeed => ({
    seed: job.run.seed + i,
    loss: loss[i],
    lossAtCheck: check.loss[i],
    ...neuronCounts(slice(trained.snapshot.W, i, size), m, n),
    atCheck: neuronCounts(slice(check.W, i, size), m, n),
  }));
  const bestAt = seeds.reduce((a, s, i) => (s.loss < seeds[a].loss ? i : a), 0);
  const W1 = slice(trained.snapshot.W, bestAt, size);
  const W2 = slice(trained.snapshot.W2, bestAt, size);
  const e = absOneSparseError(W1, W2, slice(trained.snapshot.b, bestAt, n), m, n);
  return {
    density,
    config: job.run,
    identity: runIdentity(job.run),
    seeds,
    best: seeds[bestAt],
    neurons: neuronMetrics(W1, m, n).neurons,
    counts: neuronFeatureCounts(W1, m, n),
    idleColumnNorm: idleColumnNorm(W1, m, n),
    computed: absComputedCounts(e),
    oneSparseError: { positive: [...e.positive], negative: [...e.negative] },
    W1,
    W2,
  };
}

function sanityResult(job: Job, trained: ToyCheckpointsResult): AbsSanityResult {
  const { n, m, instances } = job.run;
  const size = m * n;
  const loss = lossesOf(job, trained);
  const pairs = Array.from({ length: instances }, (_, i) =>
    absNeuronPairs(slice(trained.snapshot.W, i, size), slice(trained.snapshot.W2, i, size), m, n),
  );
  const seeds = pairs.map((p, i) => ({
    seed: job.run.seed + i,
    loss: loss[i],
    pairedFeatures: p.pairedFeatures,
  }));
  const b = seeds.reduce((a, s, i) => (s.loss < seeds[a].loss ? i : a), 0);
  const { W, W2, b: bias } = trained.snapshot;
  const e = absOneSparseError(slice(W, b, size), slice(W2, b, size), slice(bias, b, n), m, n);
  return {
    config: job.run,
    identity: runIdentity(job.run),
    seeds,
    best: {
      seed: seeds[b].seed,
      loss: seeds[b].loss,
      pairs: pairs[b],
      computed: absComputedCounts(e),
    },
  };
}

/** Trains the sanity case and every density; writes nothing. */
export async function trainAbsSuperposition(
  o: AbsOptions,
  progress: (fraction: number, label: string) => void,
): Promise<{ sanity: AbsSanityResult; densities: AbsDensityResult[] }> {
  if (o.seeds.length !== o.densities.length) {
    throw new RangeError(
      `seeds must give one count per density (${o.densities.length}), got ${o.seeds.length}`,
    );
  }
  const auto = (await executionTarget()).auto;
  const sanityRun = resolveToyRun({
    model: 'abs',
    n: o.sanity.n,
    m: o.sanity.m,
    sparsity: 0,
    instances: o.sanity.seeds,
    steps: o.sanity.steps,
    seed: 0,
    backend: auto,
    threads: 1,
  });
  const jobs: Job[] = [
    ...o.densities.map((d, k) => {
      const run = absRun(o, d, o.seeds[k], auto);
      return { run, checks: [checkStep(run.steps)] };
    }),
    { run: sanityRun, checks: [checkStep(sanityRun.steps)] },
  ];
  // Densest first: the pool takes tasks in order, so the longest start first.
  const trained = await trainJobs(jobs, progress);
  return {
    sanity: sanityResult(jobs[jobs.length - 1], trained[jobs.length - 1]),
    densities: o.densities.map((d, k) => densityResult(d, jobs[k], trained[k])),
  };
}

/** The claim points: dense (the densest), 0.1 (the densest at or below it) and the sparsest. */
export interface AbsJudgement {
  dense: { density: number; monosemanticFraction: number; holds: boolean };
  appearing: { density: number; polysemanticFraction: number; holds: boolean } | null;
  sparse: { density: number; polysemanticFraction: number; holds: boolean };
  verdict: 'holds' | 'mixed' | 'fails';
}

const fraction = (part: number, s: AbsSeed, m: number) => {
  const alive = m - s.dead;
  return alive > 0 ? part / alive : 0;
};

/**
 * Judges the paper's account on the best seed per density: nearly all alive neurons
 * (≥ 1 − STRAY_FRACTION) monosemantic at the densest; polysemantic neurons appearing by
 * 1 − S = 0.1 (more than STRAY_FRACTION of them); nearly all polysemantic at the sparsest.
 */
export function judgeAbsNeurons(results: AbsDensityResult[], m: number): AbsJudgement {
  const byDensity = [...results].sort((a, b) => b.density - a.density);
  const denseR = byDensity[0];
  const sparseR = byDensity[byDensity.length - 1];
  const midR = byDensity.find((r) => r.density <= 0.1 && r !== denseR) ?? null;
  const mono = fraction(denseR.best.monosemantic, denseR.best, m);
  const polySparse = fraction(sparseR.best.polysemantic, sparseR.best, m);
  const dense = {
    density: denseR.density,
    monosemanticFraction: mono,
    holds: mono >= 1 - STRAY_FRACTION,
  };
  const appearing = midR && {
    density: midR.density,
    polysemanticFraction: fraction(midR.best.polysemantic, midR.best, m),
    holds: fraction(midR.best.polysemantic, midR.best, m) > STRAY_FRACTION,
  };
  const sparse = {
    density: sparseR.density,
    polysemanticFraction: polySparse,
    holds: polySparse >= 1 - STRAY_FRACTION,
  };
  const held = [dense.holds, appearing?.holds ?? false, sparse.holds].filter(Boolean).length;
  return {
    dense,
    appearing,
    sparse,
    verdict: held === 3 ? 'holds' : held === 0 ? 'fails' : 'mixed',
  };
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const sig = (x: number) => Number(x.toPrecision(4));
/** The relative change of the loss over the last fifth (0 where the look back's loss is 0). */
const change = (s: AbsSeed) => (s.lossAtCheck > 0 ? (s.loss - s.lossAtCheck) / s.lossAtCheck : 0);
const fmtChange = (x: number) => `${x >= 0 ? '+' : '−'}${(100 * Math.abs(x)).toFixed(1)}%`;

/** One `toy run` per density (seeds 0, 1, …), a loop per seed count. */
function commandOf(o: AbsOptions): string {
  const bySeeds = new Map<number, number[]>();
  o.densities.forEach((d, k) => bySeeds.set(o.seeds[k], [...(bySeeds.get(o.seeds[k]) ?? []), d]));
  return [...bySeeds.entries()]
    .map(
      ([seeds, ds]) =>
        `for S in ${ds.map(sparsityOf).join(' ')}; do tegum toy run --model abs --n ${o.n} --m ${o.m} --importance decay:${o.decay} --sparsity $S --instances ${seeds} --steps ${o.steps} --json; done`,
    )
    .join(' && ');
}

/** The three report sections from the trained results. */
export function absSections(
  r: { sanity: AbsSanityResult; densities: AbsDensityResult[] },
  o: AbsOptions,
  relDir: string,
): ReportSection[] {
  const { sanity } = r;
  const m = o.m;
  const pairs = sanity.best.pairs;
  const nPaired = sanity.seeds.filter((s) => s.pairedFeatures === o.sanity.n).length;
  const j = judgeAbsNeurons(r.densities, m);
  const fig = (file: string, caption: string) => ({ path: `${relDir}/${file}.svg`, caption });
  const data = [`${relDir}/results.json`, `${relDir}/results.csv`];
  const sparsest = r.densities[r.densities.length - 1];
  const densest = r.densities[0];
  const lastFifth = r.densities
    .map((d) => `${fmtChange(change(d.best))} at 1 − S = ${d.density}`)
    .join(', ');
  const settled = r.densities.every(
    (d) =>
      d.best.atCheck.monosemantic === d.best.monosemantic &&
      d.best.atCheck.polysemantic === d.best.polysemantic,
  );
  return [
    {
      id: 'abs-sanity',
      title: 'Computing |x| with a pair of neurons per feature',
      claim: `With more neurons than features and dense inputs (n = ${o.sanity.n}, m = ${o.sanity.m}, S = 0), the absolute-value model computes each feature as |x| = ReLU(x) + ReLU(−x) (Elhage et al. 2022): in the lowest-loss of ${o.sanity.seeds} seeds, each feature's two neurons with the largest |W₁_kf| have opposite signs, read that feature first, and W₂ routes both back to it.`,
      verdict: pairs.allPaired ? 'holds' : 'fails',
      summary: `Best seed ${sanity.best.seed} (loss ${sanity.best.loss.toExponential(3)}): ${pairs.pairs
        .map(
          (p) =>
            `feature ${p.feature} on neurons ${p.neurons.join(' and ')} (W₁ ${p.inputWeights.map((w) => w.toFixed(2)).join(', ')}; W₂ ${p.outputWeights.map((w) => w.toFixed(2)).join(', ')}${p.paired ? '' : `; not paired: ${[!p.opposite && 'same sign', !p.dedicated && 'shared neuron', !p.routed && 'not routed back'].filter(Boolean).join(', ')}`})`,
        )
        .join(
          '; ',
        )}. Its outputs compute ${sanity.best.computed.bothSigns} of ${o.sanity.n} features on both signs (1-sparse relative error < ${COMPUTED_ERROR}). ${nPaired} of ${sanity.seeds.length} seeds pair every feature.`,
      table: {
        headers: ['seed', 'loss', 'features paired'],
        rows: sanity.seeds.map((s) => [
          s.seed,
          sig(s.loss),
          `${s.pairedFeatures} of ${o.sanity.n}`,
        ]),
      },
      figures: [],
      data: [`${relDir}/sanity.json`],
      command: `tegum toy run --model abs --n ${o.sanity.n} --m ${o.sanity.m} --sparsity 0 --instances ${o.sanity.seeds} --steps ${o.sanity.steps} --save DIR`,
    },
    {
      id: 'abs-neurons',
      title: `Polysemantic neurons as features get sparser (${o.n} features, ${m} neurons)`,
      claim: `The absolute-value model with n = ${o.n}, m = ${m}, importance ${o.decay}^i (Elhage et al. 2022): neurons are monosemantic when features are dense, polysemantic neurons appear by 1 − S = 0.1, and nearly all neurons are polysemantic at 1 − S = ${sparsest.density}. Judged on the lowest-loss seed per density: at least ${pct(1 - STRAY_FRACTION)} of alive neurons (‖W₁_k‖ > ${NEURON_ALIVE_NORM}) monosemantic (top feature ≥ ${MONOSEMANTIC_SHARE} of the row's squared weight) at 1 − S = ${densest.density}; more than ${pct(STRAY_FRACTION)} polysemantic at 1 − S = ${j.appearing?.density ?? 0.1}; at least ${pct(1 - STRAY_FRACTION)} polysemantic at 1 − S = ${sparsest.density}.`,
      verdict: j.verdict,
      summary: `Monosemantic at 1 − S = ${j.dense.density}: ${pct(j.dense.monosemanticFraction)} of alive neurons (${j.dense.holds ? 'holds' : 'fails'}); polysemantic at ${j.appearing ? `1 − S = ${j.appearing.density}: ${pct(j.appearing.polysemanticFraction)} (${j.appearing.holds ? 'holds' : 'fails'})` : '0.1: not trained'}; polysemantic at 1 − S = ${j.sparse.density}: ${pct(j.sparse.polysemanticFraction)} (${j.sparse.holds ? 'holds' : 'fails'}). Loss change over the last fifth of training (best seed): ${lastFifth}; the counts at 4/5 of the steps ${settled ? 'equal the final ones at every density' : 'differ from the final ones somewhere (table)'}.`,
      table: {
        headers: [
          '1 − S',
          'seeds',
          'best seed',
          'loss',
          'loss change, last fifth',
          'monosemantic',
          'polysemantic',
          'dead',
          'mono/poly at 4/5',
        ],
        rows: r.densities.map((d) => [
          d.density,
          d.seeds.length,
          d.best.seed,
          sig(d.best.loss),
          fmtChange(change(d.best)),
          d.best.monosemantic,
          d.best.polysemantic,
          d.best.dead,
          `${d.best.atCheck.monosemantic}/${d.best.atCheck.polysemantic}`,
        ]),
      },
      figures: [
        fig(
          'abs-neuron-counts',
          'Monosemantic, polysemantic and dead neurons of the best seed per density.',
        ),
        fig(
          'abs-weights',
          'W₁ of the best seed at a few densities, neurons sorted by top feature.',
        ),
      ],
      data,
      command: commandOf(o),
    },
    {
      id: 'abs-spread',
      title: 'Neurons per feature and features per neuron',
      claim: `How the features spread over neurons as they get sparser (Elhage et al. 2022: dense features each get their own neurons, sparse ones are packed several to a neuron, letting the model compute more features than a pair of neurons each allows, m/2 = ${m / 2}). A feature is in a neuron when it holds at least ${NEURON_FEATURE_SHARE} of the alive neuron's squared weight; represented when it is in at least one. What the model computes, from its outputs rather than its weights: a feature is computed on a sign when its 1-sparse output's relative squared error against |x| on that sign is below ${COMPUTED_ERROR} (0 exact, 1/4 the best constant, 1 no output); on both signs it has the pair ReLU(x) + ReLU(−x), on one it keeps half of it. Idle ‖W₁_:f‖: the mean column norm over the least important half of the features, ${sig(Math.sqrt((2 * m) / (o.n + m)))} at initialisation; where it stays near that, leftover initial weights dilute every share.`,
      verdict: 'shown',
      summary:
        r.densities
          .map(
            (d) =>
              `1 − S = ${d.density}: ${d.counts.representedFeatures} features represented, ${d.counts.meanNeuronsPerFeature.toFixed(2)} neurons per feature, ${d.counts.meanFeaturesPerNeuron.toFixed(2)} features per alive neuron (max ${Math.max(0, ...d.counts.featuresPerNeuron)}); ${d.computed.bothSigns} features computed on both signs, ${d.computed.oneSign} on one`,
          )
          .join('; ') + '.',
      table: {
        headers: [
          '1 − S',
          'represented features',
          'neurons per feature (mean)',
          'features per neuron (mean)',
          'features per neuron (max)',
          'alive neurons',
          'computed, both signs',
          'computed, one sign',
          'idle ‖W₁_:f‖',
        ],
        rows: r.densities.map((d) => [
          d.density,
          d.counts.representedFeatures,
          sig(d.counts.meanNeuronsPerFeature),
          sig(d.counts.meanFeaturesPerNeuron),
          Math.max(0, ...d.counts.featuresPerNeuron),
          d.counts.aliveNeurons,
          d.computed.bothSigns,
          d.computed.oneSign,
          sig(d.idleColumnNorm),
        ]),
      },
      figures: [
        fig(
          'abs-feature-spread',
          'Features per neuron and neurons per feature (dot area = how many), and features represented.',
        ),
      ],
      data,
      command: commandOf(o),
    },
  ];
}

const tag = (d: number) => String(d).replace('.', 'p');

/** Writes the results, the best seeds' weights and the figures into dir. */
function writeAbs(
  dir: string,
  r: { sanity: AbsSanityResult; densities: AbsDensityResult[] },
  o: AbsOptions,
): void {
  const { n, m } = o;
  // Nothing non-finite is written: checked before the first file.
  assertFinite(r, 'abs-superposition');
  writeFileAtomic(join(dir, 'sanity.json'), JSON.stringify(r.sanity, null, 2) + '\n');
  writeFileAtomic(
    join(dir, 'results.json'),
    JSON.stringify(
      r.densities.map(({ W1: _w1, W2: _w2, ...rest }) => ({
        ...rest,
        weights: { W1: `W1_${tag(rest.density)}.npy`, W2: `W2_${tag(rest.density)}.npy` },
      })),
      null,
      2,
    ) + '\n',
  );
  writeFileAtomic(
    join(dir, 'results.csv'),
    toCsv(
      r.densities.flatMap((d) =>
        d.seeds.map((s) => ({
          density: d.density,
          sparsity: sparsityOf(d.density),
          seed: s.seed,
          best: s === d.best,
          loss: s.loss,
          lossAtCheck: s.lossAtCheck,
          monosemantic: s.monosemantic,
          polysemantic: s.polysemantic,
          dead: s.dead,
          representedFeatures: s === d.best ? d.counts.representedFeatures : null,
          meanNeuronsPerFeature: s === d.best ? d.counts.meanNeuronsPerFeature : null,
          meanFeaturesPerNeuron: s === d.best ? d.counts.meanFeaturesPerNeuron : null,
          computedBothSigns: s === d.best ? d.computed.bothSigns : null,
          computedOneSign: s === d.best ? d.computed.oneSign : null,
        })),
      ),
    ),
  );
  for (const d of r.densities) {
    writeFileAtomic(join(dir, 'weights', `W1_${tag(d.density)}.npy`), encodeNpy(d.W1, [m, n]));
    writeFileAtomic(join(dir, 'weights', `W2_${tag(d.density)}.npy`), encodeNpy(d.W2, [n, m]));
  }
  writeFigure(
    dir,
    'abs-neuron-counts',
    absNeuronCountsFigure(
      r.densities.map((d) => ({
        density: d.density,
        monosemantic: d.best.monosemantic,
        polysemantic: d.best.polysemantic,
        dead: d.best.dead,
      })),
      m,
      { share: MONOSEMANTIC_SHARE, alive: NEURON_ALIVE_NORM },
    ),
  );
  writeFigure(
    dir,
    'abs-feature-spread',
    absFeatureSpreadFigure(
      r.densities.map((d) => ({
        density: d.density,
        featuresPerNeuron: d.counts.featuresPerNeuron.filter((_, k) => d.neurons[k].alive),
        neuronsPerFeature: d.counts.neuronsPerFeature.filter((c) => c > 0),
      })),
      m,
      NEURON_FEATURE_SHARE,
    ),
  );
  // The densest, 0.1 and the sparsest: the three regimes of the claim.
  const shown = [
    ...new Set([0, r.densities.findIndex((d) => d.density <= 0.1), r.densities.length - 1]),
  ]
    .filter((k) => k >= 0)
    .map((k) => r.densities[k]);
  writeFigure(
    dir,
    'abs-weights',
    absWeightsFigure(
      shown.map((d) => ({ density: d.density, W: d.W1, nHidden: m, nFeatures: n })),
      Math.min(n, 40),
    ),
  );
}

/** Runs the experiment into ctx.dir and returns its sections. */
export async function runAbsSuperpositionExperiment(
  ctx: ExperimentContext,
  o: AbsOptions,
): Promise<ReportSection[]> {
  const r = await trainAbsSuperposition(o, (f, label) => ctx.progress(0.95 * f, label));
  writeAbs(ctx.dir, r, o);
  ctx.progress(1);
  return absSections(r, o, ctx.relDir);
}

/** The absolute-value experiment of `tegum reproduce`. */
export const absSuperpositionExperiment: Experiment = {
  id: 'abs-superposition',
  title: 'Computation in superposition',
  quickSeconds: 45,
  run: (ctx) => runAbsSuperpositionExperiment(ctx, ABS_PROFILES[ctx.profile]),
};
