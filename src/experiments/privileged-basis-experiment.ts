/**
 * The privileged basis, reproduced and judged (Elhage et al. 2022, "Privileged Basis"):
 * the neuron model h = ReLU(W x), x' = ReLU(Wᵀh + b) with n = 10 features, m = 5 neurons,
 * importance 0.75^i, trained across density 1 − S from dense to 0.01; per density many
 * seeds as instances of one run, judged on the lowest-loss one as the paper does (it kept
 * the best of 1000), with the spread over seeds beside. The paper's account: every alive
 * neuron monosemantic when features are dense (1 − S ≳ 0.5); polysemantic neurons appear as
 * density falls, features packed into neurons in small groups; every alive neuron
 * polysemantic around 1 − S ≈ 0.05–0.08. Neurons are counted by
 * src/geometry/neuron-metrics.ts (alive ‖W_k‖ > 0.1, monosemantic at share ≥ 0.9) and their
 * groups by src/geometry/neuron-features.ts. The only layer here that touches files.
 */
import { join } from 'node:path';
import { assertFinite } from '../core/finite-guard.js';
import { executionTarget } from '../core/execution-target.js';
import type { ToyState } from '../core/toy-state.js';
import { writeFileAtomic } from '../core/output-batch.js';
import { neuronFeatures } from '../geometry/neuron-features.js';
import type { NeuronSummary } from '../geometry/neuron-metrics.js';
import { resolveToyRun } from '../toy/resolve-toy-run.js';
import { instanceWeights } from '../toy/summarize-instance.js';
import { neuronBarsFigure, neuronWeightsFigure } from '../viz/neuron-figures.js';
import type { Experiment, ExperimentContext, ReportSection, Verdict } from './experiment.js';
import { runToy } from './toy-run.js';
import { writeFigure } from './write-figure.js';

/** The paper's densities 1 − S (its regimes 0.75 … 0.01), with dense 1 and 0.5 added. */
export const PRIVILEGED_BASIS_DENSITIES: readonly number[] = [
  1, 0.75, 0.5, 0.35, 0.15, 0.1, 0.06, 0.02, 0.01,
];

const N = 10;
const M = 5;
const IMPORTANCE = 'decay:0.75';

/** "Dense" in the paper's account: 1 − S ≳ 0.5. */
const DENSE = 0.5;
/** Where the paper sees every alive neuron polysemantic: 1 − S ≈ 0.05–0.08. */
const ALL_POLYSEMANTIC: readonly [number, number] = [0.05, 0.08];
/** "Small groups": at most this many features a polysemantic neuron, on average. */
const SMALL_GROUP = 3;
/** How far the fraction of polysemantic neurons may dip as density falls and still rise. */
const RISE_SLACK = 0.05;

/** How many seeds per density, steps and learning rate (PRIVILEGED_BASIS_PROFILES). */
export interface PrivilegedBasisOptions {
  seeds: number;
  steps: number;
  lr: number;
  /** Default PRIVILEGED_BASIS_DENSITIES. */
  densities?: readonly number[];
}

/** One trained seed's neurons. */
export interface NeuronSeed {
  seed: number;
  loss: number;
  monosemanticNeurons: number;
  polysemanticNeurons: number;
  deadNeurons: number;
  /** [m] per neuron the features it carries (≥ 1/10 of its squared weight). */
  groups: number[][];
}

/** One density: its seeds and the lowest-loss one, with its neurons and W. */
export interface DensityPoint {
  density: number;
  sparsity: number;
  seeds: NeuronSeed[];
  best: NeuronSeed & { neurons: NeuronSummary[]; W: number[] };
}

/** The sparsity of a density, free of float64 residue (1 − 0.06 = 0.94). */
const sparsityOf = (d: number) => Number((1 - d).toPrecision(12));

const commandOf = (o: PrivilegedBasisOptions, densities: readonly number[]) =>
  `tegum toy run --model neuron --n ${N} --m ${M} --importance ${IMPORTANCE} --sparsity ${densities.map(sparsityOf).join(',')} --instances ${densities.length * o.seeds} --steps ${o.steps} --lr ${o.lr} --seed 0 --save DIR --json`;

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const spread = (xs: number[]) => `${mean(xs).toFixed(2)} (${Math.min(...xs)}–${Math.max(...xs)})`;
type Best = DensityPoint['best'];
/** The groups of the best seed's polysemantic neurons. */
const groupsOf = (b: Best) =>
  b.groups.filter((_, k) => b.neurons[k].alive && !b.neurons[k].monosemantic);
