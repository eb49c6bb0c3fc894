/**
 * tegum's Node-only API (`tegum/node`): figures rendered through jsdom and resvg,
 * and the experiments that write files. Re-exports only.
 */
export * from './index.js';
export { renderPlot, composeFigure, svgToPng, normalizeSvg } from './viz/render.js';
export { lossVsKFigure, kStarVsAlphaFigure, boundsComparedFigure } from './viz/theory-figures.js';
export { writeTheoryFigures, theoryFigureData } from './experiments/theory-figures.js';
export { runIdentity } from './core/run-identity.js';
export {
  executionTarget,
  knownExecutionTarget,
  type ExecutionTarget,
} from './core/execution-target.js';
export { runToy, type ToyRunOptions, type ToyRunResult } from './experiments/toy-run.js';
export { runPack, type PackRunOptions, type PackRunReport } from './experiments/pack-run.js';
export { planSweep, loadSweepSpec, SweepSpecError } from './sweep/plan-sweep.js';
export type { SweepPlan, SweepJob } from './sweep/plan-sweep.js';
export { runSweepLocal } from './sweep/run-sweep-local.js';
export type { SweepRunSummary, FailedJob } from './sweep/run-sweep-local.js';
export { runSweepQueue } from './sweep/run-sweep-queue.js';
export { startQueueWorker } from './sweep/queue-worker.js';
export { parseQueueUrl, checkRedis, QueueUrlError } from './sweep/queue-url.js';
export { ResultStore } from './sweep/result-store.js';
export { exportSweep } from './sweep/export-sweep.js';
export { registerJobKind, jobKind, jobKindNames } from './sweep/job-kind.js';
export type { JobKind, JobOutput, ColumnDef, KeptArray } from './sweep/job-kind.js';
export { registerBuiltinSweep, builtinSweep, builtinSweepNames } from './sweep/builtin-sweeps.js';
export type { BuiltinSweep, ExtraColumn, JobRecord } from './sweep/builtin-sweeps.js';
