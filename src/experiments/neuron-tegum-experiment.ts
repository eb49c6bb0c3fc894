/**
 * Tegum factors in a privileged basis (docs/ARCHITECTURE.md §4; src/toy/neuron-tegum-map.ts
 * states it): the claim
 * map's n = 20 features in m = 6 dimensions over density × importance decay, for the
 * neuron model beside the ReLU-output control, several seeds per cell, on the sweep
 * engine (the `toy` kind, the model an axis; store under neuron-tegum-sweep/). Two
 * sections: does the seed's claim hold with a privileged basis, and do the factors live
 * on their own neurons. Writes runs.csv, alignment.csv, data.json and the figure
 * neuron-tegum.svg/.png.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../core/output-batch.js';
import type { StoredFactorAlignment } from '../geometry/factor-neuron-alignment.js';
import type { CellValue } from '../sweep/result-store.js';
import {
  ALIGNED,
  NEURON_TEGUM_GRIDS,
  neuronTegumMap,
  neuronTegumSpec,
  type AlignmentStats,
  type NeuronTegumGrid,
  type NeuronTegumModelMap,
  type NeuronTegumRun,
} from '../toy/neuron-tegum-map.js';
import { meanFactorDim, rhoText } from '../toy/tegum-analysis.js';
import { TOY_MODELS, type ToyModel } from '../toy/toy-run-schema.js';
import { neuronTegumFigure } from '../viz/neuron-tegum-figure.js';
import { claimMapRunOf } from './claim-map-experiment.js';
import type { Experiment, ReportSection, Verdict } from './experiment.js';
import { runGridSweep } from './run-grid-sweep.js';
import { toCsv } from './to-csv.js';
import { writeFigure } from './write-figure.js';

/** Where the map's runs come from: the sweep engine, or (in tests) a constructed source. */
export type NeuronTegumSource = (
  grid: NeuronTegumGrid,
  onProgress: (fraction: number) => void,
) => Promise<NeuronTegumRun[]>;

/** A stored `toy` job as a map run: the claim map's reading plus the model and the alignment. */
export function neuronTegumRunOf(
  r: Readonly<Record<string, CellValue>>,
  index: number,
): NeuronTegumRun {
  const model = String(r.model) as ToyModel;
  if (!TOY_MODELS.includes(model)) {
    throw new RangeError(`model must be one of ${TOY_MODELS.join(', ')}, got '${String(r.model)}'`);
  }
  return {
    ...claimMapRunOf(r, index),
    model,
    alignment: (r.neuronAlignment ?? []) as StoredFactorAlignment[],
  };
}

/** The grid on the sweep engine: jobs stored (and reused) in `dir`'s DuckDB store. */
export function neuronTegumSweepSource(dir: string): NeuronTegumSource {
  return async (grid, onProgress) =>
    (await runGridSweep(neuronTegumSpec(grid), dir, onProgress)).map(neuronTegumRunOf);
}

/**
 * Neuron-aligned: the neuron model's factors are on average at least halfway from a random
 * subspace of their dimension to their own r neurons, and a quarter of that way beyond the
 * control's. Not: less than a tenth of the way beyond the control, or less than a quarter
 * from random.
 */
export const ALIGNMENT_VERDICT = {
  holdsExcess: 0.5,
  holdsMargin: 0.25,
  failsMargin: 0.1,
  failsExcess: 0.25,
};

/** The alignment question's verdict from the neuron model's and the control's excess. */
export function alignmentVerdict(neuron: AlignmentStats, control: AlignmentStats): Verdict {
  if (neuron.excess === null || control.excess === null) return 'mixed';
  const margin = neuron.excess - control.excess;
  const t = ALIGNMENT_VERDICT;
  if (neuron.excess >= t.holdsExcess && margin >= t.holdsMargin) return 'holds';
  if (margin < t.failsMargin || neuron.excess < t.failsExcess) return 'fails';
  return 'mixed';
}

/** The verdict over rows: every row's, when they agree; mixed otherwise. */
export function rowsVerdict(map: NeuronTegumModelMap): Verdict {
  const v = map.rows.map((r) => r.analysis.verdict);
  return v.every((x) => x === v[0]) ? v[0] : 'mixed';
}

const num = (x: number | null, digits = 2) => (x === null ? '–' : x.toFixed(digits));
const sOf = (p: number) => Number((1 - p).toFixed(3));

/** The alignment of a set of factors in words: '0.93 ± 0.08 over 40 factors (random 0.61, floor 0.30)'. */
export function statsText(s: AlignmentStats): string {
  return s.mean === null
    ? `no factor narrower than the hidden space (${s.spanning} spanning it)`
    : `${num(s.mean)} ± ${num(s.sd)} over ${s.factors} factors (a random subspace of the same dimension ${num(s.random)}, the floor r/m ${num(s.floor)}; ${Math.round(100 * (s.aligned ?? 0))}% at ≥ ${ALIGNED}; excess over random ${num(s.excess)}${s.spanning ? `; ${s.spanning} spanning all dimensions left out` : ''})`;
}

