/**
 * The correlation road to tegum products (Elhage et al. 2022, "Superposition and
 * correlated features"), reproduced and judged: toy models with n = 4
 * features in m = 2 dimensions at S = 0.9, trained on two correlated pairs and on two
 * anticorrelated pairs, and n = 6 in m = 2 on two correlated sets of 3 (more correlated
 * features than room). Per setup several seeds, judged on the lowest-loss one as the paper
 * does; the rates over seeds are reported beside. The only correlation layer that touches
 * files and the clock.
 */
import { join } from 'node:path';
import { useBackend } from '../core/backend.js';
import type { ResolvedToyRun } from '../toy/toy-run-schema.js';
import { correlationArrowsFigure } from '../viz/correlation-figures.js';
import {
  CORRELATION_TOLERANCES,
  setGeometries,
  type SetGeometry,
} from '../toy/correlation-analysis.js';
import { measureToyRun } from '../toy/measure-toy-run.js';
import { resolveToyRun } from '../toy/resolve-toy-run.js';
import { instanceWeights } from '../toy/summarize-instance.js';
import { trainToyModels } from '../toy/train-toy.js';
import type { Experiment, ExperimentContext, ReportSection } from './experiment.js';
import { runIdentity } from '../core/run-identity.js';
import { writeFigure } from './write-figure.js';
import { writeFileAtomic } from '../core/output-batch.js';

/** The sparsity of every setup: the paper's "sparse" regime. */
const S = 0.9;

/** A setup: the model's shape and its data's sets, as `toy run` flags would give them. */
interface Setup {
  id: string;
  title: string;
  n: number;
  m: number;
  correlated: number[][];
  anticorrelated: number[][];
}

const SETUPS: Setup[] = [
  {
    id: 'correlated-pairs',
    title: 'correlated pairs',
    n: 4,
    m: 2,
    correlated: [
      [0, 1],
      [2, 3],
    ],
    anticorrelated: [],
  },
  {
    id: 'anticorrelated-pairs',
    title: 'anticorrelated pairs',
    n: 4,
    m: 2,
    correlated: [],
    anticorrelated: [
      [0, 1],
      [2, 3],
    ],
  },
  {
    id: 'correlated-sets-of-3',
    title: 'two correlated sets of 3',
    n: 6,
    m: 2,
    correlated: [
      [0, 1, 2],
      [3, 4, 5],
    ],
    anticorrelated: [],
  },
];

/** One trained seed of a setup, measured. */
export interface CorrelationInstance {
  seed: number;
  loss: number;
  /** Its tegum factors, labelled, and their features. */
  factors: string[];
  factorFeatures: number[][];
  sets: SetGeometry[];
  /** [2, n] W, for the figure. */
  W: number[];
}

/** A setup's seeds. */
export interface CorrelationSetupResult {
  setup: Setup;
  config: ResolvedToyRun;
  identity: string;
  instances: CorrelationInstance[];
  best: CorrelationInstance;
}

/** How many seeds and steps (quick: 8 seeds; full: 32; both the notebook's 10,000 steps). */
export interface CorrelationOptions {
  seeds: number;
  steps: number;
}

const setsFlags = (s: Setup) =>
  [
    s.correlated.length ? `--correlated '${s.correlated.map((f) => f.join(',')).join(';')}'` : '',
    s.anticorrelated.length
      ? `--anticorrelated '${s.anticorrelated.map((f) => f.join(',')).join(';')}'`
      : '',
  ]
    .filter(Boolean)
    .join(' ');

const commandOf = (s: Setup, o: CorrelationOptions) =>
  `tegum toy run --n ${s.n} --m ${s.m} --sparsity ${S} --instances ${o.seeds} --steps ${o.steps} ${setsFlags(s)} --json`;

