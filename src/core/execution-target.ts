/**
 * What 'auto' and the default thread counts resolve to on this machine (Node only): the
 * fastest backend that loads (native, else wasm, else js: ./backend.ts) and the cores.
 * The CLI and the sweeps take their target from here, so a sweep row and the command
 * that reruns it choose the same kernels by the same rule; the choice is recorded in
 * each resolved run.
 */
import { availableParallelism } from 'node:os';
import { getBackend, useBackend } from './backend.js';

/** Where runs execute: the kernels 'auto' stands for, and the cores. */
export interface ExecutionTarget {
  auto: 'native' | 'wasm' | 'js';
  cores: number;
}

let cached: Promise<'native' | 'wasm' | 'js'> | undefined;

/** This machine's target; loads the backends once to learn which does. */
export async function executionTarget(): Promise<ExecutionTarget> {
  cached ??= (async () => {
    const before = getBackend();
    const auto = await useBackend('auto');
    if (before !== auto) await useBackend(before);
    return auto;
  })();
  known = { auto: await cached, cores: availableParallelism() };
  return known;
}

let known: ExecutionTarget | undefined;

/**
 * The target once `executionTarget()` has answered in this process (the CLI and the
 * experiments await it before resolving runs); before that, what a process without the
 * native addon would pick: wasm on one core.
 */
export function knownExecutionTarget(): ExecutionTarget {
  return known ?? { auto: 'wasm', cores: 1 };
}
