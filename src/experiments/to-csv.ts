/** CSV for the data beside every figure (RFC 4180 quoting; numbers at full precision). */

/** Rows of flat records → CSV text with a header from the first row's keys. */
export function toCsv(rows: Record<string, number | string | boolean | null>[]): string {
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0]);
  const cell = (v: number | string | boolean | null | undefined): string => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    [headers.join(','), ...rows.map((r) => headers.map((h) => cell(r[h])).join(','))].join('\n') +
    '\n'
  );
}
