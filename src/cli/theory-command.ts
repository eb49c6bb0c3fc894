/**
 * `tegum theory …`: the post's loss-vs-k model from the command line. The JSON
 * shapes printed here are a contract other tools read.
 */
import { Command, InvalidArgumentError } from 'commander';
import { lossCurve, MAX_CURVE_POINTS } from '../theory/curve.js';
import { optimum } from '../theory/optimum.js';
import { struckClosedForm } from '../theory/struck-closed-form.js';
import { theoryModel, type TheoryModel } from '../theory/theory-model.js';
import { resolveTheoryRun } from '../theory/resolve-theory-run.js';
import { THEORY_RUN_FIELDS, type TheoryRunInput } from '../theory/theory-run-schema.js';
import { transition } from '../theory/transition.js';
import { writeTheoryFigures } from '../experiments/theory-figures.js';
import { assertFinite } from '../core/finite-guard.js';
import { checkOutputDir } from '../experiments/output-paths.js';
import { numberListFlag } from '../core/run-schema.js';
import { formatTable } from './format-table.js';
import { parseIntIn } from './parse-options.js';
import { addSchemaOptions, fieldOption, inputFromOptions } from './schema-options.js';

interface ModelFlags {
  n: number;
  d: number;
  bound: string;
  loss: string;
  epsilon0: number;
  json?: boolean;
}

/** The model's flags (all but α, which each subcommand takes its own way). */
const MODEL_FIELDS = ['n', 'd', 'bound', 'loss', 'epsilon0'];

function withModelFlags(cmd: Command): Command {
  addSchemaOptions(cmd, THEORY_RUN_FIELDS, MODEL_FIELDS);
  for (const o of cmd.options) if (o.long === '--n' || o.long === '--d') o.makeOptionMandatory();
  return cmd.option('--json', 'print JSON instead of a table');
}

/** `--alpha 0.5,1,1.5`: α values, each checked by the field's own schema. */
function parseAlphaList(text: string): number[] {
  const field = THEORY_RUN_FIELDS.alpha;
  let values: number[];
  try {
    values = numberListFlag().parse(text) as number[];
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
  for (const v of values) {
    const r = field.schema.safeParse(v);
    if (!r.success) throw new InvalidArgumentError(`${v}: ${r.error.issues[0].message}.`);
  }
  return values;
}

/** A closed form past the double range is the input's doing (α, n, d): exit 2 with the remedy. */
const THEORY_RANGE = {
  input: true,
  remedy: 'choose a smaller --alpha (ε^α spans more than 10^±308 here)',
};

/** The model of one resolved theory run (src/theory/resolve-theory-run.ts). */
function model(flags: ModelFlags, alpha: number): TheoryModel {
  const input = inputFromOptions(THEORY_RUN_FIELDS, { ...flags, alpha }) as TheoryRunInput;
  return theoryModel(resolveTheoryRun(input));
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
      .requiredOption('--alpha <list>', 'α values, comma-separated (each > 0)', parseAlphaList),
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
    const m = model(flags, 1);
    const t = transition(m);
    const result = assertFinite(
      { n: m.n, d: m.d, bound: m.bound.name, loss: m.loss, ...t },
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
      .addOption(fieldOption('alpha', THEORY_RUN_FIELDS).makeOptionMandatory())
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
