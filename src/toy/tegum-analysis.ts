/**
 * The seed's claim about the toy models, judged by numbers (seed post, "Relation
 * to Anthropic's Results"; docs/ARCHITECTURE.md §4): as S → 1 the tegum factors grow in
 * dimension and k falls. Per sparsity point: the seeds' k, the distribution of
 * factor dimensions, the best-of-seeds instance; over all instances: Spearman's
 * rank correlation of S with k and with the mean factor dimension.
 *
 * The claim is about the sparse side. Dense models can have few factors for another
 * reason (with uniform importance any rotation of an m-dimensional projection is as
 * good, so the kept features need not split), so the claim is also judged from the
 * sparsity where mean k peaks onwards; a claim that holds only there is 'mixed', and
 * the summary says where.
 */

import type { ToyInstanceSummary } from './summarize-instance.js';

/** One sparsity point over its seeds. */
export interface TegumPoint {
  sparsity: number;
  seeds: number;
  /** k of each seed, in instance order. */
  k: number[];
  meanK: number;
  /** Mean over seeds of the mean factor dimension (factors weighted by their features). */
  meanFactorDim: number;
  /** How many factors of each dimension, over all seeds: { dim: count }. */
  dimCounts: Record<number, number>;
  /** The lowest-loss seed's factor labels and k. */
  best: { instance: number; seed: number; loss: number; k: number; labels: string[] };
}

/** The claim's test. */
export interface TegumAnalysis {
  points: TegumPoint[];
  /** Spearman ρ of S with k over instances (the claim: negative); null when undefined (k or S constant). */
  rhoK: number | null;
  /** Spearman ρ of S with the mean factor dimension (the claim: positive); null when undefined. */
  rhoDim: number | null;
  /** The same over the instances from the sparsity where mean k peaks (the sparse side). */
  sparseSide: { fromSparsity: number; rhoK: number | null; rhoDim: number | null };
  verdict: 'holds' | 'fails' | 'mixed';
  summary: string;
}

/** Feature-weighted mean factor dimension of an instance (0 when nothing is represented). */
export function meanFactorDim(r: ToyInstanceSummary): number {
  const size = r.factors.reduce((s, f) => s + f.size, 0);
  return size === 0 ? 0 : r.factors.reduce((s, f) => s + f.dim * f.size, 0) / size;
}

/** Ranks with ties averaged (1-based). */
function ranks(v: number[]): number[] {
  const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(v.length);
  for (let a = 0; a < order.length;) {
    let b = a;
    while (b + 1 < order.length && order[b + 1][0] === order[a][0]) b++;
    for (let c = a; c <= b; c++) r[order[c][1]] = (a + b) / 2 + 1;
    a = b + 1;
  }
  return r;
}

