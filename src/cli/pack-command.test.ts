import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packingTolerances } from '../test-support/tolerances.js';
import { decodeNpy } from '../core/npy.js';
import { runCli } from '../test-support/run-cli.js';
import { NATIVE_REQUIRED, nativeLoads } from '../test-support/backends.js';

const native = await nativeLoads();

describe('tegum pack run', () => {
  it('prints the contract fields as JSON and finds the ETF of 6 lines in R³', async () => {
    const r = await runCli([
      'pack',
      'run',
      '--n',
      '6',
      '--d',
      '3',
      '--objective',
      'minimax',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const field of ['loss', 'maxAbsCos', 'meanAbsCos', 'k'])
      expect(typeof out[field]).toBe('number');
    expect(out.maxAbsCos).toBeCloseTo(1 / Math.sqrt(5), packingTolerances.cliKnownAnswerDigits);
    expect(out.k).toBe(1);
    expect(out.factors).toEqual([
      { size: 6, dim: 3, label: '6 in 3 dims', features: [0, 1, 2, 3, 4, 5] },
    ]);
  });

  it('packs tegum-constrained with --blocks and saves V as a d × n float32 .npy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-pack-'));
    const file = join(dir, 'v.npy');
    const r = await runCli([
      'pack',
      'run',
      '--n',
      '12',
      '--d',
      '6',
      '--alpha',
      '2',
      '--blocks',
      '3',
      '--seed',
      '4',
      '--steps',
      '500',
      '--json',
      '--save',
      file,
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.constrainedK).toBe(3);
    expect(out.config).toMatchObject({ kind: 'pack', blocks: 3, alpha: 2, seed: 4, steps: 500 });
    expect(out.loss).toBeCloseTo((12 * 12) / 6 - 12, packingTolerances.cliKnownAnswerDigits);
    expect(out.k).toBe(3);
    expect(out.factors.map((f: { size: number; dim: number }) => [f.size, f.dim])).toEqual([
      [4, 2],
      [4, 2],
      [4, 2],
    ]);
    const npy = decodeNpy(new Uint8Array(readFileSync(file)));
    expect(npy.shape).toEqual([6, 12]);
    expect(npy.data).toBeInstanceOf(Float32Array);
  });

  const TIMED = ['pack', 'run', '--n', '16', '--d', '4', '--restarts', '2', '--steps', '50'];

  it('reports its timing: the backend auto chose, threads, steps taken, wall time, steps/s', async () => {
    if (NATIVE_REQUIRED) expect(native).toBe(true);
    const r = await runCli([...TIMED, '--threads', '2', '--json']);
    expect(r.status).toBe(0);
    const { timing, runs, config } = JSON.parse(r.stdout);
    expect(timing.backend).toBe(native ? 'native' : 'wasm');
    expect(timing.threads).toBe(2);
    expect(config.threads).toBe(2);
    expect(timing.steps).toBe(runs.reduce((s: number, x: { steps: number }) => s + x.steps, 0));
    expect(timing.steps).toBeGreaterThan(50);
    expect(timing.wallSeconds).toBeGreaterThan(0);
    expect(timing.stepsPerSecond).toBeCloseTo(timing.steps / timing.wallSeconds, 6);
  });

  it('reports one thread count, the one recorded in its config, for several restarts and for one task', async () => {
    const cores = availableParallelism();
    const several = await runCli([
      ...TIMED.slice(0, -4),
      '--restarts',
      '3',
      '--steps',
      '20',
      '--json',
    ]);
    expect(several.status).toBe(0);
    const a = JSON.parse(several.stdout);
    // A worker per task, at most the cores.
    expect(a.config.threads).toBe(Math.min(cores, 3));
    expect(a.timing.threads).toBe(a.config.threads);
    const one = await runCli([...TIMED.slice(0, -4), '--restarts', '1', '--steps', '20', '--json']);
    expect(one.status).toBe(0);
    const b = JSON.parse(one.stdout);
    // One task runs here, its kernels on the cores.
    expect(b.config.threads).toBe(cores);
    expect(b.timing.threads).toBe(b.config.threads);
    const js = await runCli([...TIMED.slice(0, -4), '--steps', '20', '--backend', 'js', '--json']);
    expect(js.status).toBe(0);
    const c = JSON.parse(js.stdout);
    // The js kernels have no threads of their own.
    expect(c.config.threads).toBe(1);
    expect(c.timing.threads).toBe(1);
  });

  it('takes every optimizer field as a flag and records it in its config', async () => {
    const r = await runCli([
      'pack',
      'run',
      '--n',
      '8',
      '--d',
      '3',
      '--objective',
      'minimax',
      '--beta-start',
      '10',
      '--beta-end',
      '1000',
      '--optimizer',
      'momentum',
      '--lr',
      '0.02',
      '--schedule',
      'constant',
      '--min-lr-factor',
      '0.01',
      '--beta1',
      '0.8',
      '--beta2',
      '0.99',
      '--relative-tolerance',
      '1e-6',
      '--window',
      '50',
      '--cosine-tolerance',
      '0.05',
      '--steps',
      '100',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.config).toMatchObject({
      objective: 'minimax',
      betaStart: 10,
      betaEnd: 1000,
      alpha: null,
      blocks: null,
      optimizer: 'momentum',
      lr: 0.02,
      schedule: 'constant',
      minLrFactor: 0.01,
      beta1: 0.8,
      beta2: 0.99,
      relativeTolerance: 1e-6,
      window: 50,
      cosineTolerance: 0.05,
      steps: 100,
    });
    expect(out.params).toEqual({ betaStart: 10, betaEnd: 1000 });
    expect(out.cosineTolerance).toBe(0.05);
  });

  it('falls back from auto to WebAssembly where the native addon is absent (TEGUM_NATIVE=off)', async () => {
    const r = await runCli([...TIMED, '--json'], undefined, { TEGUM_NATIVE: 'off' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.timing.backend).toBe('wasm');
    expect(out.config.backend).toBe('wasm');
  });

  it('refuses an explicit --backend native that cannot load with one line and exit code 2', async () => {
    const r = await runCli([...TIMED, '--backend', 'native'], undefined, { TEGUM_NATIVE: 'off' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      "tegum: error: native backend not available (TEGUM_NATIVE=off); choose 'auto' or 'wasm'",
    );
    expect(r.stdout).toBe('');
  });

  it('prints its timing in the human-readable summary', async () => {
    const r = await runCli([...TIMED, '--backend', 'js', '--threads', '1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\d+ steps in [\d.]+ s \([\d.]+ steps\/s, js, 1 thread\)/);
  });

  it.each([
    [
      ['--n', '6', '--d', '3', '--objective', 'minimax', '--alpha', '2'],
      /alpha does not apply to objective minimax \(it takes: betaStart, betaEnd\)/,
    ],
    [['--n', '6', '--d', '3', '--blocks', '4'], /blocks must be an integer in \[1, min\(n, d\)\]/],
    [['--n', '6', '--d', '3', '--k', '2'], /unknown option '--k'/],
    [['--n', '6', '--d', '3', '--method', 'adam'], /unknown option '--method'/],
    [['--n', '6', '--d', '3', '--optimizer', 'sgd'], /must be one of adam, momentum/],
    [
      ['--n', '6', '--d', '3', '--min-lr-factor', '2'],
      /--min-lr-factor <x>' argument '2' is invalid/,
    ],
    [['--d', '3'], /needs --n and --d/],
    [['--n', 'six', '--d', '3'], /option '--n <int>' argument 'six' is invalid/],
    [['--n', '6', '--d', '3', '--objective', 'cubic'], /must be one of power, threshold, minimax/],
    [['--n', '6', '--d', '3', '--save', 'v.txt'], /--save must name a .npy file/],
    [['--n', '6', '--d', '3', '--alpha', '-1'], /alpha must be > 0, got -1/],
    [['--n', '6', '--d', '3', '--backend', 'gpu'], /must be one of auto, native, wasm, js/],
  ])('rejects bad flags with one line and exit code 2: %j', async (args, message) => {
    const r = await runCli(['pack', 'run', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
