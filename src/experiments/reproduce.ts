/**
 * `tegum reproduce`: runs every experiment into its own folder under `out`,
 * reusing finished ones (each writes result.json last, atomically, so a crash
 * loses only the experiment in flight), then writes one self-contained HTML
 * report.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { z } from 'zod';
import { renderReport } from '../viz/report.js';
import type { Experiment, Profile, ReportSection } from './experiment.js';
import { commitOutputs, writeFileAtomic } from '../core/output-batch.js';

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

const finite = z.number().refine(Number.isFinite, 'must be finite');

/** A report section as stored in result.json (the shape of ReportSection, checked). */
const sectionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  claim: z.string(),
  verdict: z.enum(['holds', 'fails', 'mixed', 'shown']),
  summary: z.string(),
  table: z
    .strictObject({
      headers: z.array(z.string()),
      rows: z.array(z.array(z.union([z.string(), finite, z.null()]))),
    })
    .optional(),
  figures: z.array(z.strictObject({ path: z.string(), caption: z.string() })),
  data: z.array(z.string()),
  command: z.string(),
});

const storedSchema = z.strictObject({
  version: z.literal(RESULT_VERSION),
  profile: z.enum(['quick', 'full']),
  seconds: finite.nonnegative(),
  sections: z.array(sectionSchema),
});

/**
 * True when `rel` (a path relative to `out`, from a result file) names a file
 * inside `dir` = `out/<experiment id>`: relative, no `..`, and, once symbolic links
 * are resolved, still under it.
 */
export function confinedTo(out: string, id: string, rel: string, ext?: string): boolean {
  if (rel === '' || isAbsolute(rel) || rel.includes('\\') || rel.includes('\0')) return false;
  if (ext !== undefined && !rel.endsWith(ext)) return false;
  const norm = normalize(rel);
  if (norm.split(sep).includes('..') || !norm.startsWith(`${id}${sep}`)) return false;
  const full = join(out, norm);
  if (!existsSync(full)) return ext === undefined; // a data link may name a file yet to come
  const realDir = realpathSync(join(out, id));
  const real = realpathSync(full);
  return real.startsWith(realDir + sep);
}

/**
 * A stored result when it is valid for this run: the schema holds, the version and
 * profile match, and every figure and data path stays inside the experiment's
 * folder (figures: existing .svg files). Anything else is recomputed.
 */
function readResult(path: string, profile: Profile, out: string, id: string): StoredResult | null {
  if (!existsSync(path)) return null;
  let parsed: StoredResult;
  try {
    const r = storedSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!r.success) return null;
    parsed = r.data;
  } catch {
    return null;
  }
  if (parsed.profile !== profile) return null;
  const confined = parsed.sections.every(
    (s) =>
      s.figures.every(
        (f) => confinedTo(out, id, f.path, '.svg') && existsSync(join(out, f.path)),
      ) && s.data.every((d) => confinedTo(out, id, d)),
  );
  return confined ? parsed : null;
}

/** Runs (or reuses) every experiment and writes `out/report.html`. */
export async function reproduce(opts: ReproduceOptions): Promise<ReproduceResult> {
  const sections: ReportSection[] = [];
  const reused: string[] = [];
  const seconds: Record<string, number> = {};
  for (const experiment of opts.experiments) {
    const dir = join(opts.out, experiment.id);
    const resultPath = join(dir, 'result.json');
    const stored = opts.force
      ? null
      : readResult(resultPath, opts.profile, opts.out, experiment.id);
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
    // A finished experiment is kept even if a later one fails (inside the CLI's batch).
    commitOutputs();
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
