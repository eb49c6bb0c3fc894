/**
 * The theory experiment of `tegum reproduce`: the post's figures and the tests of
 * its claims (seed post; docs/ARCHITECTURE.md §1): interior minima for α ≤ 2 (α = 0.5 "just
 * barely"), the transition "a little higher" than 2, the struck closed form beside
 * the numerical optimum, and the bounds compared.
 */
import { struckClosedForm } from '../theory/struck-closed-form.js';
import type { Experiment, ReportSection } from './experiment.js';
import type { PostFigureData } from '../theory/post-figure-data.js';
import { writeTheoryFigures } from './theory-figures.js';

const N = 100_000;
const D = 10_000;

/** Builds the report sections from the figure data (pure). */
export function theorySections(relDir: string, all: PostFigureData[]): ReportSection[] {
  const post = all.find((d) => d.bound === 'jl-cubic');
  if (!post) throw new Error('jl-cubic data missing');
  const optima = post.curves.map((c) => c.optimum);
  const allInterior = optima.every((o) => o.interior);
  const movesLeft = optima.every((o, i) => i === 0 || o.kStar < optima[i - 1].kStar);
  const justBarely = post.kMax - optima[0].kStar <= 2;
  const alphaStar = post.transition.alphaStar;
  const transitionHolds = alphaStar !== null && alphaStar > 2 && alphaStar < 2.25;
  const command = `tegum theory figures --out out/theory   # n = ${N}, d = ${D}; deterministic, no seed`;
  const belowTwo = (d: PostFigureData) => d.curves.filter((c) => c.alpha < 2);
  const interiorBounds = all.filter((d) => belowTwo(d).every((c) => c.optimum.interior));
  const atKMax = all.filter((d) => belowTwo(d).every((c) => c.optimum.kStar === d.kMax));
  const names = (ds: PostFigureData[]) => (ds.length ? ds.map((d) => d.bound).join(', ') : 'none');
  const fig = (bound: string, name: string) => `${relDir}/${bound}/${name}.svg`;
  return [
    {
      id: 'theory-post',
      title: "The post's model: loss against the number of subspaces k",
      claim:
        'With the corrected Johnson–Lindenstrauss bound (ε²/2 − ε³/3 = 4 ln m / D), n = 10⁵, d = 10⁴: for α ∈ {0.5, 1, 1.5, 2} the loss has a global minimum inside the domain of k (for α = 0.5 "just barely"), and the minima move left as α rises.',
      verdict: allInterior && justBarely && movesLeft ? 'holds' : 'fails',
      summary: `k* = ${optima.map((o) => `${o.kStar} (α = ${o.alpha})`).join(', ')} with kMax = ${post.kMax}; ${allInterior ? 'every minimum is interior' : 'not every minimum is interior'}, at α = 0.5 it sits ${post.kMax - optima[0].kStar} below kMax, and the minima ${movesLeft ? 'move left' : 'do not all move left'} as α rises.`,
      table: {
        headers: ['α', 'k*', 'k* (continuous)', 'ε(k*)', 'L(k*)/L(1)', 'kMax', "struck form's k*"],
        rows: optima.map((o) => [
          o.alpha,
          o.kStar,
          Number(o.kStarContinuous.toFixed(3)),
          Number(o.epsilon.toFixed(4)),
          Number(o.lossRatio.toFixed(4)),
          o.kMax,
          Number(struckClosedForm(N, D, o.alpha).claimedKStar.toFixed(1)),
        ]),
      },
      figures: [
        {
          path: fig('jl-cubic', 'figure-a-loss-vs-k'),
          caption: "The post's figure: L(k)/L(1) and its derivative.",
        },
      ],
      data: [`${relDir}/jl-cubic/figure-a-loss-vs-k.csv`, `${relDir}/jl-cubic/data.json`],
      command,
    },
    {
      id: 'theory-transition',
      title: 'The transition α*',
      claim:
        'Above α = 2 the interior minima disappear and k* = 1, but the transition is "no longer at α = 2 but a little higher". The struck closed form (stationary point at n/k = e^{α/(α−2)}) put it at exactly 2 and claimed k* = d below it.',
      verdict: transitionHolds ? 'holds' : 'fails',
      summary: `α* = ${alphaStar?.toFixed(4) ?? 'none'} (bisection to 1e-9); just below it k* = ${post.transition.kStarBelow}. The struck form's stationary point lies at k > n for α < 2 and is a maximum of L for α > 2, so it never gives the interior minimum.`,
      table: {
        headers: ['', 'α*', 'k* just below α*', 'k* for α < 2'],
        rows: [
          [
            'numerical (jl-cubic)',
            alphaStar === null ? null : Number(alphaStar.toFixed(4)),
            post.transition.kStarBelow,
            `${optima[optima.length - 1].kStar} to ${optima[0].kStar}`,
          ],
          ["the post's struck closed form", 2, 1, String(D)],
        ],
      },
      figures: [
        {
          path: fig('jl-cubic', 'figure-b-kstar-vs-alpha'),
          caption: 'k* against α, α* dashed, the struck claim in grey.',
        },
      ],
      data: [`${relDir}/jl-cubic/figure-b-kstar-vs-alpha.csv`, `${relDir}/summary.json`],
      command: `tegum theory transition --n ${N} --d ${D} --bound jl-cubic --json`,
    },
    {
      id: 'theory-bounds',
      title: 'The bounds compared',
      claim:
        "The post's conclusion rests on how the interference ε grows as subspaces shrink. With the struck JL form, the Welch bound (the best any packing can do) or random vectors in place of the corrected bound, the same loss gives other optima and other transitions.",
      verdict: 'shown',
      summary: `α* = ${all.map((d) => `${d.transition.alphaStar?.toFixed(3) ?? 'none'} (${d.bound})`).join(', ')}. Interior minima for every α < 2: ${names(interiorBounds)}; k* = kMax for every α < 2: ${names(atKMax)}.`,
      table: {
        headers: [
          'bound',
          'α*',
          'k* at α = 0.5',
          'k* at α = 1',
          'k* at α = 1.5',
          'k* at α = 2',
          'kMax',
        ],
        rows: all.map((d) => [
          d.bound,
          d.transition.alphaStar === null ? null : Number(d.transition.alphaStar.toFixed(4)),
          ...d.curves.map((c) => c.optimum.kStar),
          d.kMax,
        ]),
      },
      figures: [
        { path: `${relDir}/bounds-compared.svg`, caption: 'The same loss with each bound.' },
      ],
      data: [`${relDir}/summary.json`, ...all.map((d) => `${relDir}/${d.bound}/data.json`)],
      command: `tegum theory optimum --n ${N} --d ${D} --alpha 0.5,1,1.5,2 --bound welch --json   # any bound`,
    },
  ];
}

/** The theory experiment. */
export const theoryExperiment: Experiment = {
  id: 'theory',
  title: "The post's loss-vs-k model",
  quickSeconds: 4,
  async run(ctx) {
    ctx.progress(0, 'figures');
    const { data } = writeTheoryFigures({ out: ctx.dir, n: N, d: D });
    ctx.progress(0.9, 'claims');
    const sections = theorySections(ctx.relDir, data);
    ctx.progress(1);
    return sections;
  },
};
