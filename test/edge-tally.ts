/**
 * A tally of bad and extreme inputs tried as a new user would (command
 * lines, HTTP requests, library calls), each checked against the promise — one line
 * on stderr and the right exit code, no stack trace, no NaN or Infinity printed, no
 * stray file (nothing at all on failure); the server answers and lives on; the
 * library throws a RangeError naming the argument. Prints each shortfall and the
 * counts. Run after a build: `npx tsx test/edge-tally.ts` (about two minutes).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/cli/main.js');

/** [args, allowed exit codes]. */
type Case = [string[], number[]];

const T = ['theory', 'optimum', '--n', '1000', '--d', '500'];
const C = ['theory', 'curve', '--n', '1000', '--d', '500'];
const P = ['pack', 'run', '--n', '8', '--d', '3', '--steps', '50'];
const Y = ['toy', 'run', '--n', '5', '--m', '2', '--sparsity', '0', '--steps', '5', '--no-figures'];

const cli: Case[] = [
  // theory: numbers, extremes, underflow, resources
  ...['0', '-1', 'NaN', 'Infinity', '1e400', '0x10', '', 'abc', '1,,2', '2.5.1'].map((a): Case => [
    [...T, '--alpha', a],
    [2],
  ]),
  [[...T, '--alpha', '800'], [0]],
  [[...T, '--alpha', '1000,2000'], [0]],
  [
    [...T, '--alpha', '1e-300'],
    [0, 2],
  ],
  [[...C, '--alpha', '1000'], [0]],
  [[...C, '--alpha', '1000', '--bound', 'welch'], [2]],
  [
    [...C, '--alpha', '1000', '--bound', 'random'],
    [0, 2],
  ],
  [
    [...C, '--alpha', '800', '--bound', 'jl'],
    [0, 2],
  ],
  [[...C, '--alpha', '1', '--points', '1e9'], [2]],
  [[...C, '--alpha', '1', '--points', '1'], [2]],
  [[...C, '--alpha', '1', '--points', '100000'], [0]],
  [['theory', 'optimum', '--n', '1e13', '--d', '1e12', '--alpha', '1'], [0]],
  [['theory', 'optimum', '--n', '1e15', '--d', '1e14', '--alpha', '0.5,2'], [0]],
  [['theory', 'optimum', '--n', '10', '--d', '10', '--alpha', '1'], [2]],
  [['theory', 'optimum', '--n', '1000', '--d', '10', '--alpha', '1'], [2]],
  [['theory', 'transition', '--n', '1000', '--d', '500', '--bound', 'nope'], [2]],
  [['theory', 'transition', '--n', '1e13', '--d', '1e12'], [0]],
  [['theory', 'curve', '--n', '1000', '--d', '500', '--alpha', '1', '--epsilon0', '0'], [2]],
  [['theory', 'curve', '--n', '1000', '--d', '500', '--alpha', '1', '--loss', 'x'], [2]],
  [['theory', 'figures', '--out', 'afile'], [2]],
  [['theory', 'figures', '--out', 'afile/x'], [2]],
  [['theory', 'figures', '--out', ''], [2]],
  [['theory', 'figures', '--out', '/proc/nope'], [2]],
  [['theory', 'nope'], [2]],
  [['nope'], [2]],
  [['--nope'], [2]],
  [[], [0]],
  // pack run: divergence, resources, output paths, parameters
  [[...P, '--lr', '1e300'], [1]],
  [[...P, '--lr', '1e-300'], [0]],
  [[...P, '--lr', '0'], [2]],
  [[...P, '--lr', 'NaN'], [2]],
  [['pack', 'run', '--n', '1000000', '--d', '10'], [2]],
  [['pack', 'run', '--n', '1e9', '--d', '3'], [2]],
  [
    ['pack', 'run', '--n', '1', '--d', '3'],
    [0, 2],
  ],
  [[...P, '--blocks', '0'], [2]],
  [[...P, '--blocks', '100'], [2]],
  [[...P, '--objective', 'nope'], [2]],
  [[...P, '--objective', 'minimax', '--alpha', '2'], [2]],
  [[...P, '--objective', 'threshold', '--threshold', '1'], [2]],
  [[...P, '--objective', 'threshold', '--threshold', '-0.5'], [2]],
  [[...P, '--objective', 'threshold', '--p', '0.5'], [2]],
  [[...P, '--objective', 'threshold', '--p', '1e400'], [2]],
  [
    [...P, '--alpha', '1e300'],
    [0, 1, 2],
  ],
  [
    [...P, '--alpha', '1e-300'],
    [0, 1, 2],
  ],
  [[...P, '--threads', '1000'], [2]],
  [[...P, '--threads', '0'], [2]],
  [[...P, '--restarts', '1e400'], [2]],
  [[...P, '--backend', 'gpu'], [2]],
  [[...P, '--save', 'v.txt'], [2]],
  [[...P, '--save', 'adir'], [2]],
  [[...P, '--save', 'adir.npy'], [2]],
  [[...P, '--save', 'afile/v.npy'], [2]],
  [[...P, '--save', '/proc/v.npy'], [2]],
  [[...P, '--save', 'new/sub/v.npy', '--json'], [0]],
  [[...P, '--seed', '-1'], [2]],
  [[...P, '--steps', '0'], [2]],
  [['pack', 'experiment', '--out', 'afile'], [2]],
  [['pack', 'experiment', '--profile', 'huge'], [2]],
  [['pack', 'experiment', '--threads', '1000'], [2]],
  // toy run: divergence, degenerate training, resources, output paths
  [[...Y, '--lr', '100'], [2]],
  [[...Y, '--lr', '1e30'], [2]],
  [[...Y, '--lr', '1e30', '--weight-decay', '0'], [1]],
  [[...Y, '--lr', '50', '--weight-decay', '0.02'], [2]],
  [[...Y, '--weight-decay', '1e300'], [2]],
  [[...Y, '--weight-decay', '-1'], [2]],
  [[...Y, '--weight-decay', 'NaN'], [2]],
  [[...Y, '--importance', 'decay:1e300'], [2]],
  [[...Y, '--importance', 'decay:0'], [2]],
  [[...Y, '--importance', 'decay:1e-300'], [0]],
  [[...Y, '--importance', 'x'], [2]],
  [[...Y, '--sparsity', '1'], [2]],
  [[...Y, '--sparsity', '-0.1'], [2]],
  [[...Y, '--sparsity', '0,,1'], [2]],
  [[...Y, '--sparsity', '0.999999999'], [0]],
  [[...Y, '--instances', '3', '--sparsity', '0,0.5'], [2]],
  [[...Y, '--batch-size', '1e12'], [2]],
  [[...Y, '--batch-size', '0'], [2]],
  [[...Y, '--threads', '1000'], [2]],
  [[...Y, '--steps', '1e400'], [2]],
  [[...Y, '--steps', '0'], [0]],
  [[...Y, '--schedule', 'nope'], [2]],
  [[...Y, '--optimizer', 'sgd'], [2]],
  [[...Y, '--model', 'tanh'], [2]],
  [[...Y, '--seed', '2.5'], [2]],
  [['toy', 'run', '--n', '100000', '--m', '100000', '--sparsity', '0', '--steps', '1'], [2]],
  [['toy', 'run', '--n', '1e9', '--m', '2', '--sparsity', '0', '--steps', '1'], [2]],
  [['toy', 'run', '--n', '5', '--m', '2', '--sparsity', '0', '--instances', '1e9'], [2]],
  [['toy', 'run', '--preset', 'nope'], [2]],
  [['toy', 'run', '--preset', 'intro', '--n', '5'], [2]],
  [['toy', 'run'], [2]],
  [['toy', 'run', '--preset', 'tegum', '--steps', '10', '--no-figures', '--json'], [0]],
  [['toy', 'run', '--preset', 'intro', '--steps', '5', '--out', 'afile'], [2]],
  [['toy', 'run', '--preset', 'intro', '--steps', '5', '--out', 'adir'], [0]],
  [['toy', 'run', '--preset', 'intro', '--steps', '5', '--save', 'A', '--out', 'afile/x'], [2]],
  [['toy', 'run', '--preset', 'intro', '--steps', '5', '--save', 'afile'], [2]],
  [['toy', 'run', '--preset', 'intro', '--steps', '5', '--save', '/proc/x'], [2]],
  [['toy', 'run', '--preset', 'intro', '--steps', '5', '--out', ''], [2]],
  [[...Y, '--json', '--save', 'w'], [0]],
  // reproduce, serve, sweep, worker
  [['reproduce', '--out', 'afile'], [2]],
  [['reproduce', '--only', 'nope'], [2]],
  [['reproduce', '--only', ''], [2]],
  [['serve', '--host', ''], [2]],
  [['serve', '--host', ' '], [2]],
  [['serve', '--host', 'bad host'], [2]],
  [['serve', '--host', 'no.such.host.invalid', '--port', '0'], [2]],
  [['serve', '--host', '192.0.2.1', '--port', '0'], [2]],
  [['serve', '--port', '70000'], [2]],
  [['serve', '--port', '-1'], [2]],
  [['serve', '--port', 'x'], [2]],
  [['sweep', 'run', 'nope.yaml', '--out', 'afile'], [2]],
  [['sweep', 'run', 'nope.yaml', '--out', 's'], [2]],
  [['sweep', 'run', 'afile', '--out', 's'], [2]],
  [['sweep', 'run', 'nope', '--out', 's', '--threads', '1000'], [2]],
  [['sweep', 'export', 'adir', '--format', 'csv'], [2]],
  [['sweep', 'export', 'adir', '--format', 'xls'], [2]],
  [['sweep', 'export', 'adir', '--format', 'parquet'], [2]],
  [['sweep', 'status', 'adir'], [2]],
  [['worker', '--queue', 'http://x'], [2]],
  [['worker', '--queue', 'redis://127.0.0.1:1', '--threads', '1000'], [2]],
];

