/** tegum's public API: re-exports only. */
export { Rng } from './core/rng.js';
export { logGamma, digamma } from './core/special-functions.js';

export type { Bound, BoundPoint } from './theory/bounds/bound.js';
export { boundByName, boundNames, registerBound } from './theory/bounds/registry.js';
export { jlCubicEpsilon, jlCubicR } from './theory/bounds/bound-jl-cubic.js';
export { welchEpsilon } from './theory/bounds/bound-welch.js';
export { logRandomMoment } from './theory/bounds/bound-random.js';
export {
  theoryModel,
  withAlpha,
  LOSS_FORMS,
  type LossForm,
  type TheoryConfig,
  type TheoryModel,
} from './theory/theory-model.js';
export { epsilonAt, lossAt, normalizedLossAt, dLossDk } from './theory/loss.js';
export { domainOf, type Domain } from './theory/domain.js';
export { optimum, type Optimum } from './theory/optimum.js';
export { transition, type Transition } from './theory/transition.js';
export { lossCurve, type CurvePoint } from './theory/curve.js';
export { struckClosedForm, type StruckClosedForm } from './theory/struck-closed-form.js';
export {
  postFigureData,
  type PostFigureConfig,
  type PostFigureData,
} from './theory/post-figure-data.js';

export { renderPlot, composeFigure, svgToPng, normalizeSvg } from './viz/render.js';
export { lossVsKFigure, kStarVsAlphaFigure, boundsComparedFigure } from './viz/theory-figures.js';