/** Mean features per polysemantic neuron, or null with none. */
function groupSize(b: Best): number | null {
  const g = groupsOf(b);
  return g.length === 0 ? null : mean(g.map((x) => x.length));
}
const fmtGroups = (b: Best) =>
  groupsOf(b)
    .map((g) => `{${g.join(',')}}`)
    .join(' ') || '—';
const polyFraction = (s: NeuronSeed) => {
  const alive = s.monosemanticNeurons + s.polysemanticNeurons;
  return alive === 0 ? 0 : s.polysemanticNeurons / alive;
};

/** The three report sections, each verdict computed from the points. */
export function privilegedBasisSections(
  points: DensityPoint[],
  o: PrivilegedBasisOptions,
  relDir: string,
): ReportSection[] {
  const densities = points.map((p) => p.density);
  const command = commandOf(o, densities);
  const data = [`${relDir}/results.json`, `${relDir}/run/results.csv`];
  const bars = {
    path: `${relDir}/neuron-bars.svg`,
    caption: 'Each neuron of the best seed per density as a stacked bar of W_kf², by feature.',
  };
  const weights = {
    path: `${relDir}/neuron-weights.svg`,
    caption: 'W [neurons × features] of the best seed per density.',
  };
  const best = (p: DensityPoint) =>
    `1 − S = ${p.density}: ${p.best.monosemanticNeurons} mono, ${p.best.polysemanticNeurons} poly, ${p.best.deadNeurons} dead`;

  const dense = points.filter((p) => p.density >= DENSE);
  const denseMono = dense.filter(
    (p) => p.best.polysemanticNeurons === 0 && p.best.monosemanticNeurons > 0,
  );
  const v1: Verdict =
    dense.length > 0 && denseMono.length === dense.length
      ? 'holds'
      : denseMono.length > 0
        ? 'mixed'
        : 'fails';
  // A weaker reading of "one feature per neuron": the alive neurons' top features differ.
  const distinct = (p: DensityPoint) => {
    const tops = p.best.neurons.filter((x) => x.alive).map((x) => x.topFeature);
    return new Set(tops).size === tops.length;
  };

  // Judged below the dense regime, which the first claim covers.
  const sparse = points.filter((p) => p.density < DENSE);
  const first = sparse.find((p) => p.best.polysemanticNeurons > 0);
  const fractions = sparse.map((p) => mean(p.seeds.map(polyFraction)));
  // Rising as density falls, but for a drop of up to RISE_SLACK (a seed or so in 16).
  const rising = fractions.every((f, i) => i === 0 || f >= fractions[i - 1] - RISE_SLACK);
  const firstSize = first ? groupSize(first.best) : null;
  const small = firstSize !== null && firstSize <= SMALL_GROUP;
  const v2: Verdict = !first ? 'fails' : rising && small ? 'holds' : 'mixed';

  const around = points.filter(
    (p) => p.density >= ALL_POLYSEMANTIC[0] && p.density <= ALL_POLYSEMANTIC[1],
  );
  const allPoly = around.filter(
    (p) => p.best.monosemanticNeurons === 0 && p.best.polysemanticNeurons > 0,
  );
  const v3: Verdict = around.length > 0 && allPoly.length === around.length ? 'holds' : 'fails';

  return [
    {
      id: 'privileged-basis-dense',
      title: 'A privileged basis: monosemantic neurons when features are dense',
      claim: `With a ReLU on the hidden layer (n = ${N}, m = ${M}, importance 0.75^i), every alive neuron of the lowest-loss seed is monosemantic when features are dense, 1 − S ≥ ${DENSE} (Elhage et al. 2022, "Privileged Basis"). Alive: ‖W_k‖ > 0.1; monosemantic: the top feature holds ≥ 0.9 of the neuron's squared weight.`,
      verdict: v1,
      summary: `Best of ${o.seeds} seeds per density: ${points.map(best).join('; ')}. Dense (1 − S ≥ ${DENSE}): ${denseMono.length} of ${dense.length} densities have every alive neuron monosemantic${dense
        .filter((p) => !denseMono.includes(p))
        .map(
          (p) =>
            `; at 1 − S = ${p.density} the best seed's alive neurons ${distinct(p) ? 'each have a different top feature' : 'share top features'}, with shares ${p.best.neurons
              .filter((x) => x.alive)
              .map((x) => x.share.toFixed(2))
              .join(', ')}`,
        )
        .join('')}.`,
      table: {
        headers: [
          '1 − S',
          'best seed',
          'loss',
          'mono',
          'poly',
          'dead',
          'top features distinct',
          `mono over ${o.seeds} seeds: mean (min–max)`,
          'poly over seeds',
          'dead over seeds',
        ],
        rows: points.map((p) => [
          p.density,
          p.best.seed,
          Number(p.best.loss.toPrecision(4)),
          p.best.monosemanticNeurons,
          p.best.polysemanticNeurons,
          p.best.deadNeurons,
          distinct(p) ? 'yes' : 'no',
          spread(p.seeds.map((s) => s.monosemanticNeurons)),
          spread(p.seeds.map((s) => s.polysemanticNeurons)),
          spread(p.seeds.map((s) => s.deadNeurons)),
        ]),
      },
      figures: [bars, weights],
      data,
      command,
    },
    {
      id: 'privileged-basis-appear',
      title: 'Polysemantic neurons appear as density falls, features in small groups',
      claim: `Below the dense regime (1 − S < ${DENSE}), polysemantic neurons appear in the lowest-loss seed and become more common as density falls (the fraction of alive neurons polysemantic, mean over seeds, never drops by more than ${RISE_SLACK}), each packing a small group of features (at most ${SMALL_GROUP} on average where they first appear; a feature is in a neuron when it holds ≥ 1/10 of its squared weight).`,
      verdict: v2,
      summary: !first
        ? `No best seed below 1 − S = ${DENSE} has a polysemantic neuron.`
        : `Polysemantic neurons first appear below the dense regime at 1 − S = ${first.density} (${first.best.polysemanticNeurons} of ${M}, groups ${fmtGroups(first.best)}, ${firstSize === null ? '—' : firstSize.toFixed(2)} features each on average). The fraction of alive neurons that are polysemantic, mean over seeds: ${points.map((p) => `${(100 * mean(p.seeds.map(polyFraction))).toFixed(0)}% at ${p.density}`).join(', ')}${rising ? '' : ' (it falls somewhere below the dense regime)'}.`,
      table: {
        headers: [
          '1 − S',
          'poly (best)',
          'groups (best)',
          'features per poly neuron (best)',
          'alive neurons polysemantic, mean over seeds',
        ],
        rows: points.map((p) => {
          const g = groupSize(p.best);
          return [
            p.density,
            p.best.polysemanticNeurons,
            fmtGroups(p.best),
            g === null ? null : Number(g.toFixed(2)),
            `${(100 * mean(p.seeds.map(polyFraction))).toFixed(0)}%`,
          ];
        }),
      },
      figures: [bars],
      data,
      command,
    },
    {
      id: 'privileged-basis-sparse',
      title: 'Every alive neuron polysemantic around 1 − S ≈ 0.05–0.08',
      claim: `Around 1 − S ≈ ${ALL_POLYSEMANTIC[0]}–${ALL_POLYSEMANTIC[1]} every alive neuron of the lowest-loss seed is polysemantic. The table lists the best seed's neurons at every density.`,
      verdict: v3,
      summary:
        around.length === 0
          ? `No density in [${ALL_POLYSEMANTIC.join(', ')}] was run.`
          : `${around.map(best).join('; ')}: ${allPoly.length} of ${around.length} such densities have no monosemantic neuron. Elsewhere: ${points
              .filter((p) => !around.includes(p))
              .map(best)
              .join('; ')}.`,
      table: {
        headers: ['1 − S', 'neuron', '‖W_k‖', 'top feature', 'share', 'features', 'neuron is'],
        rows: points.flatMap((p) =>
          p.best.neurons.map((x, k) => [
            p.density,
            x.index,
            Number(x.norm.toFixed(3)),
            x.topFeature,
            Number(x.share.toFixed(3)),
            `{${p.best.groups[k].join(',')}}`,
            x.monosemantic ? 'monosemantic' : x.alive ? 'polysemantic' : 'dead',
          ]),
        ),
      },
      figures: [bars, weights],
      data,
      command,
    },
  ];
}