interface Outcome {
  code: number | null;
  out: string;
  err: string;
}

function runIn(args: string[], cwd: string, timeoutMs = 60_000): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** What falls short for one command line, or null. */
async function checkCli([args, allowed]: Case): Promise<string | null> {
  const cwd = mkdtempSync(join(tmpdir(), 'tegum-tally-'));
  writeFileSync(join(cwd, 'afile'), '');
  mkdirSync(join(cwd, 'adir'));
  mkdirSync(join(cwd, 'adir.npy'));
  const before = listing(cwd);
  const r = await runIn(args, cwd);
  const after = listing(cwd);
  const why: string[] = [];
  if (!allowed.includes(r.code ?? -1)) why.push(`exit ${r.code}, expected ${allowed.join(' or ')}`);
  if (/\n\s+at |internal error/.test(r.err)) why.push('stack trace or internal error');
  if (/NaN|Infinity/.test(r.out)) why.push('NaN or Infinity printed');
  if (after.some((f) => f.includes('.tmp-'))) why.push('temporary file left');
  if (r.code !== 0 && r.code !== null) {
    if (r.err.trim().split('\n').length !== 1) why.push('not one line on stderr');
    if (after.join() !== before.join()) why.push(`files left after failure: ${after.join(' ')}`);
  }
  return why.length ? `tegum ${args.join(' ')}: ${why.join('; ')} | ${r.err.trim()}` : null;
}

