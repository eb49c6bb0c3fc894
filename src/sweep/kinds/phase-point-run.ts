/**
 * The half the phase-diagram job kinds (phase-2in1, phase-3in2) share: a diagram
 * point — the extra feature's importance relative to the others, and every
 * feature's density (Elhage et al. 2022, "The Phase Change") — read and checked,
 * and the toy run that trains it, with the spec's training flags passed through.
 */
import type { ResolvedToyRun } from '../../core/run-config.js';
import { optionalNumber, optionalString, requiredNumber, type JobValues } from './read-values.js';
import { toyJob } from './toy-job.js';

/** A resolved toy run with the diagram's coordinates written out. */
export type PhasePointRun = ResolvedToyRun & { relativeImportance: number; density: number };

/** The toy model of one diagram: its sizes and importances at relative importance r. */
export interface PhaseModel {
  n: number;
  m: number;
  /** [n] importances, the extra feature's relative to the others: r. */
  importance: (r: number) => number[];
  /** Training flags the spec may override (e.g. a kind's own evalBatches). */
  defaults?: Readonly<Record<string, number>>;
}

/** Training flags a phase job takes from its spec. */
const PASSED = ['steps', 'lr', 'batchSize', 'evalBatches'] as const;

/** Reads (relativeImportance, density) and resolves the toy run of that point and seed. */
export function resolvePhasePointRun(
  values: JobValues,
  seed: number,
  model: PhaseModel,
): PhasePointRun {
  const r = requiredNumber(values, 'relativeImportance');
  if (!(r > 0) || !Number.isFinite(r)) {
    throw new RangeError(`relativeImportance must be a finite number > 0, got ${r}`);
  }
  const p = requiredNumber(values, 'density');
  if (!(p > 0 && p <= 1)) throw new RangeError(`density must be in (0, 1], got ${p}`);
  const passed = Object.fromEntries(
    PASSED.map((k) => [k, optionalNumber(values, k)] as const).filter(([, v]) => v !== undefined),
  );
  const base = toyJob.resolve(
    {
      n: model.n,
      m: model.m,
      featureProbability: p,
      importance: model.importance(r),
      ...model.defaults,
      ...passed,
      ...(optionalString(values, 'backend') ? { backend: values.backend } : {}),
    },
    seed,
  );
  return { ...base, relativeImportance: r, density: p };
}
