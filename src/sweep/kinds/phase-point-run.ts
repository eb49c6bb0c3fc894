/**
 * The half the phase-diagram job kinds (phase-2in1, phase-3in2) share: their declaration
 * — a diagram point, the extra feature's importance relative to the others and every
 * feature's density (Elhage et al. 2022, "The Phase Change"), and the training fields a
 * spec may set, by the toy run's names and checks — and the toy run that trains it.
 */
import { knownExecutionTarget } from '../../core/execution-target.js';
import { defineRunFields, numberIn, parseRunInput } from '../../core/run-schema.js';
import { resolveToyRun } from '../../toy/resolve-toy-run.js';
import { TOY_RUN_FIELDS, type ResolvedToyRun } from '../../toy/toy-run-schema.js';
import type { JobValues } from '../job-kind.js';

/** A phase job's fields: the point, and the toy run's training fields it passes on. */
export const PHASE_POINT_FIELDS = defineRunFields({
  relativeImportance: {
    schema: numberIn(0, Infinity, { lo: true }),
    description: "the extra feature's importance relative to the others'",
    spread: 'run',
    flag: null,
  },
  density: {
    schema: numberIn(0, 1, { lo: true }),
    description: "every feature's density 1 − S",
    spread: 'run',
    flag: null,
  },
  steps: TOY_RUN_FIELDS.steps,
  lr: TOY_RUN_FIELDS.lr,
  batchSize: TOY_RUN_FIELDS.batchSize,
  evalBatches: TOY_RUN_FIELDS.evalBatches,
  backend: TOY_RUN_FIELDS.backend,
});

/** A resolved toy run with the diagram's coordinates written out. */
export type PhasePointRun = ResolvedToyRun & { relativeImportance: number; density: number };

/** The toy model of one diagram: its sizes and importances at relative importance r. */
export interface PhaseModel {
  n: number;
  m: number;
  /** [n] importances, the extra feature's relative to the others: r. */
  importance: (r: number) => number[];
  /** Training fields the spec may override (e.g. a kind's own evalBatches). */
  defaults?: Readonly<Record<string, number>>;
}

/** Reads (relativeImportance, density) and resolves the toy run of that point and seed. */
export function resolvePhasePointRun(
  values: JobValues,
  seed: number,
  model: PhaseModel,
): PhasePointRun {
  const {
    relativeImportance: r,
    density: p,
    ...training
  } = parseRunInput('phase point', PHASE_POINT_FIELDS, values);
  if (r === undefined) throw new RangeError('relativeImportance is required');
  if (p === undefined) throw new RangeError('density is required');
  const base = resolveToyRun(
    {
      n: model.n,
      m: model.m,
      instances: 1,
      seed,
      threads: 1,
      sparsity: 1 - p,
      importance: model.importance(r),
      ...model.defaults,
      ...training,
    },
    knownExecutionTarget(),
  );
  return { ...base, relativeImportance: r, density: p };
}