/** Trains and measures one setup on this thread (the models are tiny). */
function runSetup(
  setup: Setup,
  o: CorrelationOptions,
  onProgress: (fraction: number) => void,
): CorrelationSetupResult {
  const config = resolveToyRun({
    instances: o.seeds,
    n: setup.n,
    m: setup.m,
    sparsity: S,
    correlated: setup.correlated,
    anticorrelated: setup.anticorrelated,
    steps: o.steps,
    seed: 0,
  });
  const { state } = trainToyModels(config, (p) => onProgress(p.step / p.steps));
  const instances = measureToyRun(config, state).map((r, i) => {
    const W = Array.from(instanceWeights(state, i));
    return {
      seed: r.seed,
      loss: r.loss,
      factors: r.factors.map((f) => `${f.label} {${f.features.join(',')}}`),
      factorFeatures: r.factors.map((f) => f.features),
      sets: setGeometries(W, setup.m, setup.n, setup, r.factors),
      W,
    };
  });
  const best = instances.reduce((a, b) => (b.loss < a.loss ? b : a));
  return { setup, config, identity: runIdentity(config), instances, best };
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');
const count = (xs: CorrelationInstance[], ok: (r: CorrelationInstance) => boolean) =>
  xs.filter(ok).length;
const cosOf = (s: SetGeometry) => s.cosines.map((c) => fmt(c.cos)).join(' ');

/** The four report sections from the three setups' results. */
export function correlationSections(
  results: CorrelationSetupResult[],
  o: CorrelationOptions,
  relDir: string,
): ReportSection[] {
  const [corr, anti, sets3] = results;
  const N = o.seeds;
  const tol = CORRELATION_TOLERANCES;
  const figure = {
    path: `${relDir}/correlation-arrows.svg`,
    caption: 'W’s columns of the lowest-loss seed of each setup.',
  };
  const data = (r: CorrelationSetupResult) => `${relDir}/${r.setup.id}/results.json`;
  const bestLine = (r: CorrelationSetupResult) =>
    `best seed ${r.best.seed} (loss ${r.best.loss.toExponential(3)})`;
  const perSeed = (r: CorrelationSetupResult, extra: (x: CorrelationInstance) => string[]) => ({
    headers: [
      'seed',
      'loss',
      ...r.best.sets.map((s) => `cos within {${s.features.join(',')}}`),
      'judged',
      'tegum factors',
    ],
    rows: r.instances.map((x) => [
      x.seed,
      Number(x.loss.toPrecision(4)),
      ...x.sets.map(cosOf),
      ...extra(x),
      x.factors.join(' + '),
    ]),
  });

  const orthogonal = (x: CorrelationInstance) => x.sets.every((s) => s.orthogonal);
  const antipodal = (x: CorrelationInstance) => x.sets.every((s) => s.antipodal);
  const collapsed = (x: CorrelationInstance) => x.sets.every((s) => s.collapsed);
  const nOrth = count(corr.instances, orthogonal);
  const nAnti = count(anti.instances, antipodal);
  const nCollapse = count(sets3.instances, collapsed);
  const meanPc = (x: CorrelationInstance) =>
    x.sets.reduce((s, g) => s + g.pcCaptured, 0) / x.sets.length;
  const yes = (b: boolean) => (b ? 'yes' : 'no');

  const spread = (r: CorrelationSetupResult) =>
    count(r.instances, (x) => x.sets.every((s) => s.spreadAcrossFactors));
  const oneEach = (r: CorrelationSetupResult) =>
    count(r.instances, (x) => x.sets.every((s) => s.oneFactor));
  const relation = (x: CorrelationInstance) =>
    x.sets.every((s) => s.oneFactor)
      ? 'a factor per set'
      : x.sets.every((s) => s.spreadAcrossFactors)
        ? 'the sets spread across factors'
        : x.factorFeatures.length === 1
          ? 'one factor holding every represented feature'
          : 'sets sharing factors';

  return [
    {
      id: 'correlation-orthogonal',
      title: 'Correlated features: local orthogonal bases',
      claim: `Correlated features prefer to be orthogonal (Elhage et al. 2022): with two correlated pairs {0,1}, {2,3} in m = 2 (n = 4, S = ${S}), the lowest-loss seed puts each pair at right angles (|cos| ≤ ${tol.cosine}, both ‖W_i‖ > ${tol.norm}), the pairs sharing the plane in superposition.`,
      verdict: orthogonal(corr.best) ? 'holds' : 'fails',
      summary: `${bestLine(corr)}: cos within the pairs ${corr.best.sets.map(cosOf).join(' and ')}; factors ${corr.best.factors.join(' + ')}. ${nOrth} of ${N} seeds have both pairs orthogonal.`,
      table: perSeed(corr, (x) => [yes(orthogonal(x))]),
      figures: [figure],
      data: [data(corr)],
      command: commandOf(corr.setup, o),
    },
    {
      id: 'correlation-antipodal',
      title: 'Anticorrelated features: antipodal pairs',
      claim: `Anticorrelated features prefer to be antipodal (Elhage et al. 2022): with two anticorrelated pairs {0,1}, {2,3} in m = 2 (n = 4, S = ${S}), the lowest-loss seed puts each pair opposite (cos ≤ −${1 - tol.cosine}), one antipodal pair per set.`,
      verdict: antipodal(anti.best) ? 'holds' : 'fails',
      summary: `${bestLine(anti)}: cos within the pairs ${anti.best.sets.map(cosOf).join(' and ')}; factors ${anti.best.factors.join(' + ')}. ${nAnti} of ${N} seeds have both pairs antipodal${nAnti < N ? `; the lowest loss of the others is ${Math.min(...anti.instances.filter((x) => !antipodal(x)).map((x) => x.loss)).toExponential(3)}` : ''}.`,
      table: perSeed(anti, (x) => [yes(antipodal(x))]),
      figures: [figure],
      data: [data(anti)],
      command: commandOf(anti.setup, o),
    },
    {
      id: 'correlation-collapse',
      title: 'More correlated features than room: collapse onto principal components',
      claim: `With more correlated features than dimensions the model collapses a set onto its principal components (Elhage et al. 2022): two correlated sets of 3 in m = 2 (n = 6, S = ${S}); in the lowest-loss seed each set's features share fewer directions than features (cos ≥ ${1 - tol.cosine} within a group) and the subspace the set is read through holds its top principal component, the uniform direction 1/√3 (≥ ${tol.captured * 100}%; a random plane of R³ holds 2/3 of it on average).`,
      verdict: collapsed(sets3.best) ? 'holds' : 'fails',
      summary: `${bestLine(sets3)}: directions per set ${sets3.best.sets.map((s) => s.directions).join(', ')}, principal component held ${sets3.best.sets.map((s) => `${(100 * s.pcCaptured).toFixed(1)}%`).join(', ')}; factors ${sets3.best.factors.join(' + ')}. ${nCollapse} of ${N} seeds collapse both sets; mean principal component held over seeds ${((100 * sets3.instances.reduce((s, x) => s + meanPc(x), 0)) / N).toFixed(1)}%.`,
      table: perSeed(sets3, (x) => [
        `${yes(collapsed(x))} (directions ${x.sets.map((s) => s.directions).join('/')}, PC ${x.sets.map((s) => (100 * s.pcCaptured).toFixed(0) + '%').join('/')})`,
      ]),
      figures: [figure],
      data: [data(sets3)],
      command: commandOf(sets3.setup, o),
    },
    {
      id: 'correlation-factors',
      title: 'Do the tegum factors follow the correlation structure?',
      claim:
        'The tegum-factor analysis of the same models: a factor per set, or the sets spread across factors?',
      verdict: 'shown',
      summary: `${results.map((r) => `${r.setup.title}: a factor per set in ${oneEach(r)} of ${N} seeds, the sets spread across factors (no factor holding two features of one set) in ${spread(r)}, otherwise sets sharing factors; the best seed: ${relation(r.best)} (${r.best.factors.join(' + ')})`).join('. ')}.`,
      table: {
        headers: [
          'setup',
          'seeds',
          'a factor per set',
          'sets spread across factors',
          'best seed’s factors',
        ],
        rows: results.map((r) => [
          r.setup.title,
          N,
          oneEach(r),
          spread(r),
          r.best.factors.join(' + '),
        ]),
      },
      figures: [figure],
      data: results.map(data),
      command: results.map((r) => commandOf(r.setup, o)).join(' && '),
    },
  ];
}

/** Runs the three setups into ctx.dir and returns the sections. */
export async function runCorrelationExperiment(
  ctx: ExperimentContext,
  o: CorrelationOptions,
): Promise<ReportSection[]> {
  await useBackend('wasm');
  const results = SETUPS.map((setup, k) => {
    const r = runSetup(setup, o, (f) => ctx.progress((k + f) / SETUPS.length, setup.id));
    writeFileAtomic(
      join(ctx.dir, setup.id, 'results.json'),
      JSON.stringify(
        {
          setup: r.setup,
          config: r.config,
          identity: r.identity,
          best: r.best.seed,
          instances: r.instances,
        },
        null,
        2,
      ) + '\n',
    );
    return r;
  });
  writeFigure(
    ctx.dir,
    'correlation-arrows',
    correlationArrowsFigure(
      results.map((r) => ({
        title: r.setup.title,
        W: r.best.W,
        nFeatures: r.setup.n,
        correlated: r.setup.correlated,
        anticorrelated: r.setup.anticorrelated,
      })),
    ),
  );
  ctx.progress(1);
  return correlationSections(results, o, ctx.relDir);
}

/** The correlation experiment of `tegum reproduce`. */
export const correlationExperiment: Experiment = {
  id: 'correlation',
  title: 'Correlated features',
  quickSeconds: 25,
  run: (ctx) =>
    runCorrelationExperiment(ctx, {
      seeds: ctx.profile === 'quick' ? 8 : 32,
      steps: 10_000,
    }),
};
