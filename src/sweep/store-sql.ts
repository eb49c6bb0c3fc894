/**
 * The SQL and cells of a sweep's store (src/sweep/result-store.ts,
 * src/sweep/store-layout.ts): queries as plain rows, the tables and their columns,
 * and a config leaf as a typed cell — in SQL from a row's `config` JSON, or in
 * JavaScript from the config object — the two giving the same cell.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { leafValue } from './config-leaves.js';
import type { ColumnDef } from './job-kind.js';
import type { StoreColumn } from './store-columns.js';

/** An identifier quoted for SQL. */
export const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Rows of a query as plain JSON-safe objects. */
export async function readRows(
  db: DuckDBConnection,
  sql: string,
  values?: (string | number | boolean | null)[],
): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql, values)).getRowObjectsJson() as Record<string, unknown>[];
}

/** The tables of the database. */
export async function tableNames(db: DuckDBConnection): Promise<Set<string>> {
  const rows = await readRows(
    db,
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main'",
  );
  return new Set(rows.map((r) => String(r.name)));
}

/** A table's columns, in order. */
export async function tableColumns(db: DuckDBConnection, table: string): Promise<ColumnDef[]> {
  const rows = await readRows(
    db,
    "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = $1 AND table_schema = 'main' ORDER BY ordinal_position",
    [table],
  );
  return rows as unknown as ColumnDef[];
}

/** JSON path of a leaf, for DuckDB's json functions. */
export function jsonPath(path: readonly string[]): string {
  return '$' + path.map((k) => `."${k.replaceAll('"', '\\"')}"`).join('');
}

/**
 * SQL for the value at `path` of the row's config as `type`; NULL where the config
 * has no such leaf or holds another kind of value there.
 */
export function extractSql(path: readonly string[], type: ColumnDef['type']): string {
  const p = `'${jsonPath(path).replaceAll("'", "''")}'`;
  const t = `json_type(config, ${p})`;
  switch (type) {
    case 'DOUBLE':
    case 'INTEGER':
    case 'BIGINT':
      return `CASE WHEN ${t} IN ('DOUBLE', 'UBIGINT', 'BIGINT') THEN TRY_CAST(json_extract(config, ${p}) AS ${type}) END`;
    case 'BOOLEAN':
      return `CASE WHEN ${t} = 'BOOLEAN' THEN CAST(json_extract(config, ${p}) AS BOOLEAN) END`;
    case 'VARCHAR':
      return `CASE WHEN ${t} = 'VARCHAR' THEN json_extract_string(config, ${p}) END`;
    case 'JSON':
      return `CASE WHEN ${t} NOT IN ('OBJECT', 'NULL') THEN json_extract(config, ${p}) END`;
  }
}

/** A JS value as a cell of `type`, or undefined when it is not of that kind. */
export function typedValue(value: unknown, type: ColumnDef['type']): unknown {
  if (value === undefined || value === null) return undefined;
  if (type === 'JSON') return value;
  if (type === 'VARCHAR') return typeof value === 'string' ? value : undefined;
  if (type === 'BOOLEAN') return typeof value === 'boolean' ? value : undefined;
  return typeof value === 'number' ? value : undefined;
}

/** A cell of `row` in `column`: its own value, an axis filled from config, a config leaf. */
export function cellOf(column: StoreColumn, row: Readonly<Record<string, unknown>>): unknown {
  if (column.role === 'config') return leafValue(row.config, column.path ?? []);
  if (column.role === 'axis' && row[column.name] === undefined) {
    return typedValue(leafValue(row.config, [column.name]), column.type);
  }
  return row[column.name];
}
