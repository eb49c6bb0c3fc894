/**
 * Golden-file comparison for figures (as Observable Plot's snapshot tests):
 * the normalised SVG must equal the stored one; `UPDATE_GOLDEN=1` rewrites it.
 * A missing golden file fails the test rather than being written silently.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { normalizeSvg } from '../viz/render.js';

/** Compares `svg` (normalised) with the golden file at `path`; returns [actual, expected]. */
export function goldenSvg(path: string, svg: string): [string, string] {
  const actual = normalizeSvg(svg);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual + '\n');
  if (!existsSync(path)) {
    throw new Error(`golden file ${path} is missing; run with UPDATE_GOLDEN=1 to create it`);
  }
  return [actual, readFileSync(path, 'utf8').trim()];
}
