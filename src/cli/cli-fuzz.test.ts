/**
 * A fuzz test over the CLI's flag space: fast-check draws commands from
 * the flags of `theory`, `pack run` and `toy run`, and configs for `rerun`, with values
 * good, bad and extreme;
 * every command must exit 0, 1 or 2, print no stack trace and no NaN or Infinity,
 * and leave no stray file (nothing at all when it fails). Bounded: 20 commands and
 * 40 s, so it fits the suite.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

const number = fc.constantFrom(
  '0',
  '-1',
  '1',
  '2',
  '3',
  '2.5',
  '1e400',
  'NaN',
  'Infinity',
  '1e-320',
  '0x10',
  '',
  'abc',
  '1e9',
);
const small = fc.constantFrom('0', '1', '2', '5', '-1', '2.5', '1e400', 'x');
const path = fc.constantFrom('o', 'afile', 'adir', 'afile/x', '', 'o/../p', '/proc/nope/x');

/** [flag, value generator | null for a switch]. */
type Flag = [string, fc.Arbitrary<string> | null];

const theoryFlags: Flag[] = [
  ['--n', fc.constantFrom('100', '1000', '1e5', '1e13', '5', '-1', 'x')],
  ['--d', fc.constantFrom('10', '50', '500', '1e12', '0', 'x')],
  ['--bound', fc.constantFrom('jl', 'jl-cubic', 'welch', 'random', 'nope')],
  ['--loss', fc.constantFrom('post', 'pairs', 'x')],
  ['--epsilon0', number],
  ['--json', null],
];

const commands: fc.Arbitrary<string[]>[] = [
  command(
    ['theory', 'optimum', '--n', '1000', '--d', '500', '--alpha', '1'],
    [
      ...theoryFlags,
      ['--alpha', fc.constantFrom('1', '800', '1000', '0.5,2', '1,,2', '0', 'NaN', '1e400')],
    ],
  ),
  command(
    ['theory', 'curve', '--n', '1000', '--d', '500', '--alpha', '1'],
    [
      ...theoryFlags,
      ['--alpha', number],
      ['--points', fc.constantFrom('2', '50', '1', '1e9', '100000', 'x')],
    ],
  ),
  command(['theory', 'transition', '--n', '1000', '--d', '500'], theoryFlags),
  command(
    ['pack', 'run', '--n', '8', '--d', '3', '--steps', '30'],
    [
      ['--n', fc.constantFrom('1', '2', '8', '1e9', '0', 'x')],
      ['--d', fc.constantFrom('1', '2', '3', '0', '1e9')],
      ['--objective', fc.constantFrom('power', 'threshold', 'minimax', 'nope')],
      ['--alpha', number],
      ['--threshold', number],
      ['--p', number],
      ['--beta-start', number],
      ['--blocks', small],
      ['--steps', small],
      ['--restarts', fc.constantFrom('1', '2', '0', '1e400')],
      ['--optimizer', fc.constantFrom('adam', 'momentum', 'sgd')],
      ['--lr', fc.constantFrom('0.01', '1e300', '1e-300', '0', '-1')],
      ['--min-lr-factor', fc.constantFrom('0', '0.5', '1', '2')],
      ['--beta1', fc.constantFrom('0', '0.5', '0.99', '1')],
      ['--window', small],
      ['--cosine-tolerance', fc.constantFrom('0', '0.02', '0.9', '1')],
      ['--seed', small],
      ['--threads', fc.constantFrom('1', '2', '1000', '0')],
      ['--backend', fc.constantFrom('js', 'wasm', 'gpu')],
      ['--save', fc.constantFrom('v.npy', 'adir', 'afile/v.npy', 'v.txt')],
      ['--json', null],
    ],
  ),
  command(
    ['toy', 'run', '--n', '5', '--m', '2', '--sparsity', '0,0.9', '--steps', '20'],
    [
      ['--n', fc.constantFrom('1', '5', '8', '1e9', '0', 'x')],
      ['--m', fc.constantFrom('1', '2', '3', '1e9', '0')],
      ['--sparsity', fc.constantFrom('0', '0.5,0.9', '1', '-0.1', 'x', '0,,1')],
      ['--instances', fc.constantFrom('1', '2', '4', '3', '0')],
      ['--importance', fc.constantFrom('uniform', 'decay:0.9', 'decay:1e300', 'decay:0', 'x')],
      ['--steps', small],
      ['--lr', fc.constantFrom('1e-3', '1e30', '100', '1e-300', '0')],
      ['--weight-decay', fc.constantFrom('0', '0.01', '1e300', '-1', 'NaN')],
      ['--beta2', fc.constantFrom('0', '0.99', '1', '-0.5')],
      ['--eps', fc.constantFrom('1e-8', '0', '1e300', '-1')],
      ['--init', fc.constantFrom('xavier-normal', 'xavier-uniform', 'he')],
      ['--eval-batches', fc.constantFrom('1', '3', '0', '1e9')],
      ['--rank-tolerance', fc.constantFrom('0', '0.1', '1', '2')],
      ['--batch-size', fc.constantFrom('1', '64', '1e12', '0')],
      ['--threads', fc.constantFrom('1', '2', '1000')],
      ['--schedule', fc.constantFrom('constant', 'cosine', 'nope')],
      ['--optimizer', fc.constantFrom('adam', 'adamw', 'sgd')],
      ['--preset', fc.constantFrom('intro', 'nope')],
      ['--out', path],
      ['--save', path],
      ['--no-figures', null],
      ['--json', null],
    ],
  ),
  // `tegum rerun` of configs good, partial, misspelt and malformed.
  fc
    .constantFrom(
      '{"kind": "theory", "n": 1000, "d": 500, "alpha": 1}',
      '{"kind": "theory", "n": 10, "d": 500, "alpha": 1}',
      '{"kind": "pack", "n": 8, "d": 3, "steps": 30}',
      '{"kind": "pack", "n": 8, "d": 3, "steps": 30, "blocks": 9}',
      '{"kind": "pack", "n": 8, "d": 3, "constrainedK": 2}',
      '{"kind": "toy", "n": 5, "m": 2, "sparsity": [0, 0.9], "steps": 20}',
      '{"kind": "toy", "n": 5, "m": 2, "sparsity": 1, "steps": 20}',
      '{"config": {"kind": "toy", "n": 5, "m": 2, "sparsity": 0.5, "steps": 1e400}}',
      '{"kind": "nope"}',
      '{"kind": "toy",',
      'afile',
      'adir',
    )
    .map((config) => ['rerun', config]),
];

