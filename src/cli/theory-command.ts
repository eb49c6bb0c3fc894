/**
 * `tegum theory …`: the post's loss-vs-k model from the command line. The JSON
 * shapes printed here are a contract other tools read.
 */
import { Command, Option } from 'commander';
import { boundNames } from '../theory/bounds/registry.js';
import { lossCurve, MAX_CURVE_POINTS } from '../theory/curve.js';
import { optimum } from '../theory/optimum.js';
import { struckClosedForm } from '../theory/struck-closed-form.js';
import { LOSS_FORMS, type TheoryModel } from '../theory/theory-model.js';
import { resolveTheoryRun, theoryModelOf } from '../theory/resolve-theory-run.js';
import { transition } from '../theory/transition.js';
import { writeTheoryFigures } from '../experiments/theory-figures.js';
import { assertFinite } from '../core/finite-guard.js';
import { checkOutputDir } from '../experiments/output-paths.js';
import { formatTable } from './format-table.js';
import {
  parseChoice,
  parseIntIn,
  parsePositiveInt,
  parsePositiveList,
  parsePositiveNumber,
} from './parse-options.js';

interface ModelFlags {
  n: number;
  d: number;
  bound: string;
  loss: string;
  epsilon0: number;
  json?: boolean;
}

function withModelFlags(cmd: Command): Command {
  return cmd
    .requiredOption('--n <int>', 'number of features n (an integer > d)', parsePositiveInt)
    .requiredOption('--d <int>', 'embedding dimensions d (an integer ≥ 1)', parsePositiveInt)
    .addOption(
      new Option('--bound <name>', 'interference bound')
        .argParser(parseChoice(boundNames()))
        .default('jl-cubic'),
    )
    .addOption(
      new Option('--loss <form>', "loss form: 'post' n²ℓ/(2k) or 'pairs' n(n/k−1)ℓ/2")
        .argParser(parseChoice(LOSS_FORMS))
        .default('post'),
    )
    .option('--epsilon0 <x>', 'ε₀ of the jl bound', parsePositiveNumber, 1)
    .option('--json', 'print JSON instead of a table');
}

/** A closed form past the double range is the input's doing (α, n, d): exit 2 with the remedy. */
const THEORY_RANGE = {
  input: true,
  remedy: 'choose a smaller --alpha (ε^α spans more than 10^±308 here)',
};

/** The model of one resolved theory run (src/theory/resolve-theory-run.ts). */
function model(flags: ModelFlags, alpha: number): TheoryModel {
  const { n, d, bound, loss, epsilon0 } = flags;
  return theoryModelOf(resolveTheoryRun({ n, d, alpha, bound, loss, epsilon0 }));
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Registers `tegum theory` and its subcommands. */
export function registerTheoryCommand(program: Command): void {
  const theory = program
    .command('theory')
    .description("the seed post's loss-vs-k model: optimum k*, transition α*, curves, figures");

  withModelFlags(
    theory
      .command('optimum')
      .description('the loss-minimizing number of subspaces k* for each α')
      .requiredOption('--alpha <list>', 'α values, comma-separated (each > 0)', parsePositiveList),
  ).action((flags: ModelFlags & { alpha: number[] }) => {
    const results = flags.alpha.map((alpha) => {
      const o = optimum(model(flags, alpha));
      return { ...o, struck: struckClosedForm(flags.n, flags.d, alpha) };
    });
    assertFinite(results, 'theory optimum', THEORY_RANGE);
    if (flags.json) return print(JSON.stringify(results, null, 2));
    print(
      formatTable(
        ['alpha', 'kStar', 'kStarContinuous', 'epsilon', 'lossRatio', 'kMax', 'struck k*'],
        results.map((r) => [
          r.alpha,
          r.kStar,
          r.kStarContinuous,
          r.epsilon,
          r.lossRatio,
          r.kMax,
          r.struck.claimedKStar,
        ]),
      ),
    );
  });

  withModelFlags(
    theory.command('transition').description('α*, the least α at which k* = 1'),
  ).action((flags: ModelFlags) => {
    const t = transition(model(flags, 1));
    const result = assertFinite(
      { n: flags.n, d: flags.d, bound: flags.bound, loss: flags.loss, ...t },
      'theory transition',
      THEORY_RANGE,
    );
    if (flags.json) return print(JSON.stringify(result, null, 2));
    print(
      formatTable(
        ['n', 'd', 'bound', 'loss', 'alphaStar', 'kStarBelow'],
        [[result.n, result.d, result.bound, result.loss, result.alphaStar, result.kStarBelow]],
      ),
    );
  });

  withModelFlags(
    theory
      .command('curve')
      .description('ε, L, L/L(1) and dL/dk at log-spaced real k in [1, kMax]')
      .requiredOption('--alpha <x>', 'α (> 0)', parsePositiveNumber)
      .option(
        '--points <int>',
        `number of points (2 to ${MAX_CURVE_POINTS})`,
        parseIntIn(2, MAX_CURVE_POINTS),
        200,
      ),
  ).action((flags: ModelFlags & { alpha: number; points: number }) => {
    const points = assertFinite(
      lossCurve(model(flags, flags.alpha), flags.points),
      'theory curve',
      THEORY_RANGE,
    );
    if (flags.json) return print(JSON.stringify(points, null, 2));
    print(
      formatTable(
        ['k', 'epsilon', 'loss', 'normalizedLoss', 'dLossDk'],
        points.map((p) => [p.k, p.epsilon, p.loss, p.normalizedLoss, p.dLossDk]),
      ),
    );
  });

  theory
    .command('figures')
    .description("write the post's figures (and one per bound) as SVG, PNG, CSV and JSON")
    .option('--out <dir>', 'output directory', 'out/theory')
    .action((flags: { out: string }) => {
      checkOutputDir('--out', flags.out);
      const { files } = writeTheoryFigures({ out: flags.out });
      for (const f of files) print(f);
    });
}
