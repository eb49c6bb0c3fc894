/**
 * CSV for the data beside every figure, through d3-dsv (RFC 4180 quoting of
 * headers and cells: commas, quotes, \n and \r; numbers at full precision).
 */
import { csvFormat } from 'd3-dsv';
import { assertFinite } from '../core/finite-guard.js';

/** Rows of flat records → CSV text with a header from the first row's keys (refuses NaN/Infinity). */
export function toCsv(rows: Record<string, number | string | boolean | null>[]): string {
  if (rows.length === 0) return '';
  assertFinite(rows, 'CSV data');
  const columns = Object.keys(rows[0]);
  return `${csvFormat(rows, columns)}\n`;
}
