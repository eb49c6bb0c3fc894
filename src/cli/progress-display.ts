/**
 * The CLI's one progress display, on stderr: bars drawn one way (`bars`) with one
 * estimate of the time left (`EtaClock`: elapsed over the work this run did, never
 * cli-progress's "NF" for a rate it cannot estimate yet). `tegum reproduce`: a bar per
 * experiment on a terminal, one line per start/finish otherwise (CI logs). A sweep's
 * jobs: a bar on a terminal; otherwise one line per finished job, or per percent past
 * JOB_LINES jobs. A toy run's steps: a bar with the loss, on a terminal only.
 */
import cliProgress from 'cli-progress';
import type { Experiment, Profile } from '../experiments/experiment.js';
import type { ProgressEvent } from '../experiments/reproduce.js';

/**
 * Time left from the rate since the first update: "estimating" until some work was done
 * after it (work done before this run started does not count).
 */
export class EtaClock {
  private first: { done: number; t: number } | undefined;

  /** The time left at `done` of `total`, in words. */
  text(done: number, total: number): string {
    if (!this.first) this.first = { done, t: performance.now() };
    if (done >= total) return formatEta(0);
    if (done <= this.first.done) return formatEta(undefined);
    const perUnit = (performance.now() - this.first.t) / 1000 / (done - this.first.done);
    return formatEta(perUnit * (total - done));
  }
}

/** Bars on `stream` in one style; `format` may use {eta_text}, filled from an EtaClock. */
function bars(stream: NodeJS.WriteStream, format: string): cliProgress.MultiBar {
  return new cliProgress.MultiBar(
    { stream, format, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
}

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
  const multi = bars(process.stderr, ' {bar} {percentage}% | ETA {eta_text} | {title} {label}');
  const experimentBars = new Map(
    list.map((x) => [
      x.id,
      {
        bar: multi.create(1000, 0, { title: x.title.padEnd(40), label: '', eta_text: '' }),
        eta: new EtaClock(),
      },
    ]),
  );
  let stopped = false;
  return {
    update: (e) => {
      const b = experimentBars.get(e.experiment.id);
      if (!b) return;
      const label = e.kind === 'reused' ? '(reused)' : (e.label ?? '');
      const done = Math.round(e.fraction * 1000);
      b.bar.update(done, { label, eta_text: b.eta.text(done, 1000) });
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
  const clock = new EtaClock();
  if (!stream.isTTY) {
    let lastPercent: number | undefined;
    return {
      update: (done, total) => {
        const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
        const eta = clock.text(done, total);
        if (lastPercent === undefined) {
          lastPercent = percent;
          stream.write(`tegum sweep ${label}: ${total} jobs, ${done} already stored\n`);
          return;
        }
        if (total > JOB_LINES && percent === lastPercent) return;
        lastPercent = percent;
        stream.write(
          `tegum sweep ${label}: ${done}/${total} jobs stored (${percent}%), ETA ${eta}\n`,
        );
      },
      stop: () => undefined,
    };
  }
  return countBar(
    stream,
    ` ${label} {bar} {percentage}% | {value}/{total} jobs | ETA {eta_text}`,
    clock,
  );
}

/** Steps of a toy run and its loss: a bar on a terminal, nothing otherwise. */
export interface StepProgress {
  update: (step: number, steps: number, loss: number) => void;
  stop: () => void;
}

/** The training bar of `tegum toy run` and `tegum rerun` (stderr, a terminal only). */
export function createStepProgress(stream: NodeJS.WriteStream = process.stderr): StepProgress {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = countBar(
    stream,
    ' training {bar} {percentage}% | step {value}/{total} | ETA {eta_text} | loss {loss}',
    new EtaClock(),
  );
  return {
    update: (step, steps, loss) => bar.update(step, steps, { loss: loss.toPrecision(4) }),
    stop: bar.stop,
  };
}

/** One bar over a count, started at its first update. */
function countBar(
  stream: NodeJS.WriteStream,
  format: string,
  clock: EtaClock,
): {
  update: (done: number, total: number, payload?: Record<string, string>) => void;
  stop: () => void;
} {
  const multi = bars(stream, format);
  let bar: cliProgress.SingleBar | undefined;
  return {
    update: (done, total, payload = {}) => {
      const values = { ...payload, eta_text: clock.text(done, total) };
      if (!bar) bar = multi.create(total, done, values);
      else bar.update(done, values);
    },
    stop: () => {
      if (bar) multi.stop();
    },
  };
}
