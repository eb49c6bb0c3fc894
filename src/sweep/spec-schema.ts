/**
 * A sweep declared as data (docs/ARCHITECTURE.md §5.4): its name, job kind, the base
 * flags (camelCase, as the kind's command takes them), the axes whose cartesian
 * product is the grid, the seeds, and what to keep. Validated with zod; a bad spec
 * is one line naming the key path and what is allowed.
 *
 * ```yaml
 * name: my-sweep
 * kind: toy
 * base: { n: 5, m: 2, steps: 2000, importance: "decay:0.9" }
 * axes:
 *   sparsity: [0, 0.5, 0.9]
 *   lr: { logspace: [-3, -2], num: 3 }   # also { linspace: [a, b], num: k }
 * seeds: 4                                # seeds 0..3, or an explicit list
 * keep: [weights]
 * ```
 */
import { z } from 'zod';

/** One value of an axis or of a base flag. */
export type AxisValue = number | string | boolean;

const scalar = z.union([z.number(), z.string(), z.boolean()]);

const AXIS_HELP =
  'must be a non-empty list of values, { logspace: [a, b], num: k } or { linspace: [a, b], num: k } with finite a, b and an integer k ≥ 1';

const SEEDS_HELP = 'must be a count ≥ 1 (seeds 0..count−1) or a non-empty list of integers ≥ 0';

const ends = z.tuple([z.number(), z.number()]);
const num = z.number().int().min(1);

const axisSchema = z.union(
  [
    z.array(scalar).min(1, { error: AXIS_HELP }),
    z.strictObject({ logspace: ends, num }),
    z.strictObject({ linspace: ends, num }),
  ],
  {
    error: AXIS_HELP,
  },
);

/** The schema of a sweep spec; `kinds` are the registered job kinds' names. */
export function sweepSpecSchema(kinds: readonly string[]) {
  return z.strictObject({
    name: z
      .string({ error: 'must be a name of letters, digits, ".", "_" or "-"' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, {
        error:
          'must be a name of letters, digits, ".", "_" or "-", starting with a letter or digit',
      }),
    kind: z.enum(kinds as [string, ...string[]], {
      error: `must be one of ${kinds.join(', ')}`,
    }),
    base: z
      .record(
        z.string(),
        z.union([scalar, z.array(z.number())], {
          error: 'must be a number, string, boolean or list of numbers',
        }),
      )
      .default({}),
    axes: z.record(z.string(), axisSchema).default({}),
    seeds: z
      .union(
        [
          z.number().int({ error: SEEDS_HELP }).min(1, { error: SEEDS_HELP }),
          z
            .array(z.number().int({ error: SEEDS_HELP }).min(0, { error: SEEDS_HELP }))
            .min(1, { error: SEEDS_HELP }),
        ],
        { error: SEEDS_HELP },
      )
      .default(1),
    keep: z.array(z.enum(['weights'], { error: "must list only 'weights'" })).default([]),
  });
}

/** A validated spec, defaults filled in. */
export type SweepSpec = z.infer<ReturnType<typeof sweepSpecSchema>>;

/** One axis as written in a spec. */
export type AxisSpec = SweepSpec['axes'][string];

/** The first problem of a failed parse as one line: `spec: KEY.PATH: what is allowed`. */
export function formatSpecIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
    const where = path
      ? `${path} takes only its listed keys`
      : 'allowed keys: name, kind, base, axes, seeds, keep';
    return `spec: ${keys.join(', ')}: unknown key (${where})`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) message = 'is required';
  return `spec: ${path || '(top level)'}: ${message}`;
}