/** Spearman's rank correlation (Pearson's on average ranks); NaN when either is constant. */
export function spearman(x: number[], y: number[]): number {
  if (x.length !== y.length) throw new RangeError('spearman: x and y must have equal lengths');
  const rx = ranks(x);
  const ry = ranks(y);
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** '= 0.53', or the reason ρ is undefined, in words. */
export function rhoText(rho: number | null, of: string): string {
  return rho === null
    ? `is undefined (${of} or S is the same for every instance)`
    : `= ${rho.toFixed(2)}`;
}

/** Groups instances by sparsity and tests the claim. */
export function tegumAnalysis(runs: ToyInstanceSummary[]): TegumAnalysis {
  const groups = new Map<number, ToyInstanceSummary[]>();
  for (const r of runs) groups.set(r.sparsity, [...(groups.get(r.sparsity) ?? []), r]);
  const points: TegumPoint[] = [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([sparsity, rs]) => {
      const dimCounts: Record<number, number> = {};
      for (const r of rs) for (const f of r.factors) dimCounts[f.dim] = (dimCounts[f.dim] ?? 0) + 1;
      const best = rs.reduce((a, b) => (b.loss < a.loss ? b : a));
      return {
        sparsity,
        seeds: rs.length,
        k: rs.map((r) => r.k),
        meanK: rs.reduce((s, r) => s + r.k, 0) / rs.length,
        meanFactorDim: rs.reduce((s, r) => s + meanFactorDim(r), 0) / rs.length,
        dimCounts,
        best: {
          instance: best.instance,
          seed: best.seed,
          loss: best.loss,
          k: best.k,
          labels: best.factors.map((f) => f.label),
        },
      };
    });
  // ρ is undefined (0/0) when either side is constant: null, said in words below.
  const defined = (rho: number) => (Number.isFinite(rho) ? rho : null);
  const correlations = (rs: ToyInstanceSummary[]) => {
    const S = rs.map((r) => r.sparsity);
    return {
      rhoK: defined(
        spearman(
          S,
          rs.map((r) => r.k),
        ),
      ),
      rhoDim: defined(spearman(S, rs.map(meanFactorDim))),
    };
  };
  const supports = (c: { rhoK: number | null; rhoDim: number | null }) =>
    c.rhoK !== null && c.rhoDim !== null && c.rhoK <= -0.5 && c.rhoDim >= 0.5;
  const { rhoK, rhoDim } = correlations(runs);
  const peak = points.reduce((best, p, i) => (p.meanK > points[best].meanK ? i : best), 0);
  const fromSparsity = points[peak].sparsity;
  const side = correlations(runs.filter((r) => r.sparsity >= fromSparsity));
  const sideCounts = points.length - peak >= 3;
  const against = (rhoK !== null && rhoK >= 0.5) || (rhoDim !== null && rhoDim <= -0.5);
  const verdict = supports({ rhoK, rhoDim })
    ? 'holds'
    : sideCounts && supports(side)
      ? 'mixed'
      : against
        ? 'fails'
        : 'mixed';
  const first = points[0];
  const last = points[points.length - 1];
  const summary =
    `Over ${runs.length} instances, Spearman ρ(S, k) ${rhoText(rhoK, 'k')} and ρ(S, mean factor dimension) ${rhoText(rhoDim, 'the mean factor dimension')}; ` +
    `from S = ${fromSparsity}, where mean k peaks at ${points[peak].meanK.toFixed(2)}, ρ(S, k) ${rhoText(side.rhoK, 'k')} and ρ(S, dimension) ${rhoText(side.rhoDim, 'the mean factor dimension')}. ` +
    `Mean k: ${first.meanK.toFixed(2)} at S = ${first.sparsity}, ${points[peak].meanK.toFixed(2)} at S = ${fromSparsity}, ${last.meanK.toFixed(2)} at S = ${last.sparsity}; ` +
    `mean factor dimension ${first.meanFactorDim.toFixed(2)}, ${points[peak].meanFactorDim.toFixed(2)}, ${last.meanFactorDim.toFixed(2)}. ` +
    `Best seeds: ${structureRuns(points)}.`;
  return { points, rhoK, rhoDim, sparseSide: { fromSparsity, ...side }, verdict, summary };
}

/** The best seeds' structures along S, equal neighbours merged: 'S = 0–0.3: 6 × antipodal pair; …'. */
function structureRuns(points: TegumPoint[]): string {
  const describe = (labels: string[]) => {
    const counts = new Map<string, number>();
    for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    return (
      [...counts.entries()].map(([l, c]) => (c > 1 ? `${c} × ${l}` : l)).join(' + ') ||
      'nothing represented'
    );
  };
  const parts: { from: number; to: number; what: string }[] = [];
  for (const p of points) {
    const what = describe(p.best.labels);
    const prev = parts[parts.length - 1];
    if (prev?.what === what) prev.to = p.sparsity;
    else parts.push({ from: p.sparsity, to: p.sparsity, what });
  }
  return parts
    .map((r) => `S = ${r.from === r.to ? r.from : `${r.from}–${r.to}`}: ${r.what}`)
    .join('; ');
}