/** HTTP requests against a server on a scratch root with an unreadable file. */
async function checkHttp(): Promise<{ tried: number; short: string[] }> {
  const www = mkdtempSync(join(tmpdir(), 'tegum-tally-www-'));
  chmodSync(www, 0o755);
  writeFileSync(join(www, 'index.html'), '<!doctype html><p>hi</p>');
  mkdirSync(join(www, 'assets'));
  writeFileSync(join(www, 'assets', 'app.js'), 'x');
  writeFileSync(join(www, 'locked.js'), 'secret');
  chmodSync(join(www, 'locked.js'), 0o000);
  const server = join(ROOT, 'dist/serve/static-server.js');
  const script = `import { startStaticServer } from ${JSON.stringify(server)};
    const s = await startStaticServer({ root: ${JSON.stringify(www)}, port: 0 });
    console.log(s.address().port);`;
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    ...asUser,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = Number(
    await new Promise<string>((resolve) =>
      child.stdout.once('data', (c: Buffer) => resolve(String(c))),
    ),
  );
  const raw = (method: string, path: string, headers: Record<string, string> = {}) =>
    new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(-1));
      req.end();
    });
  const cases: [string, string, number[], Record<string, string>?][] = [
    ['GET', '/', [200]],
    ['HEAD', '/', [200]],
    ['GET', '/assets/app.js', [200]],
    ['GET', '/locked.js', [500]],
    ['GET', '/', [200]],
    ['GET', '/../etc/passwd', [404, 400]],
    ['GET', '/%2e%2e/%2e%2e/etc/passwd', [404]],
    ['GET', '/assets/..%2f..%2fetc%2fpasswd', [404]],
    ['GET', '/%252e%252e/etc/passwd', [404]],
    ['GET', '/..%5c..%5cetc%5cpasswd', [404]],
    ['GET', '/%c0%ae%c0%ae/etc/passwd', [404]],
    ['GET', '/%00', [404]],
    ['GET', '/%E0%A4%A', [404]],
    ['GET', '/assets/', [404]],
    ['GET', '/assets', [404]],
    ['GET', '/nope', [404]],
    ['GET', '//etc/passwd', [404]],
    ['GET', '/index.html?x=../../etc/passwd', [200]],
    ['GET', '/' + 'a'.repeat(5000), [404]],
    ['POST', '/', [405]],
    ['PUT', '/index.html', [405]],
    ['DELETE', '/index.html', [405]],
    ['OPTIONS', '/', [405]],
    ['PATCH', '/', [405]],
    ['TRACE', '/', [405]],
    ['GET', '/index.html', [206], { Range: 'bytes=0-3' }],
    ['GET', '/index.html', [416, 200], { Range: 'bytes=99999-' }],
    ['GET', '/index.html', [200, 206, 416], { Range: 'bytes=x-y' }],
    ['GET', '/locked.js', [500]],
    ['GET', '/', [200]],
  ];
  const short: string[] = [];
  for (const [method, path, want, headers] of cases) {
    const status = await raw(method, path, headers);
    if (!want.includes(status))
      short.push(`HTTP ${method} ${path.slice(0, 60)}: ${status}, expected ${want.join(' or ')}`);
  }
  if (child.exitCode !== null) short.push('HTTP: the server died');
  child.kill();
  return { tried: cases.length, short };
}

