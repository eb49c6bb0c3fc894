/**
 * Notices when a process that started this one has ended, so that a server started
 * by another program stops with it. `npx tegum serve &` then `kill $!` ends npm but
 * not its child: npm does not pass the signal on, and between npm and node there is
 * a `sh -c` that outlives npm too. So the whole chain of ancestors is recorded at the
 * start (on Linux from /proc: each one's pid and start time, so a reused pid is not
 * mistaken for the original) and checked every `intervalMs`; elsewhere only the
 * parent, by `process.ppid` changing. Init (pid 1) is not watched: a process started
 * by it, or by a service manager, runs until stopped.
 */
import { readFileSync } from 'node:fs';

/** One ancestor as recorded: its pid and, on Linux, its start time in clock ticks. */
interface Ancestor {
  pid: number;
  start?: string;
}

/** A running watch; stop it when the watcher's work ends first. */
export interface AncestorWatch {
  /** The ancestors watched, nearest first. */
  readonly pids: readonly number[];
  stop(): void;
}

/**
 * Parent pid and start time from /proc/PID/stat; null when it cannot be read or the
 * process has ended (a zombie, state Z, is a process that ended but is not yet reaped).
 */
function procStat(pid: number): { ppid: number; start: string } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid … starttime …": comm may hold spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, starttime field 22.
  if (fields[0] === 'Z' || fields[0] === 'X') return null;
  return { ppid: Number(fields[1]), start: fields[19] };
}

/** This process's ancestors, nearest first, up to (not including) init. */
function ancestors(): Ancestor[] {
  if (procStat(process.pid) === null) {
    // No /proc (macOS, Windows): the parent only.
    return process.ppid > 1 ? [{ pid: process.ppid }] : [];
  }
  const chain: Ancestor[] = [];
  for (let pid = process.ppid; pid > 1 && chain.length < 64;) {
    const stat = procStat(pid);
    if (stat === null) break;
    chain.push({ pid, start: stat.start });
    pid = stat.ppid;
  }
  return chain;
}

/** Whether a recorded ancestor is still the same running process. */
function alive(a: Ancestor): boolean {
  if (a.start === undefined) return process.ppid === a.pid;
  return procStat(a.pid)?.start === a.start;
}

/**
 * Calls `onGone(pid)` once, when one of this process's ancestors (recorded now) has
 * ended. The timer does not keep the process alive.
 */
export function watchAncestors(onGone: (pid: number) => void, intervalMs = 500): AncestorWatch {
  const chain = ancestors();
  const timer = setInterval(() => {
    const gone = chain.find((a) => !alive(a));
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone.pid);
  }, intervalMs);
  timer.unref();
  return { pids: chain.map((a) => a.pid), stop: () => clearInterval(timer) };
}
