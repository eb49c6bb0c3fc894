/**
 * Progress for `tegum reproduce` on stderr: a bar per experiment with time left
 * when stderr is a terminal, one line per start/finish otherwise (CI logs).
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
