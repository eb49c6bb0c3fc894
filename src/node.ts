/**
 * tegum's Node-only API (`tegum/node`): figures rendered through jsdom and resvg,
 * and the experiments that write files. Re-exports only.
 */
export * from './index.js';
export { renderPlot, composeFigure, svgToPng, normalizeSvg } from './viz/render.js';
export { lossVsKFigure, kStarVsAlphaFigure, boundsComparedFigure } from './viz/theory-figures.js';
export { writeTheoryFigures, theoryFigureData } from './experiments/theory-figures.js';
