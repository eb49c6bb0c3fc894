/**
 * Progress on stderr. `tegum reproduce`: a bar per experiment with time left when
 * stderr is a terminal, one line per start/finish otherwise (CI logs). A sweep's
 * jobs: a bar on a terminal; otherwise one line per finished job, or per percent
 * past JOB_LINES jobs. Time left is our own estimate (elapsed over jobs finished by
 * this run), never cli-progress's "NF" for a rate it cannot estimate yet.
 */
import cliProgress from 'cli-progress';
import type { Experiment, Profile } from '../experiments/experiment.js';
import type { ProgressEvent } from '../experiments/reproduce.js';

/** A progress display: feed it events, stop it at the end. */
export interface ProgressDisplay {
  update: (e: ProgressEvent) => void;
  stop: () => void;
}

/** Creates the display for these experiments. */
export function createProgressDisplay(list: Experiment[], profile: Profile): ProgressDisplay {
  if (!process.stderr.isTTY) {
    const started = new Map<string, number>();
    return {
      update: (e) => {
        if (e.kind === 'start') {
          started.set(e.experiment.id, performance.now());
          process.stderr.write(`tegum reproduce [${profile}]: ${e.experiment.title} …\n`);
        } else if (e.kind === 'reused') {
          process.stderr.write(
            `tegum reproduce: ${e.experiment.title}: reused (--force to rerun)\n`,
          );
        } else if (e.kind === 'done') {
          const s = (performance.now() - (started.get(e.experiment.id) ?? 0)) / 1000;
          process.stderr.write(
            `tegum reproduce: ${e.experiment.title}: done in ${s.toFixed(1)} s\n`,
          );
        }
      },
      stop: () => undefined,
    };
  }
  const multi = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: ' {bar} {percentage}% | ETA {eta_formatted} | {title} {label}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map(
    list.map((x) => [x.id, multi.create(1000, 0, { title: x.title.padEnd(40), label: '' })]),
  );
  let stopped = false;
  return {
    update: (e) => {
      const bar = bars.get(e.experiment.id);
      const label = e.kind === 'reused' ? '(reused)' : (e.label ?? '');
      bar?.update(Math.round(e.fraction * 1000), { label });
    },
    stop: () => {
      if (!stopped) multi.stop();
      stopped = true;
    },
  };
}

/** Sweeps of more jobs than this print a line per percent, not per job. */
export const JOB_LINES = 100;

/**
 * Time left, in words: "estimating" before any job finished, else seconds, minutes,
 * hours or days, rounded to what the estimate is worth.
 */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return 'estimating';
  const s = Math.round(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${two(s % 60)} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${two(Math.floor((s % 3600) / 60))} min`;
  return `${Math.floor(s / 86_400)} d ${two(Math.floor((s % 86_400) / 3600))} h`;
}

/** Progress over a sweep's jobs: feed it done / total after every stored job. */
export interface JobProgress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

/**
 * Jobs done / total on `stream` (stderr): a bar with time left on a terminal, lines
 * otherwise. The first call gives the jobs already done; time left counts only the
 * jobs this run finished.
 */
export function createJobProgress(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): JobProgress {
  let first: { done: number; t: number } | undefined;
  const eta = (done: number, total: number): string => {
    if (done >= total) return formatEta(0);
    if (!first || done <= first.done) return formatEta(undefined);
    const perJob = (performance.now() - first.t) / 1000 / (done - first.done);
    return formatEta(perJob * (total - done));
  };
  if (!stream.isTTY) {
    let lastPercent = -1;
    return {
      update: (done, total) => {
        const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
        if (!first) {
          first = { done, t: performance.now() };
          lastPercent = percent;
          stream.write(`tegum sweep ${label}: ${total} jobs, ${done} already stored\n`);
          return;
        }
        if (total > JOB_LINES && percent === lastPercent) return;
        lastPercent = percent;
        stream.write(
          `tegum sweep ${label}: ${done}/${total} jobs stored (${percent}%), ETA ${eta(done, total)}\n`,
        );
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: ` ${label} {bar} {percentage}% | {value}/{total} jobs | ETA {eta_text}`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    update: (done, total) => {
      if (!first) {
        first = { done, t: performance.now() };
        bar.start(total, done, { eta_text: eta(done, total) });
        return;
      }
      bar.update(done, { eta_text: eta(done, total) });
    },
    stop: () => {
      if (first) bar.stop();
    },
  };
}