/**
 * The seed's claim per model and row, in words, with the sparsity from which every seed's
 * represented features form one factor spanning all m dimensions (where the dimension's
 * growth ends, and the factors stop telling neurons apart).
 */
export function claimSummary(maps: readonly NeuronTegumModelMap[], nHidden: number): string {
  return maps
    .map(
      (m) =>
        `${m.model}: ` +
        m.rows
          .map((r) => {
            const own = m.cells
              .filter((c) => c.decay === r.decay)
              .sort((a, b) => b.density - a.density);
            const i = own.findIndex((c, j) =>
              own.slice(j).every((x) => x.meanK === 1 && x.meanFactorDim === nHidden),
            );
            const spanning =
              i < 0
                ? `never one factor spanning all ${nHidden} dimensions`
                : `one factor spanning all ${nHidden} dimensions from S = ${sOf(own[i].density)}`;
            return `r = ${r.decay} ${r.analysis.verdict} (ρ(S, dim) ${rhoText(r.analysis.rhoDim, 'the mean factor dimension')}, ρ(S, k) ${rhoText(r.analysis.rhoK, 'k')}; ${spanning})`;
          })
          .join(', '),
    )
    .join('; ');
}

/** The alignment per model and how it moves with S, in words. */
export function alignmentSummary(maps: readonly NeuronTegumModelMap[]): string {
  return maps
    .map((m) => {
      const pts = m.alignmentPoints.filter((p) => p.mean !== null);
      const along = pts.length
        ? `; by S: ${pts.map((p) => `${sOf(p.density)}: ${num(p.mean)}`).join(', ')}; ρ(S, excess over random) ${rhoText(m.rhoExcess, 'the excess')}`
        : '';
      return `${m.model}: mean alignment ${statsText(m.overall)}${along}`;
    })
    .join('. ');
}

