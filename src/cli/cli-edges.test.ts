/**
 * The CLI at its edges: every bad input one line on stderr and exit 2,
 * a run that diverged exit 1 with its cause, nothing non-finite printed, output
 * paths checked before any work, nothing half-written, a closed stdout no crash.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'tegum-edges-'));
}

/** Runs `tegum args` in `cwd` and checks the shape every failure must have. */
async function fails(args: string[], code: number, message: RegExp, cwd = scratch()) {
  const r = await runCli(args, cwd);
  expect(r.status).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(r.stdout).not.toMatch(/NaN|Infinity/);
  return { ...r, cwd };
}

const tiny = ['toy', 'run', '--n', '5', '--m', '2', '--sparsity', '0', '--steps', '5'];

describe('a run that diverges', () => {
  it('exits 1 from pack run --lr 1e300, naming the cause and a remedy', async () => {
    await fails(
      ['pack', 'run', '--n', '10', '--d', '3', '--lr', '1e300'],
      1,
      /^tegum: diverged: .*smaller learning rate/,
    );
  });

  it('exits 1 from toy run with a huge lr and no weight decay, blaming the learning rate', async () => {
    await fails(
      [...tiny, '--lr', '1e30', '--weight-decay', '0', '--no-figures'],
      1,
      /^tegum: diverged: toy training diverged at step \d+: .*likely cause: learning rate 1e\+30/,
    );
  });

  it('is refused before training when lr × weight decay ≥ 1 (W would be zeroed each step)', async () => {
    await fails(
      [...tiny, '--lr', '100', '--no-figures'],
      2,
      /lr × weightDecay must be < 1, got 100 × 0.01 = 1/,
    );
  });
});

describe('numbers past the floating-point range', () => {
  it('prints a finite lossRatio at α = 800, computed in log space', async () => {
    const r = await runCli([
      'theory',
      'optimum',
      '--n',
      '1000',
      '--d',
      '500',
      '--alpha',
      '800',
      '--json',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/NaN|Infinity|null/);
    expect(JSON.parse(r.stdout)[0].lossRatio).toBe(1);
  });

  it('refuses a curve whose normalized loss would overflow, with the remedy', async () => {
    await fails(
      ['theory', 'curve', '--n', '1000', '--d', '500', '--alpha', '1000', '--bound', 'welch'],
      2,
      /normalizedLoss would be Infinity.*choose a smaller --alpha/,
    );
  });

  it('says in words that ρ is undefined when k is the same at every sparsity', async () => {
    const r = await runCli([
      'toy',
      'run',
      '--preset',
      'tegum',
      '--steps',
      '5',
      '--no-figures',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { tegum: { rhoK: number | null; summary: string } };
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    if (out.tegum.rhoK === null) expect(out.tegum.summary).toMatch(/ρ\(S, k\) is undefined/);
  });
});

describe('resources', () => {
  it('refuses a toy model that cannot fit in memory, with the need and what the machine has', async () => {
    await fails(
      ['toy', 'run', '--n', '100000', '--m', '100000', '--sparsity', '0', '--steps', '1'],
      2,
      /needs about [\d.]+ GiB of memory; this machine has [\d.]+ GiB/,
    );
  });

  it('refuses a packing whose Gram matrix cannot fit', async () => {
    await fails(
      ['pack', 'run', '--n', '1000000', '--d', '10'],
      2,
      /n = 1000000.*needs about .* GiB/,
    );
  });

  it.each([
    [['toy', 'run', '--preset', 'intro', '--threads', '1000'], /--threads.*from 1 to \d+/],
    [[...tiny, '--batch-size', '1e12'], /--batch-size.*from 1 to 1048576/],
    [
      ['theory', 'curve', '--n', '100', '--d', '50', '--alpha', '1', '--points', '1e9'],
      /--points.*from 2 to 100000/,
    ],
  ])('caps a flag: %j', async (args, message) => {
    await fails(args, 2, message);
  });
});

describe('output paths', () => {
  it('are checked before any work: --out naming a file', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'afile'), '');
    await fails(
      [...tiny, '--out', 'afile'],
      2,
      /--out afile is a file; it must name a folder/,
      cwd,
    );
  });

  it('leave nothing written when one of two is bad (--save A --out BAD)', async () => {
    const cwd = scratch();
    writeFileSync(join(cwd, 'afile'), '');
    await fails(
      [...tiny, '--save', 'A', '--out', 'afile/x'],
      2,
      /--out afile\/x: .*afile is a file/,
      cwd,
    );
    expect(readdirSync(cwd)).toEqual(['afile']);
  });

  it('refuse pack run --save naming a folder', async () => {
    const cwd = scratch();
    mkdirSync(join(cwd, 'v.npy'));
    await fails(
      ['pack', 'run', '--n', '6', '--d', '3', '--save', 'v.npy'],
      2,
      /--save v.npy is a folder/,
      cwd,
    );
  });

  it('write every output of a run and no temporary file when it succeeds', async () => {
    const cwd = scratch();
    const r = await runCli([...tiny, '--save', 'w', '--out', 'o'], cwd);
    expect(r.status).toBe(0);
    const all = readdirSync(cwd, { recursive: true, encoding: 'utf8' });
    expect(all.filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(existsSync(join(cwd, 'w', 'manifest.json'))).toBe(true);
    expect(existsSync(join(cwd, 'o', 'results.csv'))).toBe(true);
  });
});

describe('one error prefix', () => {
  it.each([
    [['sweep', 'run', 'x.yaml'], "tegum: error: required option '--out <dir>' not specified"],
    [['theroy'], "tegum: error: unknown command 'theroy' (Did you mean theory?)"],
    [
      ['sweep', 'status', 'a', 'b'],
      "tegum: error: too many arguments for 'status'. Expected 1 argument but got 2.",
    ],
    [
      ['worker', '--queue', 'redis://127.0.0.1:1', '--threads', '0'],
      /^tegum: error: option '--threads <int>' argument '0' is invalid\. must be an integer from 1 to \d+\.$/,
    ],
  ])("is printed for commander's errors as for ours: %j", async (args, line) => {
    const { stderr } = await fails(args, 2, /^tegum: error: /);
    if (typeof line === 'string') expect(stderr).toBe(`${line}\n`);
    else expect(stderr.trim()).toMatch(line);
  });
});

describe('a closed stdout', () => {
  it('ends quietly when the reader stops early (tegum … --json | head -1)', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI,
        'theory',
        'curve',
        '--n',
        '100000',
        '--d',
        '10000',
        '--alpha',
        '1',
        '--points',
        '5000',
        '--json',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
