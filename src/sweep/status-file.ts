/**
 * A sweep's progress where `sweep status` can read it while the sweep runs. DuckDB
 * lets no other process open a store, not even read-only, while its writer holds
 * it (checked with @duckdb/node-api 1.5: "Could not set lock on file … Conflicting
 * lock is held"), so the process running the sweep keeps DIR/status.json: its
 * store's status, its pid and host, rewritten (atomically, by rename) as jobs are
 * stored, and removed when it closes the store. A file left by a killed run names
 * a process that is gone; the store itself is free again then.
 */
import { hostname } from 'node:os';
import { readFileSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One spec run into a store, and how many of its jobs are stored. */
export interface SpecStatus {
  /** 1 for the first spec run into the store, then 2, … */
  position: number;
  /** sha256 of the spec's name, kind, base, axes and seeds. */
  spec: string;
  done: number;
  total: number;
  base: Record<string, unknown>;
  /** Each axis and its number of values. */
  axes: Record<string, number>;
  seeds: number;
  firstRun: string;
  lastRun: string;
}

/** A store's status: its jobs over every spec it holds (each job counted once). */
export interface SweepStatus {
  done: number;
  total: number;
  /** Rows stored (rows of earlier tegum stores not in any recorded spec included). */
  stored: number;
  specs: SpecStatus[];
}

/** The status a running sweep wrote, with who wrote it. */
export interface RunningStatus extends SweepStatus {
  running: { pid: number; host: string; since: string; updated: string };
}

/** The status file of a sweep directory. */
export function statusFilePath(dir: string): string {
  return join(dir, 'status.json');
}

/**
 * Writes the status of the sweep this process runs (a temporary file renamed over
 * the old one: a reader sees the old file or the new, whole).
 */
export function writeStatusFile(dir: string, status: SweepStatus, since: string): void {
  const path = statusFilePath(dir);
  const tmp = `${path}.tmp-${process.pid}`;
  const running = { pid: process.pid, host: hostname(), since, updated: new Date().toISOString() };
  writeFileSync(tmp, JSON.stringify({ ...status, running }, null, 2) + '\n');
  renameSync(tmp, path);
}

/** Removes this process's status file and any temporary one a killed run left. */
export function removeStatusFile(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === 'status.json' || /^status\.json\.tmp-\d+$/.test(name)) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // Gone already.
      }
    }
  }
}

/** The status file of DIR, or null when there is none (or it cannot be read). */
export function readStatusFile(dir: string): RunningStatus | null {
  try {
    return JSON.parse(readFileSync(statusFilePath(dir), 'utf8')) as RunningStatus;
  } catch {
    return null;
  }
}

/** Whether the process that wrote `status` still runs (on this host; elsewhere assumed). */
export function writerRuns(status: RunningStatus): boolean {
  if (status.running.host !== hostname()) return true;
  try {
    process.kill(status.running.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
