/**
 * The data behind the post's two figures (seed post, after the correction;
 * docs/ARCHITECTURE.md §1): (a) the normalized loss and dL/dk against k for a few α, and
 * (b) k* against α across the transition, with α* and the struck closed form.
 */
import { lossCurve, type CurvePoint } from './curve.js';
import { lossAt } from './loss.js';
import { optimum, type Optimum } from './optimum.js';
import { struckClosedForm } from './struck-closed-form.js';
import { theoryModel, withAlpha, type TheoryConfig } from './theory-model.js';
import { transition, type Transition } from './transition.js';

/** What to compute: the model (α is ignored) and the α values of each figure. */
export interface PostFigureConfig extends Omit<TheoryConfig, 'alpha'> {
  /** α of figure (a); default [0.5, 1, 1.5, 2] as in the post. */
  alphas?: number[];
  /** Points per curve in figure (a); default 200. */
  points?: number;
  /** α grid of figure (b); default 0.05 … max(3, 1.25 α*) in 120 steps. */
  alphaGrid?: number[];
}

/** One curve of figure (a), with its optimum. */
export interface AlphaCurve {
  alpha: number;
  optimum: Optimum;
  /** Each point also carries d(L/L(1))/dk, the derivative the figure plots. */
  points: (CurvePoint & { dNormalizedLossDk: number })[];
}

/** One row of figure (b). */
export interface KStarRow {
  alpha: number;
  kStar: number;
  kStarContinuous: number;
  lossRatio: number;
  /** The post's struck closed-form claim at this α. */
  struckKStar: number;
}

/** All the data of both figures for one bound. */
export interface PostFigureData {
  n: number;
  d: number;
  bound: string;
  loss: string;
  kMax: number;
  curves: AlphaCurve[];
  kStarVsAlpha: KStarRow[];
  transition: Transition;
}

/** Computes both figures' data. @throws RangeError on bad config or an empty domain. */
export function postFigureData(config: PostFigureConfig): PostFigureData {
  const { n, d, bound, loss, epsilon0 } = config;
  const base = theoryModel({ n, d, bound, loss, epsilon0, alpha: 1 });
  const alphas = config.alphas ?? [0.5, 1, 1.5, 2];
  const curves = alphas.map((alpha) => {
    const model = withAlpha(base, alpha);
    const L1 = lossAt(model, 1);
    return {
      alpha,
      optimum: optimum(model),
      points: lossCurve(model, config.points ?? 200).map((p) => ({
        ...p,
        dNormalizedLossDk: p.dLossDk / L1,
      })),
    };
  });
  const t = transition(base);
  const top = Math.max(3, 1.25 * (t.alphaStar ?? 2));
  const grid =
    config.alphaGrid ?? Array.from({ length: 120 }, (_, i) => 0.05 + (i * (top - 0.05)) / 119);
  const kStarVsAlpha = grid.map((alpha) => {
    const o = optimum(withAlpha(base, alpha));
    return {
      alpha,
      kStar: o.kStar,
      kStarContinuous: o.kStarContinuous,
      lossRatio: o.lossRatio,
      struckKStar: struckClosedForm(base.n, base.d, alpha).claimedKStar,
    };
  });
  return {
    n: base.n,
    d: base.d,
    bound: base.bound.name,
    loss: base.loss,
    kMax: curves[0]?.optimum.kMax ?? optimum(base).kMax,
    curves,
    kStarVsAlpha,
    transition: t,
  };
}
