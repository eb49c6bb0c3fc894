/**
 * Shareable state in the URL: `#/VIEW?key=value&…`. Each view reads its
 * parameters (with defaults and bounds) and writes them back on every change.
 *
 * `autostart=1` (packing and toy views) starts the run as the page loads, so a
 * shared link shows a result without a click. It belongs to the link, not to the
 * state: a view writes it back only when the URL it was opened with had it (an
 * edited shared link still trains for whoever opens it next) and never adds it, so
 * moving a slider or pressing Start does not turn an ordinary URL into one that
 * trains on load.
 */

/** The parsed hash: which view, and its parameters. */
export interface Route {
  view: string;
  params: URLSearchParams;
}

/** Reads `location.hash`. */
export function readRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  const [view, query = ''] = hash.split('?');
  return { view: view || 'theory', params: new URLSearchParams(query) };
}

/** Replaces the URL's parameters for `view` without adding a history entry. */
export function writeRoute(view: string, params: Record<string, string | number>): void {
  const query = new URLSearchParams(
    Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string]),
  );
  history.replaceState(null, '', `#/${view}?${query.toString()}`);
}

/** A number parameter clamped to [min, max], or `fallback` when absent or bad. */
export function numberParam(
  params: URLSearchParams,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = params.get(key);
  const x = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(x) ? Math.min(max, Math.max(min, x)) : fallback;
}

/** True when the URL asks the view to start its run on load (`autostart=1` or `=true`). */
export function autostartParam(params: URLSearchParams): boolean {
  const raw = params.get('autostart');
  return raw === '1' || raw === 'true';
}

/** A parameter from a fixed set of names, or `fallback`. */
export function choiceParam(
  params: URLSearchParams,
  key: string,
  allowed: readonly string[],
  fallback: string,
): string {
  const raw = params.get(key);
  return raw !== null && allowed.includes(raw) ? raw : fallback;
}