/** A base command and 0–3 flags drawn from `flags` (later flags override earlier). */
function command(base: string[], flags: Flag[]): fc.Arbitrary<string[]> {
  const one = fc
    .constantFrom(...flags)
    .chain(([name, value]): fc.Arbitrary<string[]> =>
      value === null ? fc.constant([name]) : value.map((v) => [name, v]),
    );
  return fc.array(one, { maxLength: 3 }).map((parts) => [...base, ...parts.flat()]);
}

function run(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('the CLI under fuzzed flags', () => {
  it('exits 0, 1 or 2 with one line on failure, no stack trace, no NaN and no stray file', async () => {
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(...commands), async (args) => {
        ran++;
        const cwd = mkdtempSync(join(tmpdir(), 'tegum-fuzz-'));
        writeFileSync(join(cwd, 'afile'), '');
        mkdirSync(join(cwd, 'adir'));
        const before = listing(cwd);
        const { code, out, err } = await run(args, cwd);
        const where = `tegum ${args.join(' ')}\n${err}`;
        expect([0, 1, 2], where).toContain(code);
        expect(err, where).not.toMatch(/\n\s+at |internal error/);
        expect(out, where).not.toMatch(/NaN|Infinity/);
        const after = listing(cwd);
        expect(
          after.filter((f) => f.includes('.tmp-')),
          where,
        ).toEqual([]);
        if (code !== 0) {
          expect(err.trim().split('\n'), where).toHaveLength(1);
          expect(after, where).toEqual(before);
        }
      }),
      { numRuns: 20, interruptAfterTimeLimit: 40_000, seed: 13, endOnFailure: true },
    );
    // The time limit may cut the run short on a loaded machine; a handful must still run.
    expect(ran).toBeGreaterThanOrEqual(5);
    process.stderr.write(`cli fuzz: ${ran} commands\n`);
  }, 90_000);
});
