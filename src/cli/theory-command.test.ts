import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

async function json(args: string[]): Promise<unknown> {
  const r = await runCli(args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

describe('tegum theory optimum --json', () => {
  it("prints one object per α with the contract's fields and the post's numbers", async () => {
    const out = (await json([
      'theory',
      'optimum',
      '--n',
      '100000',
      '--d',
      '10000',
      '--alpha',
      '0.5,1,1.5,2',
      '--json',
    ])) as Record<string, number>[];
    expect(out.map((o) => o.alpha)).toEqual([0.5, 1, 1.5, 2]);
    for (const o of out) {
      for (const field of ['alpha', 'kStar', 'kStarContinuous', 'epsilon', 'lossRatio', 'kMax']) {
        expect(typeof o[field]).toBe('number');
      }
      expect(o.kStar).toBeGreaterThan(1);
      expect(o.kStar).toBeLessThan(o.kMax);
      expect(o.lossRatio).toBeLessThan(1);
    }
    expect(out[0].kMax).toBe(55);
  });

  it('accepts --bound and --loss and prints a table without --json', async () => {
    const r = await runCli([
      'theory',
      'optimum',
      '--n',
      '1e5',
      '--d',
      '1e4',
      '--alpha',
      '1',
      '--bound',
      'welch',
      '--loss',
      'pairs',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/alpha\s+kStar\s+kStarContinuous/);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
  });
});

describe('tegum theory transition --json', () => {
  it('prints alphaStar a little above 2', async () => {
    const out = (await json([
      'theory',
      'transition',
      '--n',
      '100000',
      '--d',
      '10000',
      '--json',
    ])) as {
      alphaStar: number;
    };
    expect(out.alphaStar).toBeGreaterThan(2);
    expect(out.alphaStar).toBeLessThan(2.2);
  });
});

describe('tegum theory curve --json', () => {
  it('prints the requested number of points from k = 1 to kMax', async () => {
    const out = (await json([
      'theory',
      'curve',
      '--n',
      '100000',
      '--d',
      '10000',
      '--alpha',
      '1',
      '--points',
      '7',
      '--json',
    ])) as Record<string, number>[];
    expect(out).toHaveLength(7);
    expect(Object.keys(out[0]).sort()).toEqual(
      ['dLossDk', 'epsilon', 'k', 'loss', 'normalizedLoss'].sort(),
    );
    expect(out[0].k).toBe(1);
    expect(out[0].normalizedLoss).toBe(1);
    expect(out[6].k).toBe(55);
  });
});

describe('tegum theory figures', () => {
  it('writes both figures, their data and the bounds comparison', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-fig-'));
    const r = await runCli(['theory', 'figures', '--out', dir]);
    expect(r.status).toBe(0);
    const files = readdirSync(join(dir, 'jl-cubic')).sort();
    expect(files).toEqual([
      'data.json',
      'figure-a-loss-vs-k.csv',
      'figure-a-loss-vs-k.png',
      'figure-a-loss-vs-k.svg',
      'figure-b-kstar-vs-alpha.csv',
      'figure-b-kstar-vs-alpha.png',
      'figure-b-kstar-vs-alpha.svg',
    ]);
    const png = readFileSync(join(dir, 'jl-cubic', 'figure-a-loss-vs-k.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const csv = readFileSync(join(dir, 'jl-cubic', 'figure-b-kstar-vs-alpha.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('alpha,kStar,kStarContinuous,lossRatio,struckKStar');
    expect(readdirSync(dir)).toContain('bounds-compared.png');
  });
});

describe('bad input', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'n not above d',
      ['theory', 'optimum', '--n', '100', '--d', '1000', '--alpha', '1'],
      /n must be an integer greater than d/,
    ],
    [
      'a negative α',
      ['theory', 'optimum', '--n', '100', '--d', '10', '--alpha', '1,-2'],
      /--alpha <list>' argument '1,-2' is invalid\. -2: must be a finite number > 0/,
    ],
    [
      'an empty α in the list',
      ['theory', 'optimum', '--n', '100', '--d', '10', '--alpha', '1,,2'],
      /--alpha.*comma-separated/,
    ],
    [
      'a non-numeric n',
      ['theory', 'transition', '--n', 'lots', '--d', '10'],
      /--n <int>' argument 'lots' is invalid\. must be/,
    ],
    [
      'n below 2',
      ['theory', 'transition', '--n', '1', '--d', '10'],
      /--n <int>' argument '1' is invalid\. must be an integer ≥ 2/,
    ],
    [
      'a fractional d',
      ['theory', 'transition', '--n', '100', '--d', '2.5'],
      /--d <int>.*integer ≥ 1/,
    ],
    [
      'an infinite α',
      ['theory', 'curve', '--n', '100', '--d', '10', '--alpha', 'Infinity'],
      /--alpha.*finite number/,
    ],
    [
      'an unknown bound',
      ['theory', 'transition', '--n', '100', '--d', '10', '--bound', 'jl2'],
      /--bound.*must be one of jl, jl-cubic, welch, random/,
    ],
    [
      'an unknown loss',
      ['theory', 'transition', '--n', '100', '--d', '10', '--loss', 'mean'],
      /--loss.*must be one of post, pairs/,
    ],
    [
      'zero points',
      ['theory', 'curve', '--n', '100', '--d', '10', '--alpha', '1', '--points', '0'],
      /--points.*integer from 2 to 100000/,
    ],
    [
      'one point',
      ['theory', 'curve', '--n', '100', '--d', '10', '--alpha', '1', '--points', '1'],
      /--points.*integer from 2 to 100000/,
    ],
    [
      'a missing --d',
      ['theory', 'optimum', '--n', '100', '--alpha', '1'],
      /required option '--d <int>'/,
    ],
    [
      'an unknown flag',
      ['theory', 'optimum', '--n', '100', '--d', '10', '--alpha', '1', '--frobnicate'],
      /unknown option '--frobnicate'/,
    ],
    [
      'an empty domain',
      ['theory', 'optimum', '--n', '1000000', '--d', '10', '--alpha', '1'],
      /domain is empty/,
    ],
    ['an unknown command', ['theroy'], /unknown command 'theroy'/],
  ];
  it.each(cases)(
    'rejects %s with one line on stderr and exit code 2',
    async (_name, args, message) => {
      const r = await runCli(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('prints help with exit code 0', async () => {
    const r = await runCli(['theory', 'optimum', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--alpha <list>/);
  });
});

describe('tegum reproduce', () => {
  it('writes the figures and a report, prints its path last, and reuses the result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-repro-cli-'));
    const first = await runCli(['reproduce', '--out', dir, '--only', 'theory']);
    expect(first.status).toBe(0);
    expect(first.stdout.trim().split('\n').at(-1)).toMatch(/report\.html$/);
    expect(readdirSync(join(dir, 'theory', 'jl-cubic'))).toContain('figure-a-loss-vs-k.png');
    const second = await runCli(['reproduce', '--out', dir, '--only', 'theory']);
    expect(second.stderr).toMatch(/reused/);
  });

  it('rejects an unknown experiment in --only with one line and exit code 2', async () => {
    const r = await runCli(['reproduce', '--only', 'theory,nope']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /^tegum: error: --only: unknown experiment 'nope'; allowed: theory, packing/,
    );
  });

  it('runs the post-regime packing only with --full, and says so for --only without it', async () => {
    const r = await runCli(['reproduce', '--only', 'packing-post']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      "tegum: error: --only: experiment 'packing-post' runs only with --full",
    );
    expect(r.stdout).toBe('');
  });
});
