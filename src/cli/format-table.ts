/** Plain-text tables for the CLI's human-readable output. */

/** Formats a number for a table: integers as is, others to 4 significant digits. */
export function formatCell(x: unknown): string {
  if (x === null || x === undefined) return '—';
  if (typeof x === 'number') {
    if (Number.isInteger(x)) return String(x);
    if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e6)) return x.toExponential(3);
    return String(Number(x.toPrecision(4)));
  }
  return String(x);
}

/** Right-aligned columns under a header row. */
export function formatTable(headers: string[], rows: unknown[][]): string {
  const cells = rows.map((r) => r.map(formatCell));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
