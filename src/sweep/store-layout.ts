/**
 * A store made ready for a plan, inside one transaction (src/sweep/result-store.ts):
 * the spec recorded (`sweep_specs`: every spec run into the store, with what its
 * jobs hold at each config leaf; `sweep_jobs`: every spec's jobs), then the table's
 * columns — the axes of every spec, and a column for each config leaf that tells
 * runs apart (src/sweep/config-leaves.ts) — in the README's order, the table rebuilt
 * when a column is new or its type widens, and every stored row's new cells filled
 * from its `config` JSON. An axis cell a row lacks (its spec had no such axis) is
 * filled from its config's top-level value of that name, where it has one.
 */
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { canonicalJson } from '../core/canonical-json.js';
import {
  changedBetweenSpecs,
  differingLeaves,
  keyOf,
  leafColumnType,
  leafName,
  leafValue,
  pathOf,
  specLeaves,
  type PathKey,
  type SpecLeaf,
} from './config-leaves.js';
import type { ColumnDef } from './job-kind.js';
import {
  FIXED_COLUMNS,
  TRAILING_COLUMNS,
  type StoreColumn,
  type StorePlan,
} from './store-columns.js';
import {
  cellOf,
  extractSql,
  jsonPath,
  quote,
  readRows,
  tableColumns,
  tableNames,
} from './store-sql.js';

/** The identity of a spec: sha256 of its canonical JSON. */
export function specIdentity(spec: StorePlan['spec']): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex');
}

/** The narrowest type holding both axis types (VARCHAR for two scalar kinds, JSON past that). */
function widen(a: ColumnDef['type'], b: ColumnDef['type']): ColumnDef['type'] {
  if (a === b) return a;
  return a === 'JSON' || b === 'JSON' ? 'JSON' : 'VARCHAR';
}

const SPEC_TABLES = [
  'CREATE TABLE IF NOT EXISTS sweep_specs (spec VARCHAR PRIMARY KEY, position INTEGER, name VARCHAR, kind VARCHAR, body JSON, leaves JSON, jobs INTEGER, firstRun VARCHAR, lastRun VARCHAR)',
  'CREATE TABLE IF NOT EXISTS sweep_jobs (spec VARCHAR, key VARCHAR, seed INTEGER)',
  'CREATE TABLE IF NOT EXISTS sweep_columns (position INTEGER, name VARCHAR, role VARCHAR, path JSON, type VARCHAR)',
];

/** Most pairs of colliding jobs whose configs are compared (a deterministic sample). */
const COLLISION_SAMPLE = 20_000;

/**
 * Records `plan`'s spec and lays the table out for it (see the module header); runs
 * inside the caller's transaction. Returns the table's columns.
 */
export async function prepareStore(db: DuckDBConnection, plan: StorePlan): Promise<StoreColumn[]> {
  const tables = await tableNames(db);
  if (tables.has('sweep_jobs')) {
    // A store from before specs were recorded kept only its latest plan, unlabelled.
    const cols = await tableColumns(db, 'sweep_jobs');
    if (!cols.some((c) => c.name === 'spec')) await db.run('DROP TABLE sweep_jobs');
  }
  for (const sql of SPEC_TABLES) await db.run(sql);
  await recordSpec(db, plan);

  const existing = tables.has('results') ? await tableColumns(db, 'results') : [];
  const recorded = await recordedColumns(db, existing, plan);
  const axes = mergeAxes(
    recorded.filter((c) => c.role === 'axis'),
    plan.axisColumns,
  );
  // A config column an axis now shows (same name: a top-level leaf) gives way to it.
  let config = recorded.filter((c) => c.role === 'config' && !axes.some((a) => a.name === c.name));
  const results = plan.resultColumns.map((c): StoreColumn => ({ ...c, role: 'result' }));
  const named = new Set(
    [...FIXED_COLUMNS, ...axes, ...results, ...TRAILING_COLUMNS].map((c) => c.name),
  );
  // Columns of an older store that fit no role stay, after the results.
  const others = existing
    .filter((c) => !named.has(c.name) && !config.some((x) => x.name === c.name))
    .map((c): StoreColumn => ({ ...c, role: 'result' }));
  const layout = () => [
    ...FIXED_COLUMNS.map((c): StoreColumn => ({ ...c, role: 'fixed' })),
    ...axes,
    ...config,
    ...results,
    ...others,
    ...TRAILING_COLUMNS.map((c): StoreColumn => ({ ...c, role: 'trailing' })),
  ];
  await ensureLayout(db, layout(), []);
  await stagePlanPoints(db, plan, axes);
  await fillAxes(db, axes);

  // Leaves that tell runs apart and have no column yet (an axis of that name shows its own).
  const found = new Set<PathKey>([
    ...changedBetweenSpecs(await allSpecLeaves(db)),
    ...(await collidingLeaves(db, plan, axes)),
  ]);
  const axisNames = new Set(axes.map((c) => c.name));
  const taken = new Set([...named, ...others.map((c) => c.name)]);
  const refill: string[] = [];
  const next: StoreColumn[] = [...config];
  for (const key of found) {
    const path = pathOf(key);
    if (path.length === 1 && axisNames.has(path[0])) continue;
    if (next.some((c) => keyOf(c.path ?? []) === key)) continue;
    let name = leafName(path);
    if (taken.has(name)) name = `config.${name}`;
    if (taken.has(name) || next.some((c) => c.name === name)) continue;
    const values = [...valuesAt(plan, path), ...(await storedSamples(db, path))];
    next.push({ name, type: leafColumnType(values), role: 'config', path });
    refill.push(name);
  }
  // A known leaf column whose values now include another kind holds JSON from now on.
  for (const [i, c] of next.entries()) {
    const values = valuesAt(plan, c.path ?? []).filter((v) => v !== undefined && v !== null);
    if (values.length === 0 || refill.includes(c.name)) continue;
    if (leafColumnType(values) !== c.type) {
      next[i] = { ...c, type: 'JSON' };
      refill.push(c.name);
    }
  }
  config = next;
  await ensureLayout(db, layout(), refill);
  for (const c of config.filter((x) => refill.includes(x.name))) {
    await db.run(`UPDATE results SET ${quote(c.name)} = ${extractSql(c.path ?? [], c.type)}`);
  }
  const columns = layout();
  await db.run('DELETE FROM sweep_columns');
  for (const [i, c] of columns.entries()) {
    if (c.role !== 'axis' && c.role !== 'config') continue;
    await db.run('INSERT INTO sweep_columns VALUES ($1, $2, $3, $4, $5)', [
      i,
      c.name,
      c.role,
      c.path === undefined ? null : JSON.stringify(c.path),
      c.type,
    ]);
  }
  await db.run('DROP TABLE IF EXISTS plan_points');
  return columns;
}