/** Trains every density's seeds as one run into ctx.dir and returns the sections. */
export async function runPrivilegedBasisExperiment(
  ctx: ExperimentContext,
  o: PrivilegedBasisOptions,
): Promise<ReportSection[]> {
  const densities = o.densities ?? PRIVILEGED_BASIS_DENSITIES;
  const target = await executionTarget();
  const run = resolveToyRun(
    {
      model: 'neuron',
      n: N,
      m: M,
      importance: IMPORTANCE,
      sparsity: densities.map(sparsityOf),
      instances: densities.length * o.seeds,
      steps: o.steps,
      lr: o.lr,
      seed: 0,
    },
    target,
  );
  let trained: ToyState | undefined;
  const result = await runToy({
    run,
    save: join(ctx.dir, 'weights'),
    out: join(ctx.dir, 'run'),
    figures: [],
    onProgress: (p) => ctx.progress(p.step / p.steps, 'privileged basis'),
    onTrained: (state) => (trained = state),
  });
  const state = trained;
  if (!state) throw new Error('privileged basis: runToy gave no trained state');
  const readW = (i: number) => instanceWeights(state, i);
  const points: DensityPoint[] = densities.map((density, d) => {
    // Instances come in blocks of o.seeds per sparsity, in the order given.
    const rows = result.instances.slice(d * o.seeds, (d + 1) * o.seeds);
    if (rows.some((r) => r.sparsity !== sparsityOf(density))) {
      throw new Error(`privileged basis: instances of 1 − S = ${density} out of order`);
    }
    const Ws = rows.map((r) => readW(r.instance));
    const seeds: NeuronSeed[] = rows.map((r, k) => {
      const mono = r.monosemanticNeurons ?? 0;
      const poly = r.polysemanticNeurons ?? 0;
      return {
        seed: r.seed,
        loss: r.loss,
        monosemanticNeurons: mono,
        polysemanticNeurons: poly,
        deadNeurons: M - mono - poly,
        groups: neuronFeatures(Ws[k], M, N),
      };
    });
    const b = seeds.reduce((a, x, k) => (x.loss < seeds[a].loss ? k : a), 0);
    return {
      density,
      sparsity: rows[0].sparsity,
      seeds,
      best: { ...seeds[b], neurons: rows[b].neurons ?? [], W: Array.from(Ws[b]) },
    };
  });
  const body = { config: result.config, identity: result.identity, points };
  assertFinite(body, 'privileged basis');
  writeFileAtomic(join(ctx.dir, 'results.json'), JSON.stringify(body, null, 2) + '\n');
  const panels = points.map((p) => ({
    title: `1 − S = ${p.density}`,
    W: p.best.W,
    nHidden: M,
    nFeatures: N,
  }));
  writeFigure(
    ctx.dir,
    'neuron-bars',
    neuronBarsFigure(panels, { title: 'A privileged basis: the best seed’s neurons by density' }),
  );
  writeFigure(
    ctx.dir,
    'neuron-weights',
    neuronWeightsFigure(panels, { title: 'A privileged basis: the best seed’s W by density' }),
  );
  ctx.progress(1);
  return privilegedBasisSections(points, o, ctx.relDir);
}

/** Each profile's settings, a reason on each line. */
export const PRIVILEGED_BASIS_PROFILES: Record<'quick' | 'full', PrivilegedBasisOptions> = {
  quick: {
    seeds: 16, // the best of 16 per density (the paper kept the best of 1000)
    // 2,000 steps at 1e-2: over the last fifth the mean loss over seeds falls < 0.3% at every
    // density ≥ 0.1 and < 2.5% below (where 16 evaluation batches are noisy), and the best
    // seeds' < 0.3%; at the notebook's 1e-3, 3,000 steps still fell 2–7%.
    steps: 2000,
    lr: 1e-2,
  },
  full: {
    seeds: 128, // ≥ 128 seeds per density
    steps: 10_000, // the paper's notebook
    lr: 1e-3, // the paper's notebook
  },
};

/** The privileged-basis experiment of `tegum reproduce`. */
export const privilegedBasisExperiment: Experiment = {
  id: 'privileged-basis',
  title: 'A privileged basis: neurons',
  quickSeconds: 30,
  run: (ctx) => runPrivilegedBasisExperiment(ctx, PRIVILEGED_BASIS_PROFILES[ctx.profile]),
};
