import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

  it('packs tegum-constrained with --k and saves V as a d × n float32 .npy', async () => {
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
      '--k',
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
    const { timing, runs } = JSON.parse(r.stdout);
    expect(timing.backend).toBe(native ? 'native' : 'wasm');
    expect(timing.threads).toBe(2);
    expect(timing.steps).toBe(runs.reduce((s: number, x: { steps: number }) => s + x.steps, 0));
    expect(timing.steps).toBeGreaterThan(50);
    expect(timing.wallSeconds).toBeGreaterThan(0);
    expect(timing.stepsPerSecond).toBeCloseTo(timing.steps / timing.wallSeconds, 6);
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
    [['--n', '6', '--d', '3', '--objective', 'minimax', '--alpha', '2'], /--alpha does not apply/],
    [['--n', '6', '--d', '3', '--k', '4'], /k must be an integer in \[1, min\(n, d\)\]/],
    [['--n', 'six', '--d', '3'], /option '--n <int>' argument 'six' is invalid/],
    [['--n', '6', '--d', '3', '--objective', 'cubic'], /must be one of power, threshold, minimax/],
    [['--n', '6', '--d', '3', '--save', 'v.txt'], /--save must name a .npy file/],
    [['--n', '6', '--d', '3', '--alpha', '-1'], /--alpha <x>/],
    [['--n', '6', '--d', '3', '--backend', 'gpu'], /must be one of auto, native, wasm, js/],
  ])('rejects bad flags with one line and exit code 2: %j', async (args, message) => {
    const r = await runCli(['pack', 'run', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