/** Adds the spec (or marks its new run) and replaces its jobs in `sweep_jobs`. */
async function recordSpec(db: DuckDBConnection, plan: StorePlan): Promise<void> {
  const id = specIdentity(plan.spec);
  const now = new Date().toISOString();
  const known = await readRows(db, 'SELECT spec FROM sweep_specs WHERE spec = $1', [id]);
  if (known.length === 0) {
    const leaves = specLeaves(plan.jobs.map((j) => j.config));
    await db.run(
      `INSERT INTO sweep_specs VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM sweep_specs), $2, $3, $4, $5, $6, $7, $7)`,
      [
        id,
        plan.name,
        plan.kind,
        JSON.stringify(plan.spec),
        JSON.stringify(leaves),
        plan.jobs.length,
        now,
      ],
    );
  } else {
    await db.run('UPDATE sweep_specs SET lastRun = $2 WHERE spec = $1', [id, now]);
  }
  await db.run('DELETE FROM sweep_jobs WHERE spec = $1', [id]);
  const appender = await db.createAppender('sweep_jobs');
  for (const j of plan.jobs) {
    appender.appendVarchar(id);
    appender.appendVarchar(j.key);
    appender.appendInteger(j.seed);
    appender.endRow();
  }
  appender.closeSync();
}

/**
 * The axis and config columns recorded; for a store from before they were recorded,
 * its columns that are neither fixed nor results are taken as axes.
 */
async function recordedColumns(
  db: DuckDBConnection,
  existing: readonly ColumnDef[],
  plan: StorePlan,
): Promise<StoreColumn[]> {
  const rows = await readRows(
    db,
    'SELECT name, role, path, type FROM sweep_columns ORDER BY position',
  );
  if (rows.length > 0 || existing.length === 0) {
    return rows.map((r) => ({
      name: String(r.name),
      type: r.type as ColumnDef['type'],
      role: r.role as 'axis' | 'config',
      ...(r.path == null ? {} : { path: JSON.parse(String(r.path)) as string[] }),
    }));
  }
  const known = new Set(
    [...FIXED_COLUMNS, ...plan.resultColumns, ...TRAILING_COLUMNS].map((c) => c.name),
  );
  return existing.filter((c) => !known.has(c.name)).map((c) => ({ ...c, role: 'axis' }));
}

/** The recorded axes and the plan's, in that order; a name typed two ways widens. */
function mergeAxes(recorded: readonly StoreColumn[], planned: readonly ColumnDef[]): StoreColumn[] {
  const axes = recorded.map((c) => ({ ...c }));
  for (const c of planned) {
    const known = axes.find((a) => a.name === c.name);
    if (known) known.type = widen(known.type, c.type);
    else axes.push({ ...c, role: 'axis' });
  }
  return axes;
}

/**
 * Creates the results table with `columns`, or rebuilds it when its columns differ
 * in names, order or types (rows copied, cast where a type widened); the columns in
 * `skip` are left empty for the caller to fill.
 */
