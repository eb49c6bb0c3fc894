/**
 * The packing test in the post's own regime (docs/ARCHITECTURE.md §2): at n = 8192,
 * d = 1024 the corrected bound (jl-cubic, which needs d ≥ 24 ln n) has a domain, kMax = 5,
 * and predicts k* = 5, 5, 4, 1, 1 for α = 0.5, 1, 1.5, 2, 2.5 — an interior optimum at
 * α = 1.5. This runs the `post` packing profile (k = 1…5 block layouts and the free
 * optimizer at each α) and judges the prediction against the measured L(k). Part of
 * `tegum reproduce --full` only: one step at k = 1 costs about 275 GFLOP.
 */
import type { SizeResult } from './packing-experiment.js';
import { PACKING_PROFILES } from './packing-profiles.js';
import { runPackingExperiment } from './run-packing-experiment.js';
import type { Experiment, ReportSection, Verdict } from './experiment.js';

/** The bound whose prediction this section judges: the post's corrected one. */
export const POST_BOUND = 'jl-cubic';

const fmt = (x: number | null | undefined, digits = 4) =>
  x === null || x === undefined ? null : Number(x.toPrecision(digits));

/**
 * The section from one size's results (pure): per α, the measured L(k)/L(1) for each k,
 * measured k*, the factors the free optimizer found, and every bound's k*.
 */
export function postSection(size: SizeResult, relDir: string, command: string): ReportSection {
  const { n, d, ks } = size;
  const judged = size.alphas.map((a) => {
    const p = a.theory.find((t) => t.bound === POST_BOUND);
    return { alpha: a.alpha, measured: a.kStarMeasured, predicted: p?.kStar ?? null };
  });
  const comparable = judged.filter((j) => j.predicted !== null);
  const agree = comparable.filter((j) => j.measured === j.predicted).length;
  const verdict: Verdict =
    comparable.length === 0
      ? 'shown'
      : agree === comparable.length
        ? 'holds'
        : agree === 0
          ? 'fails'
          : 'mixed';
  const interior = judged.find((j) => j.predicted !== null && j.predicted > 1 && j.predicted < 5);
  const bounds = size.alphas[0]?.theory.map((t) => t.bound) ?? [];
  const free = size.alphas.map((a) => `${a.free.factors} at α = ${a.alpha}`).join(', ');
  return {
    id: 'packing-post',
    title: "Packings in the post's own regime: n = 8192, d = 1024",
    claim: `Where the corrected bound has a domain (d ≥ 24 ln n; here kMax = 5), the loss-minimizing number of orthogonal blocks follows it: k* = ${judged.map((j) => j.predicted ?? '—').join(', ')} for α = ${judged.map((j) => j.alpha).join(', ')}${interior ? `, an interior optimum at α = ${interior.alpha}` : ''}.`,
    verdict,
    summary: `Measured k* (least L(k) over k = ${ks.join(', ')}, ties within 0.1% to the least k) is ${judged.map((j) => j.measured).join(', ')}: it matches ${POST_BOUND}'s k* at ${agree} of ${comparable.length} α. The free optimizer (k = 1) left ${free} tegum factor(s) after ${size.steps} steps (one start each). The other bounds predict k* beyond the k tried (k* = d = ${d} below α ≈ 2), so only their L(k)/L(1) on k ≤ 5 is compared. Wall time ${size.seconds.toFixed(0)} s for n = ${n}, d = ${d}.`,
    table: {
      headers: [
        'α',
        ...ks.map((k) => `L(${k})/L(1)`),
        ...ks.filter((k) => k > 1).map((k) => `${POST_BOUND} L(${k})/L(1)`),
        'measured k*',
        'free factors',
        ...bounds.map((b) => `k* ${b}`),
      ],
      rows: size.alphas.map((a) => {
        const p = a.theory.find((t) => t.bound === POST_BOUND);
        return [
          a.alpha,
          ...a.measured.map((m) => fmt(m.normalizedLoss)),
          ...ks.flatMap((k, i) => (k > 1 ? [fmt(p?.normalizedLoss[i])] : [])),
          a.kStarMeasured,
          a.free.factors,
          ...a.theory.map((t) => t.kStar),
        ];
      }),
    },
    figures: [
      {
        path: `${relDir}/n${n}-d${d}/loss-vs-k.svg`,
        caption: `n = ${n}, d = ${d}: measured L(k)/L(1) for k = 1…5 beside each bound's prediction.`,
      },
      {
        path: `${relDir}/n${n}-d${d}/kstar-vs-alpha.svg`,
        caption: `n = ${n}, d = ${d}: measured k* against α, with each bound's.`,
      },
    ],
    data: [
      `${relDir}/n${n}-d${d}/loss-vs-k.csv`,
      `${relDir}/n${n}-d${d}/kstar.csv`,
      `${relDir}/summary.json`,
    ],
    command,
  };
}

/** The post-regime packing experiment (`tegum reproduce --full` only). */
export const packingPostExperiment: Experiment = {
  id: 'packing-post',
  title: "Packings in the post's own regime",
  quickSeconds: 1500,
  profiles: ['full'],
  async run(ctx) {
    const result = await runPackingExperiment({
      out: ctx.dir,
      profile: 'post',
      onProgress: (message, fraction) => ctx.progress(fraction ?? 0, message),
    });
    const command = `tegum pack experiment --profile post --out out/packing-post   # seed ${PACKING_PROFILES.post.seed}, ${result.backend}`;
    return result.sizes.map((s) => postSection(s, ctx.relDir, command));
  },
};
