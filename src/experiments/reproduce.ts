/**
 * `tegum reproduce`: runs every experiment into its own folder under `out`,
 * reusing finished ones (each writes result.json last, atomically, so a crash
 * loses only the experiment in flight), then writes one self-contained HTML
 * report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderReport } from '../viz/report.js';
import type { Experiment, Profile, ReportSection } from './experiment.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** Bumped when a result's shape changes, so old results are recomputed. */
export const RESULT_VERSION = 1;

/** Options of {@link reproduce}. */
export interface ReproduceOptions {
  out: string;
  profile: Profile;
  /** Recompute even finished experiments. */
  force: boolean;
  experiments: Experiment[];
  /** Called as each experiment starts, progresses and ends. */
  onProgress?: (event: ProgressEvent) => void;
}

/** A progress event for the display. */
export interface ProgressEvent {
  experiment: Experiment;
  kind: 'start' | 'progress' | 'reused' | 'done';
  fraction: number;
  label?: string;
}

interface StoredResult {
  version: number;
  profile: Profile;
  seconds: number;
  sections: ReportSection[];
}

/** What a reproduction produced. */
export interface ReproduceResult {
  reportPath: string;
  sections: ReportSection[];
  reused: string[];
  seconds: Record<string, number>;
}

function readResult(path: string, profile: Profile): StoredResult | null {
  if (!existsSync(path)) return null;
  try {
    const r = JSON.parse(readFileSync(path, 'utf8')) as StoredResult;
    return r.version === RESULT_VERSION && r.profile === profile ? r : null;
  } catch {
    return null;
  }
}

/** Runs (or reuses) every experiment and writes `out/report.html`. */
export async function reproduce(opts: ReproduceOptions): Promise<ReproduceResult> {
  const sections: ReportSection[] = [];
  const reused: string[] = [];
  const seconds: Record<string, number> = {};
  for (const experiment of opts.experiments) {
    const dir = join(opts.out, experiment.id);
    const resultPath = join(dir, 'result.json');
    const stored = opts.force ? null : readResult(resultPath, opts.profile);
    if (stored) {
      reused.push(experiment.id);
      seconds[experiment.id] = stored.seconds;
      sections.push(...stored.sections);
      opts.onProgress?.({ experiment, kind: 'reused', fraction: 1 });
      continue;
    }
    opts.onProgress?.({ experiment, kind: 'start', fraction: 0 });
    const started = performance.now();
    const result = await experiment.run({
      dir,
      relDir: experiment.id,
      profile: opts.profile,
      progress: (fraction, label) =>
        opts.onProgress?.({ experiment, kind: 'progress', fraction, label }),
    });
    const elapsed = (performance.now() - started) / 1000;
    seconds[experiment.id] = elapsed;
    const stored2: StoredResult = {
      version: RESULT_VERSION,
      profile: opts.profile,
      seconds: elapsed,
      sections: result,
    };
    writeFileAtomic(resultPath, JSON.stringify(stored2, null, 2) + '\n');
    sections.push(...result);
    opts.onProgress?.({ experiment, kind: 'done', fraction: 1 });
  }
  const svgs = new Map<string, string>();
  for (const s of sections) {
    for (const f of s.figures) svgs.set(f.path, readFileSync(join(opts.out, f.path), 'utf8'));
  }
  const reportPath = join(opts.out, 'report.html');
  writeFileAtomic(
    reportPath,
    renderReport({ sections, svgs, profile: opts.profile, seconds, reused }),
  );
  return {
    reportPath: relative(process.cwd(), reportPath) || reportPath,
    sections,
    reused,
    seconds,
  };
}