async function ensureLayout(
  db: DuckDBConnection,
  columns: readonly StoreColumn[],
  skip: readonly string[],
): Promise<void> {
  const defs = columns.map((c) => `${quote(c.name)} ${c.type}`).join(', ');
  const current = await tableColumns(db, 'results');
  if (current.length === 0) {
    await db.run(`CREATE TABLE results (${defs}, PRIMARY KEY (key, seed))`);
    return;
  }
  const same =
    current.length === columns.length &&
    current.every((c, i) => c.name === columns[i].name && c.type === columns[i].type);
  if (same) return;
  const copied = columns.filter(
    (c) => !skip.includes(c.name) && current.some((x) => x.name === c.name),
  );
  const select = copied.map((c) => {
    const was = current.find((x) => x.name === c.name)?.type;
    if (was === c.type) return quote(c.name);
    return c.type === 'JSON' ? `to_json(${quote(c.name)})` : `CAST(${quote(c.name)} AS ${c.type})`;
  });
  await db.run('DROP TABLE IF EXISTS results_next');
  await db.run(`CREATE TABLE results_next (${defs}, PRIMARY KEY (key, seed))`);
  await db.run(
    `INSERT INTO results_next (${copied.map((c) => quote(c.name)).join(', ')}) SELECT ${select.join(', ')} FROM results`,
  );
  await db.run('DROP TABLE results');
  await db.run('ALTER TABLE results_next RENAME TO results');
}

/** The plan's jobs with their axis values, as the temporary table `plan_points`. */
async function stagePlanPoints(
  db: DuckDBConnection,
  plan: StorePlan,
  axes: readonly StoreColumn[],
): Promise<void> {
  const defs = axes.map((c) => `, ${quote(c.name)} ${c.type}`).join('');
  await db.run('DROP TABLE IF EXISTS plan_points');
  await db.run(`CREATE TEMP TABLE plan_points (i INTEGER, key VARCHAR, seed INTEGER${defs})`);
  const appender = await db.createAppender('plan_points');
  for (const [i, job] of plan.jobs.entries()) {
    appender.appendInteger(i);
    appender.appendVarchar(job.key);
    appender.appendInteger(job.seed);
    for (const c of axes) {
      const v = cellOf(c, { ...job.point, config: job.config });
      if (v === undefined || v === null) appender.appendNull();
      else if (c.type === 'DOUBLE') appender.appendDouble(v as number);
      else if (c.type === 'BOOLEAN') appender.appendBoolean(v as boolean);
      else appender.appendVarchar(typeof v === 'string' ? v : JSON.stringify(v));
    }
    appender.endRow();
  }
  appender.closeSync();
}

/** Fills empty axis cells: from the plan's points, then from each row's own config. */
async function fillAxes(db: DuckDBConnection, axes: readonly StoreColumn[]): Promise<void> {
  for (const c of axes) {
    const q = quote(c.name);
    await db.run(
      `UPDATE results SET ${q} = p.${q} FROM plan_points p WHERE results.key = p.key AND results.seed = p.seed AND results.${q} IS NULL AND p.${q} IS NOT NULL`,
    );
    await db.run(`UPDATE results SET ${q} = ${extractSql([c.name], c.type)} WHERE ${q} IS NULL`);
  }
}

/** What each recorded spec's jobs hold at each leaf. */
async function allSpecLeaves(db: DuckDBConnection): Promise<Record<PathKey, SpecLeaf>[]> {
  const rows = await readRows(db, 'SELECT leaves FROM sweep_specs ORDER BY position');
  return rows.map((r) => JSON.parse(String(r.leaves)) as Record<PathKey, SpecLeaf>);
}

/**
 * Rule (a): the leaves at which a planned job and a stored row at the same axis
 * values and seed differ (a sample of such pairs, when there are many).
 */
async function collidingLeaves(
  db: DuckDBConnection,
  plan: StorePlan,
  axes: readonly StoreColumn[],
): Promise<PathKey[]> {
  const on = axes.map((c) => ` AND r.${quote(c.name)} IS NOT DISTINCT FROM p.${quote(c.name)}`);
  const pairs = await readRows(
    db,
    `SELECT p.i, r.config FROM plan_points p JOIN results r ON r.seed = p.seed${on.join('')}
     WHERE r.key <> p.key ORDER BY hash(p.i, r.key) LIMIT ${COLLISION_SAMPLE}`,
  );
  const found = new Set<PathKey>();
  for (const { i, config } of pairs) {
    const stored = JSON.parse(String(config)) as object;
    for (const key of differingLeaves(plan.jobs[Number(i)].config, stored)) found.add(key);
  }
  return [...found];
}

/** One value of each kind (number, string, …) that stored configs hold at a leaf. */
async function storedSamples(db: DuckDBConnection, path: readonly string[]): Promise<unknown[]> {
  const p = jsonPath(path).replaceAll("'", "''");
  const rows = await readRows(db, `SELECT DISTINCT json_type(config, '${p}') AS t FROM results`);
  const sample: Record<string, unknown> = { VARCHAR: '', BOOLEAN: false, ARRAY: [], OBJECT: {} };
  return rows.map((r) => (r.t === null || r.t === 'NULL' ? null : (sample[String(r.t)] ?? 0)));
}

/** The values the plan's jobs hold at a leaf. */
function valuesAt(plan: StorePlan, path: readonly string[]): unknown[] {
  return plan.jobs.map((j) => leafValue(j.config, path));
}