/** Runs the map, writes its data and figure under `out`, and returns its two report sections. */
export async function runNeuronTegum(opts: {
  grid: NeuronTegumGrid;
  out: string;
  relDir: string;
  full: boolean;
  source?: NeuronTegumSource;
  onProgress?: (fraction: number, label?: string) => void;
}): Promise<ReportSection[]> {
  const { grid, out, relDir } = opts;
  const progress = opts.onProgress ?? (() => undefined);
  const jobs = grid.models.length * grid.decays.length * grid.densities.length * grid.seeds;
  const runs = await (opts.source ?? neuronTegumSweepSource(join(out, 'neuron-tegum-sweep')))(
    grid,
    (f) => progress(0.95 * f, `${jobs} jobs on the sweep engine`),
  );
  const maps = neuronTegumMap(grid, runs);
  writeFigure(out, 'neuron-tegum', neuronTegumFigure(maps, grid));
  const runRows = runs.map((r) => {
    const used = r.alignment.filter((f) => f.dim < grid.nHidden);
    return {
      model: r.model,
      decay: r.job.decay,
      density: r.job.density,
      sparsity: sOf(r.job.density),
      seed: r.job.seed,
      loss: r.summary.loss,
      k: r.summary.k,
      meanFactorDim: meanFactorDim(r.summary),
      meanAlignment: used.length ? used.reduce((s, f) => s + f.alignment, 0) / used.length : null,
      factors: r.alignment
        .map(
          (f) => `${f.features.length}/${f.dim}@${f.alignment.toFixed(3)}[${f.neurons.join(',')}]`,
        )
        .join(' '),
    };
  });
  const alignmentRows = maps.flatMap((m) =>
    m.alignmentCells.map((c) => ({ ...c, sparsity: sOf(c.density) })),
  );
  const files: [string, string][] = [
    [join(out, 'runs.csv'), toCsv(runRows)],
    [join(out, 'alignment.csv'), toCsv(alignmentRows)],
    [
      join(out, 'data.json'),
      JSON.stringify(
        {
          grid,
          spec: neuronTegumSpec(grid),
          maps: maps.map((m) => ({
            ...m,
            rows: m.rows.map((r) => ({ decay: r.decay, ...r.analysis })),
          })),
        },
        null,
        2,
      ) + '\n',
    ],
  ];
  for (const [path, text] of files) writeFileAtomic(path, text);
  progress(1, 'done');

  const neuron = maps.find((m) => m.model === 'neuron') ?? maps[maps.length - 1];
  const control = maps.find((m) => m !== neuron) ?? maps[0];
  const command = `tegum reproduce --only neuron-tegum${opts.full ? ' --full' : ''}   # seeds 0..${grid.seeds - 1} per cell`;
  const data = ['runs.csv', 'alignment.csv', 'data.json'].map((f) => `${relDir}/${f}`);
  const figures = [
    {
      path: `${relDir}/neuron-tegum.svg`,
      caption: `Top: mean feature-weighted tegum-factor dimension per cell for ${maps.map((m) => m.model).join(' and ')}, and the seed's claim judged per row. Bottom: mean alignment of the factors narrower than m with the hidden basis, and per S against a random subspace of the same dimension (dashed).`,
    },
  ];
  const shape = `n = ${grid.nFeatures}, m = ${grid.nHidden}, ${grid.seeds} seeds a cell, ${grid.steps} steps`;
  const claimVerdict = rowsVerdict(neuron);
  const agree = neuron.rows.filter(
    (r, i) => r.analysis.verdict === control.rows[i]?.analysis.verdict,
  ).length;
  const claimSection: ReportSection = {
    id: 'neuron-tegum-claim',
    title: `The seed's claim with a privileged basis: ${grid.nFeatures} features in ${grid.nHidden} neurons`,
    claim: `Does the seed's claim — as S → 1 the tegum factors grow in dimension and k falls — hold for the ${neuron.model} model (h = ReLU(W x), a privileged basis) as for the ${control.model} model at the same n, m, S? Judged along each importance row by Spearman ρ, as the claim map judges it.`,
    verdict: claimVerdict,
    summary: `${shape}. ${claimSummary(maps, grid.nHidden)}. The two models' row verdicts agree on ${agree} of ${neuron.rows.length} rows.`,
    table: {
      headers: [
        'model',
        'decay r',
        'verdict',
        'ρ(S, dim)',
        'ρ(S, k)',
        ...grid.densities.map((p) => `S = ${sOf(p)}`),
      ],
      rows: maps.flatMap((m) =>
        m.rows.map((r) => [
          m.model,
          r.decay,
          r.analysis.verdict,
          r.analysis.rhoDim === null ? null : Number(r.analysis.rhoDim.toFixed(2)),
          r.analysis.rhoK === null ? null : Number(r.analysis.rhoK.toFixed(2)),
          ...grid.densities.map((p) => {
            const c = m.cells.find((x) => x.decay === r.decay && x.density === p);
            return c ? `k ${c.meanK.toFixed(1)}, dim ${c.meanFactorDim.toFixed(2)}` : null;
          }),
        ]),
      ),
    },
    figures,
    data,
    command,
  };
  const point = (m: NeuronTegumModelMap, p: number) =>
    m.alignmentPoints.find((x) => x.density === p);
  const alignmentSection: ReportSection = {
    id: 'neuron-tegum-alignment',
    title: 'Do tegum factors live on their own neurons?',
    claim: `In the ${neuron.model} model a tegum factor of dimension r sits on its own r neurons: its subspace's energy on its r best neurons, over r, is near 1 — unlike the ${control.model} control, whose hidden basis the loss does not see — rather than near a random r-subspace's value.`,
    verdict: alignmentVerdict(neuron.overall, control.overall),
    summary: `${shape}. ${alignmentSummary(maps)}. Verdict: holds when the ${neuron.model} model's mean excess over random is ≥ ${ALIGNMENT_VERDICT.holdsExcess} and ≥ ${ALIGNMENT_VERDICT.holdsMargin} above the control's; fails when < ${ALIGNMENT_VERDICT.failsMargin} above the control's or < ${ALIGNMENT_VERDICT.failsExcess}.`,
    table: {
      headers: [
        'S',
        ...maps.flatMap((m) => [
          `${m.model}: alignment ± sd (factors)`,
          `${m.model}: ≥ ${ALIGNED}`,
        ]),
        `random r-subspace (${neuron.model}'s r)`,
        `floor r/m (${neuron.model}'s r)`,
      ],
      rows: grid.densities.map((p) => {
        const own = point(neuron, p);
        return [
          sOf(p),
          ...maps.flatMap((m) => {
            const x = point(m, p);
            return x && x.mean !== null
              ? [`${num(x.mean)} ± ${num(x.sd)} (${x.factors})`, num(x.aligned)]
              : ['–', '–'];
          }),
          own ? num(own.random) : '–',
          own ? num(own.floor) : '–',
        ];
      }),
    },
    figures,
    data,
    command,
  };
  return [claimSection, alignmentSection];
}

/** The experiment: the quick or full grid of NEURON_TEGUM_GRIDS. */
export const neuronTegumExperiment: Experiment = {
  id: 'neuron-tegum',
  title: 'Tegum factors in a privileged basis',
  quickSeconds: 40,
  run: (ctx) =>
    runNeuronTegum({
      grid: NEURON_TEGUM_GRIDS[ctx.profile],
      out: ctx.dir,
      relDir: ctx.relDir,
      full: ctx.profile === 'full',
      onProgress: ctx.progress,
    }),
};