/** Library calls with bad arguments: each must throw (or reject with) a RangeError naming the argument. */
async function checkLibrary(): Promise<{ tried: number; short: string[] }> {
  const lib = (await import(join(ROOT, 'dist/index.js'))) as Record<
    string,
    (...a: unknown[]) => unknown
  >;
  const model = (lib.theoryModel as (c: unknown) => unknown)({ n: 1000, d: 500, alpha: 1 });
  const calls: [string, unknown[], RegExp][] = [];
  const models = ['optimum', 'domainOf', 'lossCurve', 'transition'];
  for (const fn of models)
    for (const bad of [undefined, null, 1, {}]) calls.push([fn, [bad], new RegExp(`${fn}: model`)]);
  for (const fn of ['epsilonAt', 'lossAt', 'normalizedLossAt', 'dLossDk']) {
    calls.push([fn, [undefined, 1], new RegExp(`${fn}: model`)]);
    calls.push([fn, [model, Number.NaN], new RegExp(`${fn}: k`)]);
    calls.push([fn, [model, undefined], new RegExp(`${fn}: k`)]);
  }
  calls.push(['theoryModel', [undefined], /theoryModel: config/]);
  calls.push(['theoryModel', [{ n: 10, d: 20, alpha: 1 }], /n must be/]);
  calls.push(['theoryModel', [{ n: 100, d: 20, alpha: Number.NaN }], /alpha must be/]);
  calls.push(['theoryModel', [{ n: 100, d: 20, alpha: 1, bound: 'nope' }], /bound|nope/]);
  calls.push(['lossCurve', [model, 1], /points must be/]);
  calls.push(['lossCurve', [model, 1e9], /points must be at most/]);
  // The toy run is checked once, by resolveToyRun; createToyState takes only a resolved run.
  calls.push(['resolveToyRun', [undefined], /a toy run must be an object of its fields/]);
  calls.push([
    'resolveToyRun',
    [{ n: 5, m: 2, instances: 1, sparsity: 0, importance: 1e300 }],
    /importance/,
  ]);
  calls.push(['resolveToyRun', [{ n: 0, m: 2, instances: 1, sparsity: 0 }], /n must be/]);
  calls.push([
    'resolveToyRun',
    [{ nFeatures: 5, nHidden: 2, nInstances: 1, featureProbability: 1 }],
    /unknown toy run key 'nFeatures'/,
  ]);
  calls.push([
    'resolveToyRun',
    [{ n: 5, m: 2, instances: 1, sparsity: 0, lr: 100 }],
    /lr × weightDecay/,
  ]);
  calls.push([
    'resolveToyRun',
    [{ n: 5, m: 2, instances: 1, sparsity: 0, importance: 'decay:1e300' }],
    /importance/,
  ]);
  calls.push([
    'resolveToyRun',
    [{ n: 5, m: 2, instances: 3, sparsity: [0, 0.5] }],
    /instances 3 must be a multiple of the 2 sparsities/,
  ]);
  calls.push(['resolveToyRun', [{ n: 5, m: 2, sparsity: 1 }], /sparsity must be in \[0, 1\)/]);
  calls.push(['sliceToyRun', [undefined, 0, 1], /sliceToyRun: run/]);
  calls.push(['trainToyModels', [undefined], /trainToyModels: run/]);
  calls.push(['measureToyRun', [undefined, undefined], /measureToyRun: run/]);
  calls.push(['runStretch', [undefined, undefined, 0, 1], /runStretch: state/]);
  calls.push([
    'toyGradient',
    [new Float32Array(1), new Float32Array(1), new Float32Array(1), {}],
    /toyGradient: state/,
  ]);
  calls.push(['instanceWeights', [undefined, 0], /instanceWeights: state/]);
  calls.push(['instanceBias', [{}, 0], /instanceBias: state/]);
  calls.push(['summarizeInstance', [undefined], /summarizeInstance: state/]);
  calls.push(['evaluateToyLoss', [new Float64Array(1), undefined, 1], /evaluateToyLoss: state/]);
  calls.push([
    'adamUpdate',
    [
      new Float32Array(1),
      new Float32Array(1),
      new Float32Array(1),
      new Float32Array(1),
      1,
      undefined,
    ],
    /adamUpdate: a/,
  ]);
  calls.push(['adamUpdate', [undefined, undefined, undefined, undefined, 1, {}], /adamUpdate: p/]);
  calls.push(['sparsityOf', [undefined], /sparsityOf: featureProbability/]);
  calls.push(['numericalRank', [undefined, 2, 3, [0], 0.1], /numericalRank: W/]);
  calls.push(['numericalRank', [new Float64Array(6), 2, 3, [5], 0.1], /numericalRank: columns/]);
  calls.push(['pack', [undefined], /pack: run must be a ResolvedPackRun/]);
  calls.push(['registerBound', [undefined], /registerBound: bound/]);
  calls.push([
    'registerBound',
    [{ name: 'jl', epsilon: () => 0, ell: () => 0, dLogEllDk: () => 0, domainEdge: () => 1 }],
    /already registered/,
  ]);
  calls.push(['registerObjective', [undefined], /registerObjective: definition/]);
  calls.push(['registerToyPreset', [1], /registerToyPreset: preset/]);
  calls.push(['registerLrSchedule', ['x', 1], /registerLrSchedule: schedule/]);
  calls.push(['createSphereWorkspace', [Number.NaN, 2], /createSphereWorkspace: d/]);
  calls.push(['tegumLabel', [-1, 2], /tegumLabel: size/]);
  calls.push(['jlCubicR', [undefined, 1, 1], /jlCubicR: n/]);
  calls.push(['welchEpsilon', [Number.NaN, 2], /welchEpsilon: m/]);
  calls.push(['logRandomMoment', [-1, 2], /logRandomMoment: D/]);
  calls.push(['struckClosedForm', [Number.NaN, 2, 1], /struckClosedForm: n/]);
  calls.push(['encodeNpy', [[1, 2], [2]], /encodeNpy: data/]);
  calls.push(['decodeNpy', [undefined], /decodeNpy: bytes/]);
  const enc = lib.encodeNpy(new Float32Array(6), [2, 3]) as Uint8Array;
  calls.push(['decodeNpy', [enc.subarray(0, enc.length - 1)], /decodeNpy: shape/]);
  calls.push(['decodeNpy', [enc.subarray(0, 20)], /decodeNpy: the header claims/]);
  for (const shape of ['(a,)', '(2.5,)', '(-1, 2)', '(2)']) {
    const bytes = Uint8Array.from(enc);
    const text = new TextDecoder()
      .decode(bytes.subarray(10, 10 + 70))
      .replace('(2, 3)', shape.padEnd(6, ' '));
    bytes.set(new TextEncoder().encode(text), 10);
    calls.push(['decodeNpy', [bytes], /decodeNpy: malformed header/]);
  }
  calls.push(['useBackend', ['gpu'], /backend must be one of/]);
  calls.push(['trainToyModelsParallel', [undefined, undefined], /trainToyModelsParallel: pool/]);
  const short: string[] = [];
  for (const [fn, args, message] of calls) {
    let err: unknown = null;
    try {
      await lib[fn](...args);
    } catch (e) {
      err = e;
    }
    const ok = err instanceof RangeError && message.test(err.message);
    if (!ok) {
      short.push(
        `${fn}(${args.map((a) => (a === undefined ? 'undefined' : typeof a === 'object' && a !== null ? a.constructor.name : String(a))).join(', ')}): ${err === null ? 'no error' : `${(err as Error).name}: ${(err as Error).message}`}`,
      );
    }
  }
  return { tried: calls.length, short };
}

async function main(): Promise<void> {
  const short: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cli.length) {
      const c = cli[next++];
      const s = await checkCli(c);
      if (s) short.push(s);
    }
  };
  await Promise.all([worker(), worker()]);
  const http = await checkHttp();
  const library = await checkLibrary();
  const all = [...short, ...http.short, ...library.short];
  for (const s of all) process.stdout.write(`SHORT ${s}\n`);
  const tried = cli.length + http.tried + library.tried;
  process.stdout.write(
    `tried ${tried} bad inputs (${cli.length} command lines, ${http.tried} HTTP requests, ${library.tried} library calls); ${all.length} fall short (${short.length} CLI, ${http.short.length} HTTP, ${library.short.length} library)\n`,
  );
  process.exitCode = all.length === 0 ? 0 : 1;
}

await main();
