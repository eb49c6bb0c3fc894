/**
 * A sweep's size, checked before its grid is expanded: a plan holds every job's
 * resolved config in memory (and a run keeps a few more copies: the store's plan,
 * the queue's jobs), so a grid of 10¹² jobs must be refused in a moment, not found
 * out when the heap runs out. Two limits, each said in one line with what is
 * allowed: {@link MAX_SWEEP_JOBS} jobs, and the plan's memory — measured on the
 * first job's config — within half of this process's JavaScript heap.
 */
import { getHeapStatistics } from 'node:v8';
import { ResourceError } from '../core/errors.js';
import { axisLength, gridSize, seedCount } from './expand-grid.js';
import type { SweepSpec } from './spec-schema.js';

/** The most jobs one sweep may have. */
export const MAX_SWEEP_JOBS = 1_000_000;

/**
 * Heap bytes one planned job holds beyond its config's JSON length, and per JSON
 * character: measured on toy, pack and theory plans of 10⁵ jobs (240 to 940 bytes
 * a job, about 2 bytes per character of config plus its key, seed and point).
 */
const BYTES_PER_JOB = 300;
const BYTES_PER_CONFIG_CHAR = 2;

/** The share of the JavaScript heap a plan may take (the run needs the rest). */
const HEAP_SHARE = 0.5;

/** The number of jobs of a spec: grid points × seeds, computed without expanding. */
export function sweepJobCount(spec: Pick<SweepSpec, 'axes' | 'seeds'>): number {
  return gridSize(spec.axes) * seedCount(spec.seeds);
}

/** Refuses a sweep with more than MAX_SWEEP_JOBS jobs. @throws ResourceError */
export function checkJobCount(spec: Pick<SweepSpec, 'axes' | 'seeds'>): void {
  const jobs = sweepJobCount(spec);
  if (jobs <= MAX_SWEEP_JOBS) return;
  const lengths = Object.values(spec.axes).map(axisLength);
  const seeds = seedCount(spec.seeds);
  const shape = [...lengths.map(count), `${count(seeds)} seed${seeds === 1 ? '' : 's'}`];
  throw new ResourceError(
    `spec: the grid has ${count(jobs)} jobs (${shape.join(' × ')}); a sweep may have at most ${count(MAX_SWEEP_JOBS)} — use fewer values or seeds, or split it into several sweeps`,
  );
}

/**
 * Refuses a plan of `jobs` jobs whose configs, each about as large as `firstConfig`,
 * would not fit in half of the JavaScript heap. @throws ResourceError
 */
export function checkPlanMemory(jobs: number, firstConfig: object): void {
  const perJob = BYTES_PER_JOB + BYTES_PER_CONFIG_CHAR * JSON.stringify(firstConfig).length;
  const need = jobs * perJob;
  const heap = getHeapStatistics().heap_size_limit;
  if (need <= HEAP_SHARE * heap) return;
  throw new ResourceError(
    `spec: the plan of ${count(jobs)} jobs needs about ${gib(need)} of memory (${kib(perJob)} a job); this process may use ${gib(HEAP_SHARE * heap)} for it — use fewer values or seeds, or smaller runs`,
  );
}

/** An integer with thousands separators; past 10¹⁵ in exponent form. */
function count(n: number): string {
  return n < 1e15 ? n.toLocaleString('en-US') : n.toExponential(2).replace('e+', 'e');
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}
