import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { phase2in1Job } from '../sweep/kinds/phase-2in1-job.js';
import { optimum } from '../theory/optimum.js';
import { theoryModel } from '../theory/theory-model.js';
import { transition } from '../theory/transition.js';
import { runCli, type CliResult } from '../test-support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tegum-rerun-'));

/** The JSON a successful run printed. */
function ok(r: CliResult): Record<string, unknown> {
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** A record's numbers: everything but how long it took. */
function numbers(record: Record<string, unknown>): Record<string, unknown> {
  return without(record, ['timing']);
}

/** `record` less the keys `drop`. */
function without(record: object, drop: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !drop.includes(k)));
}

const TOY = ['toy', 'run', '--n', '5', '--m', '2', '--sparsity', '0,0.9', '--steps', '60'];
const PACK = ['pack', 'run', '--n', '8', '--d', '3', '--restarts', '2', '--steps', '100'];

describe('tegum rerun', () => {
  it('reruns a toy run --json output to the same instances, config and identity', async () => {
    const first = ok(await runCli([...TOY, '--seed', '2', '--importance', 'decay:0.8', '--json']));
    const file = join(dir, 'toy.json');
    writeFileSync(file, JSON.stringify(first));
    const again = ok(await runCli(['rerun', file, '--json']));
    expect(again.config).toEqual(first.config);
    expect(again.identity).toBe(first.identity);
    expect(again.instances).toEqual(first.instances);
    expect(numbers(again)).toEqual(numbers(first));
    // The config alone, inline, is the same run.
    const inline = ok(await runCli(['rerun', JSON.stringify(first.config), '--json']));
    expect(inline.identity).toBe(first.identity);
    expect(inline.instances).toEqual(first.instances);
  });

  it("reruns a toy config recorded with the model's earlier name, activation", async () => {
    const first = ok(await runCli([...TOY, '--model', 'linear', '--json']));
    const config = { ...(first.config as object), activation: 'linear' } as Record<string, unknown>;
    delete config.model;
    const again = ok(await runCli(['rerun', JSON.stringify(config), '--json']));
    expect(numbers(again)).toEqual(numbers(first));
    const bad = await runCli(['rerun', JSON.stringify({ ...config, activation: 'tanh' })]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/activation must be relu or linear .* got "tanh"/);
  });

  it('reads CONFIG from stdin when it is -', async () => {
    const printed = await runCli([...TOY, '--json']);
    const first = ok(printed);
    const again = ok(await runCli(['rerun', '-', '--json'], undefined, undefined, printed.stdout));
    expect(again.identity).toBe(first.identity);
    expect(again.instances).toEqual(first.instances);
  });

  it('reruns a pack run --json output to the same loss, factors and runs', async () => {
    const first = ok(await runCli([...PACK, '--objective', 'minimax', '--json']));
    const file = join(dir, 'pack.json');
    writeFileSync(file, JSON.stringify(first));
    const again = ok(await runCli(['rerun', file, '--json']));
    expect(again.config).toEqual(first.config);
    expect(again.identity).toBe(first.identity);
    expect(again.loss).toBe(first.loss);
    expect(again.maxAbsCos).toBe(first.maxAbsCos);
    expect(again.factors).toEqual(first.factors);
    expect(again.runs).toEqual(first.runs);
    expect(numbers(again)).toEqual(numbers(first));
  });

  it('reruns a tegum-constrained power packing, its blocks and alpha recorded', async () => {
    const first = ok(await runCli([...PACK, '--blocks', '2', '--alpha', '1.5', '--json']));
    expect(first.config).toMatchObject({ blocks: 2, alpha: 1.5, threshold: null });
    const again = ok(await runCli(['rerun', JSON.stringify(first), '--json']));
    expect(again.config).toEqual(first.config);
    expect(again.loss).toBe(first.loss);
    expect(again.factors).toEqual(first.factors);
  });

  it("reruns a theory config: the model's k*, L(k*)/L(1) and α*", async () => {
    const out = ok(
      await runCli([
        'rerun',
        '{"kind": "theory", "n": 1000, "d": 100, "alpha": 1.5, "bound": "welch"}',
      ]),
    );
    const run = { n: 1000, d: 100, alpha: 1.5, bound: 'welch' };
    const model = theoryModel(run);
    expect(out.config).toEqual({
      kind: 'theory',
      ...run,
      loss: 'post',
      epsilon0: 1,
    });
    expect(out).toMatchObject({ ...optimum(model), alphaStar: transition(model).alphaStar });
    // A resolved config reruns to itself.
    const again = ok(await runCli(['rerun', JSON.stringify(out)]));
    expect(again).toEqual(out);
  });

  it("reruns a sweep row's phase-diagram config as its toy run, the coordinates left out", async () => {
    const config = phase2in1Job.resolve(
      { relativeImportance: 2, density: 0.5, steps: 30, backend: 'wasm' },
      3,
    );
    const out = ok(await runCli(['rerun', JSON.stringify({ config }), '--json']));
    expect(out.config).toEqual(without(config, ['relativeImportance', 'density']));
    expect(out.instances).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"kind": "toy",', /^tegum: error: CONFIG is not JSON/],
    ['a file that is not JSON', 'FILE:hello', /^tegum: error: CONFIG is not JSON/],
    [
      'a file that does not exist',
      join(dir, 'nope.json'),
      /^tegum: error: CONFIG '.*nope\.json' cannot be read \(ENOENT\)$/,
    ],
    ['no object', '{"config": [1, 2]}', /^tegum: error: CONFIG must be a JSON object/],
    [
      'an unknown kind',
      '{"kind": "sweep", "n": 5}',
      /^tegum: error: CONFIG's kind must be one of toy, pack, theory, got "sweep"$/,
    ],
    [
      'no kind',
      '{"n": 5, "m": 2}',
      /^tegum: error: CONFIG's kind must be one of toy, pack, theory, got none$/,
    ],
    [
      'an unknown toy key',
      '{"kind": "toy", "n": 5, "m": 2, "sparsity": 0.5, "featureProbability": 0.5}',
      /^tegum: error: unknown toy run key 'featureProbability' \(allowed: n, m, instances, sparsity, /,
    ],
    [
      'an unknown pack key',
      '{"kind": "pack", "n": 6, "d": 3, "k": 2}',
      /^tegum: error: unknown pack run key 'k' \(allowed: n, d, objective, /,
    ],
    [
      'a bad theory value',
      '{"kind": "theory", "n": 100, "d": 10, "alpha": -1}',
      /^tegum: error: alpha must be a finite number > 0, got -1$/,
    ],
  ])('refuses %s with one line and exit code 2', async (_what, arg, message) => {
    let config = arg;
    if (arg.startsWith('FILE:')) {
      config = join(dir, 'bad.json');
      writeFileSync(config, arg.slice(5));
    }
    const r = await runCli(['rerun', config]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});
