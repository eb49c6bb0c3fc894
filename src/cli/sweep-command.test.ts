import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../core/npy.js';
import { freePort, startRedis } from '../test-support/redis-server.js';
import { runCli } from '../test-support/run-cli.js';

const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'tegum-sweep-cli-'));
const spec = (sparsity: number[]) =>
  [
    'name: cli-sweep',
    'kind: toy',
    'base: { n: 5, m: 2, steps: 150, batchSize: 32, importance: "decay:0.9" }',
    'axes:',
    `  sparsity: [${sparsity.join(', ')}]`,
    '  lr: { logspace: [-3, -2], num: 2 }',
    'seeds: 2',
    'keep: [weights]',
  ].join('\n');
const specFile = join(dir, 'spec.yaml');
writeFileSync(specFile, spec([0, 0.9]));
const out = join(dir, 'out');

interface Summary {
  total: number;
  done: number;
  ran: number;
  skipped: number;
}

describe('tegum sweep run / status / export', () => {
  it('runs every job once, skips stored jobs on a rerun, and runs only the new jobs of a grown axis', async () => {
    const first = await runCli([
      'sweep',
      'run',
      specFile,
      '--out',
      out,
      '--json',
      '--threads',
      '2',
    ]);
    expect(JSON.parse(first.stdout)).toMatchObject({ total: 8, done: 8, ran: 8, skipped: 0 });
    // Without a terminal: a line at the start, then one per stored job.
    const lines = first.stderr.trim().split('\n');
    expect(lines[0]).toBe('tegum sweep cli-sweep: 8 jobs, 0 already stored');
    expect(lines.slice(1)).toHaveLength(8);
    lines
      .slice(1)
      .forEach((line, i) =>
        expect(line).toMatch(
          new RegExp(
            `^tegum sweep cli-sweep: ${i + 1}/8 jobs stored \\(\\d+%\\), ETA (\\d+ s|\\d+ min \\d\\d s)$`,
          ),
        ),
      );
    const again = JSON.parse(
      (await runCli(['sweep', 'run', specFile, '--out', out, '--json'])).stdout,
    ) as Summary;
    expect(again).toMatchObject({ total: 8, done: 8, ran: 0, skipped: 8 });
    const grown = join(dir, 'grown.yaml');
    writeFileSync(grown, spec([0, 0.5, 0.9]));
    const more = JSON.parse(
      (await runCli(['sweep', 'run', grown, '--out', out, '--json'])).stdout,
    ) as Summary;
    expect(more).toMatchObject({ total: 12, done: 12, ran: 4, skipped: 8 });
    // Both specs are counted, each job once: the grown one holds the first's jobs.
    const status = (await runCli(['sweep', 'status', out])).stdout.split('\n');
    expect(status[0]).toBe('12 / 12 jobs of 2 specs');
    expect(status[1]).toMatch(
      /^ {2}spec 1: 8 \/ 8; base \{.*"steps":150.*\}; axes sparsity \(2\), lr \(2\); 2 seeds; last run /,
    );
    expect(status[2]).toMatch(
      /^ {2}spec 2: 12 \/ 12; base .*; axes sparsity \(3\), lr \(2\); 2 seeds;/,
    );
  });

  it('exports one row per job with exactly the named columns, as JSON, CSV and Parquet', async () => {
    const r = await runCli(['sweep', 'export', out, '--format', 'json']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(12);
    expect(Object.keys(rows[0])).toEqual([
      'key',
      'seed',
      'sparsity',
      'lr',
      'loss',
      'dimsPerFeature',
      'k',
      'factors',
      'featureDimensionality',
      'neuronAlignment',
      'monosemanticNeurons',
      'polysemanticNeurons',
      'config',
      'wallSeconds',
      'tegumVersion',
    ]);
    expect(new Set(rows.map((x) => `${String(x.key)}:${String(x.seed)}`)).size).toBe(12);
    const row = rows.find((x) => x.sparsity === 0.9 && x.lr === 0.01 && x.seed === 1);
    expect(row?.config).toMatchObject({
      kind: 'toy',
      n: 5,
      m: 2,
      instances: 1,
      sparsity: [0.9],
      lr: 0.01,
      seed: 1,
      eps: 1e-8,
      beta2: 0.999,
    });
    expect(row?.key).toMatch(/^[0-9a-f]{64}$/);
    expect((row?.featureDimensionality as number[]).length).toBe(5);
    expect(Number.isFinite(row?.loss)).toBe(true);
    // The relu-output model has no privileged basis: no neuron counts.
    expect(row).toMatchObject({ monosemanticNeurons: null, polysemanticNeurons: null });

    const csv = (await runCli(['sweep', 'export', out, '--format', 'csv'])).stdout
      .trim()
      .split('\n');
    expect(csv[0]).toBe(
      'key,seed,sparsity,lr,loss,dimsPerFeature,k,factors,featureDimensionality,neuronAlignment,monosemanticNeurons,polysemanticNeurons,config,wallSeconds,tegumVersion',
    );
    expect(csv).toHaveLength(13);

    const parquet = join(dir, 'results.parquet');
    expect(
      (await runCli(['sweep', 'export', out, '--format', 'parquet', '--out', parquet])).status,
    ).toBe(0);
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const back = await db.runAndReadAll(
      `SELECT key, seed, loss FROM read_parquet('${parquet}') ORDER BY key, seed`,
    );
    expect(back.getRowObjectsJson()).toEqual(
      rows.map(({ key, seed, loss }) => ({ key, seed, loss })),
    );
  });

  it("reruns a row's config with tegum rerun to the row's loss and key", async () => {
    const rows = JSON.parse(
      (await runCli(['sweep', 'export', out, '--format', 'json'])).stdout,
    ) as {
      key: string;
      sparsity: number;
      loss: number;
      config: object;
    }[];
    const row = rows.find((x) => x.sparsity === 0.9) as (typeof rows)[number];
    const r = await runCli(['rerun', JSON.stringify(row), '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const again = JSON.parse(r.stdout) as { identity: string; instances: { loss: number }[] };
    expect(again.identity).toBe(row.key);
    expect(again.instances.map((i) => i.loss)).toEqual([row.loss]);
  });

  it('keeps W and b of every job as .npy beside the store', () => {
    const files = readdirSync(join(out, 'weights'));
    expect(files).toHaveLength(24);
    const w = files.find((f) => f.endsWith('-W.npy')) as string;
    expect(decodeNpy(readFileSync(join(out, 'weights', w))).shape).toEqual([2, 5]);
  });

  it('rejects a bad spec with one line and exit 2 before writing anything', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: x\nkind: toy\nbase: { n: 5, m: 2 }\naxes: { sparsity: [0, 1.5] }\n');
    const where = join(dir, 'never');
    const r = await runCli(['sweep', 'run', bad, '--out', where]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'tegum: error: spec: axes.sparsity: sparsity must be in [0, 1), got 1.5\n',
    );
    expect(existsSync(where)).toBe(false);
  });

  it('refuses a grid of 10¹² jobs in one line, exit 2, in seconds and before writing anything', async () => {
    const huge = join(dir, 'huge.yaml');
    writeFileSync(
      huge,
      [
        'name: huge',
        'kind: toy',
        'base: { n: 5, m: 2, steps: 10 }',
        'axes:',
        '  sparsity: { linspace: [0, 0.9], num: 1000000 }',
        '  lr: { logspace: [-4, -1], num: 1000000 }',
      ].join('\n'),
    );
    const where = join(dir, 'huge');
    const t0 = performance.now();
    const r = await runCli(['sweep', 'run', huge, '--out', where]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'tegum: error: spec: the grid has 1,000,000,000,000 jobs (1,000,000 × 1,000,000 × 1 seed); a sweep may have at most 1,000,000 — use fewer values or seeds, or split it into several sweeps\n',
    );
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(existsSync(where)).toBe(false);
  });

  it('says in one line, exit 2, that no Redis answers at the queue URL', async () => {
    const port = await freePort();
    const r = await runCli([
      'sweep',
      'run',
      specFile,
      '--out',
      join(dir, 'q'),
      '--queue',
      `redis://127.0.0.1:${port}`,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`tegum: error: no Redis at redis://127.0.0.1:${port}: ECONNREFUSED\n`);
    const dead = await runCli(['worker', '--queue', `redis://127.0.0.1:${port}/2`]);
    expect(dead.status).toBe(2);
    expect(dead.stderr).toBe(
      `tegum: error: no Redis at redis://127.0.0.1:${port}/2: ECONNREFUSED\n`,
    );
    const w = await runCli(['worker', '--queue', 'http://x']);
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(/^tegum: error: --queue must be redis:\/\/HOST:PORT\[\/DB\]/);
  });

  it('refuses a Redis database the server does not have, for sweep run --queue and tegum worker', async () => {
    const redis = await startRedis();
    try {
      const url = `${redis.url}/99`;
      const line = `tegum: error: ${url}: Redis has no database 99 (it has 16: 0 to 15); choose one in the URL's /DB\n`;
      const where = join(dir, 'db99');
      const run = await runCli(['sweep', 'run', specFile, '--out', where, '--queue', url]);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(line);
      expect(existsSync(where)).toBe(false);
      const worker = await runCli(['worker', '--queue', url]);
      expect(worker.status).toBe(2);
      expect(worker.stderr).toBe(line);
    } finally {
      await redis.stop();
    }
  });
});

/** Writes a spec file from lines; returns its path. */
function specOf(name: string, lines: string[]): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe('tegum sweep show', () => {
  it("prints a stored job's config as stored, by its key or a unique prefix", async () => {
    const rows = JSON.parse(
      (await runCli(['sweep', 'export', out, '--format', 'json'])).stdout,
    ) as {
      key: string;
      config: object;
    }[];
    const { key, config } = rows[0];
    const full = await runCli(['sweep', 'show', out, key]);
    expect(full.status).toBe(0);
    expect(full.stdout).toBe(JSON.stringify(config, null, 2) + '\n');
    const db = await (
      await DuckDBInstance.create(join(out, 'results.duckdb'), { access_mode: 'READ_ONLY' })
    ).connect();
    const stored = (
      await db.runAndReadAll(`SELECT config FROM results WHERE key = '${key}' LIMIT 1`)
    ).getRowObjectsJson()[0].config as string;
    db.closeSync();
    // The same text as stored, pretty-printed: key order and every digit kept.
    expect(full.stdout).toBe(JSON.stringify(JSON.parse(stored), null, 2) + '\n');
    expect((await runCli(['sweep', 'show', out, key.slice(0, 10)])).stdout).toBe(full.stdout);
  });

  it('says in one line, exit 2, when KEY matches several jobs or none', async () => {
    const rows = JSON.parse(
      (await runCli(['sweep', 'export', out, '--format', 'json'])).stdout,
    ) as {
      key: string;
    }[];
    // 12 keys: some first hex digit begins two of them, and some 8-digit prefix begins none.
    const digits = [...'0123456789abcdef'];
    const shared = digits.find((d) => rows.filter((r) => r.key.startsWith(d)).length > 1) as string;
    const none = digits
      .map((d) => d.repeat(8))
      .find((p) => !rows.some((r) => r.key.startsWith(p))) as string;
    const many = await runCli(['sweep', 'show', out, shared]);
    expect(many.status).toBe(2);
    expect(many.stderr).toMatch(
      new RegExp(
        `^tegum: error: KEY '${shared}' matches \\d+ stored jobs \\(.*\\); give more of the key\\n$`,
      ),
    );
    const missing = await runCli(['sweep', 'show', out, none]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`tegum: error: KEY '${none}' matches no job stored in ${out}\n`);
    expect(missing.stdout).toBe('');
  });
});

describe('a store never mixes silently', () => {
  const theory = (d: number, alphas: number[]) => [
    'name: mixing',
    'kind: theory',
    `base: { n: 1000, d: ${d}, bound: welch }`,
    `axes: { alpha: [${alphas.join(', ')}] }`,
  ];

  it('gives a changed base value a column, so rows of both specs are told apart', async () => {
    const where = join(dir, 'mixing');
    expect(
      (await runCli(['sweep', 'run', specOf('mix-a', theory(100, [0.5, 1])), '--out', where]))
        .status,
    ).toBe(0);
    expect(
      (await runCli(['sweep', 'run', specOf('mix-b', theory(200, [0.5, 1])), '--out', where]))
        .status,
    ).toBe(0);
    const csv = (await runCli(['sweep', 'export', where, '--format', 'csv'])).stdout
      .trim()
      .split('\n');
    expect(csv[0]).toBe(
      'key,seed,alpha,d,kStar,kStarContinuous,lossRatio,alphaStar,config,wallSeconds,tegumVersion',
    );
    expect(
      csv
        .slice(1)
        .map((line) => line.split(',').slice(2, 4).join(' '))
        .sort(),
    ).toEqual(['0.5 100.0', '0.5 200.0', '1.0 100.0', '1.0 200.0']);
    const status = await runCli(['sweep', 'status', where, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({
      done: 4,
      total: 4,
      specs: [{ total: 2 }, { total: 2 }],
    });
  });

  it('refuses a spec of another name or kind into the directory in one line, exit 2, the store untouched', async () => {
    const where = join(dir, 'mixing');
    const before = (await runCli(['sweep', 'export', where, '--format', 'json'])).stdout;
    const renamed = specOf(
      'mix-c',
      theory(300, [2]).map((l) => l.replace('mixing', 'other')),
    );
    const r = await runCli(['sweep', 'run', renamed, '--out', where]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `tegum: error: ${where} holds the sweep 'mixing' (kind theory); 'other' (kind theory) needs a directory of its own: a store holds one sweep, whose base, axes and seeds may change but not its name or kind\n`,
    );
    const pack = specOf('mix-d', ['name: mixing', 'kind: pack', 'base: { n: 6, d: 3, steps: 10 }']);
    const p = await runCli(['sweep', 'run', pack, '--out', where]);
    expect(p.status).toBe(2);
    expect(p.stderr).toMatch(
      /^tegum: error: .* holds the sweep 'mixing' \(kind theory\); 'mixing' \(kind pack\) needs a directory of its own/,
    );
    expect((await runCli(['sweep', 'export', where, '--format', 'json'])).stdout).toBe(before);
    expect(
      JSON.parse((await runCli(['sweep', 'status', where, '--json'])).stdout).specs,
    ).toHaveLength(2);
  });
});

describe('progress a researcher can follow', () => {
  it('answers sweep status while a sweep runs, with who runs it, then the store once it ends', async () => {
    const slow = specOf('slow', [
      'name: slow',
      'kind: toy',
      'base: { n: 6, m: 2, steps: 150000, batchSize: 64 }',
      'axes: { sparsity: [0, 0.5, 0.8, 0.9] }',
    ]);
    const where = join(dir, 'slow');
    const child = spawn(
      process.execPath,
      [CLI, 'sweep', 'run', slow, '--out', where, '--threads', '1'],
      {
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let running = true;
    void exited.then(() => (running = false));
    const seen: { done: number; total: number; running?: { pid: number } }[] = [];
    let triedExport = false;
    try {
      while (running) {
        if (!existsSync(join(where, 'results.duckdb'))) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        const r = await runCli(['sweep', 'status', where, '--json']);
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        seen.push(JSON.parse(r.stdout) as (typeof seen)[number]);
        if (seen.at(-1)?.running !== undefined && !triedExport) {
          // Reading the rows waits for the run: one line saying who holds the store.
          triedExport = true;
          const e = await runCli(['sweep', 'export', where, '--format', 'json']);
          if (running) {
            expect(e.status).toBe(2);
            expect(e.stderr).toMatch(
              /^tegum: error: .*results\.duckdb is open in another process \(pid \d+\) — a running sweep, or a reader such as Python's duckdb\.connect — .*\n$/,
            );
          }
        }
      }
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
    const during = seen.filter((s) => s.running !== undefined);
    expect(during.length, JSON.stringify(seen)).toBeGreaterThan(0);
    expect(during.every((s) => s.running?.pid === child.pid && s.total === 4)).toBe(true);
    expect(
      during.some((s) => s.done > 0 && s.done < 4),
      JSON.stringify(seen),
    ).toBe(true);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i].done).toBeGreaterThanOrEqual(seen[i - 1].done);
    const text = await runCli(['sweep', 'status', where]);
    expect(text.stdout).toBe('4 / 4\n');
    expect(existsSync(join(where, 'status.json'))).toBe(false);
  }, 120_000);

  it('prints a line per percent, not per job, for a sweep of more than 100 jobs', async () => {
    const big = specOf('big', [
      'name: big',
      'kind: theory',
      'base: { n: 1000, d: 100, bound: welch }',
      'axes: { alpha: { linspace: [0.5, 3], num: 150 } }',
    ]);
    const r = await runCli(['sweep', 'run', big, '--out', join(dir, 'big'), '--threads', '2']);
    expect(r.status).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('tegum sweep big: 150 jobs, 0 already stored');
    const percents = lines.slice(1).map((l) => Number(/\((\d+)%\)/.exec(l)?.[1]));
    // One line each time another percent is reached: 100 lines (150 jobs cross each), rising.
    expect(percents).toHaveLength(100);
    expect(percents.at(-1)).toBe(100);
    expect(new Set(percents).size).toBe(percents.length);
  });

  it.runIf(spawnSync('script', ['--version']).status === 0)(
    'shows a progress bar on a terminal whose ETA is never NF',
    async () => {
      const tty = specOf('tty', [
        'name: tty',
        'kind: toy',
        'base: { n: 6, m: 2, steps: 3000, batchSize: 64 }',
        'axes: { sparsity: [0, 0.5, 0.8, 0.9] }',
      ]);
      const command = [
        process.execPath,
        CLI,
        'sweep',
        'run',
        tty,
        '--out',
        join(dir, 'tty'),
        '--threads',
        '1',
      ]
        .map((a) => `'${a}'`)
        .join(' ');
      // `script` runs the command on a pseudo-terminal and copies what it shows.
      const child = spawn('script', ['-qfec', command, '/dev/null'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      const r = { status, stdout };
      expect(r.status).toBe(0);
      // Each ETA up to the escape sequence, line end or bar that follows it.
      const etas = r.stdout
        .split('ETA ')
        .slice(1)
        .map((t) =>
          t
            .split(/[\r\n|]|\[0K/)[0]
            .replace(/\W+$/, '')
            .trim(),
        );
      expect(etas.length).toBeGreaterThan(1);
      for (const eta of etas) expect(eta).toMatch(/^(estimating|\d+ s|\d+ min \d\d s)$/);
      expect(r.stdout).toMatch(/4\/4 jobs/);
    },
  );
});
