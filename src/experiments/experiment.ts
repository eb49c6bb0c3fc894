/**
 * What every experiment of `tegum reproduce` is: a named, reproducible run that
 * writes its data and figures under its own folder and returns report sections,
 * each stating its claim, the verdict and the numbers behind it.
 */

/** The quick profile finishes in minutes on 2 cores; full uses the papers' own settings. */
export type Profile = 'quick' | 'full';

import type { ReportSection } from '../viz/report-section.js';

export type { ReportSection, Verdict } from '../viz/report-section.js';

/** What an experiment is given. */
export interface ExperimentContext {
  /** The experiment's own output folder (absolute or relative to cwd). */
  dir: string;
  /** Its path relative to the report (for links). */
  relDir: string;
  profile: Profile;
  /** Reports progress in [0, 1] with a short label. */
  progress: (fraction: number, label?: string) => void;
}

/** A named experiment. */
export interface Experiment {
  id: string;
  title: string;
  /** A rough duration on this 2-core machine in the quick profile, for the progress display. */
  quickSeconds: number;
  /** The profiles whose reproduction includes it (default: every profile). */
  profiles?: Profile[];
  run(ctx: ExperimentContext): Promise<ReportSection[]>;
}
