/**
 * Writes a figure as SVG and PNG side by side, atomically (temporary file, then
 * rename), so an interrupted run never leaves a half-written figure.
 */
import { svgToPng } from '../viz/render.js';
import { writeFileAtomic } from '../core/output-batch.js';
import { join } from 'node:path';

/** Writes `DIR/NAME.svg` and `DIR/NAME.png`; returns both paths. */
export function writeFigure(dir: string, name: string, svg: string): { svg: string; png: string } {
  const svgPath = join(dir, `${name}.svg`);
  const pngPath = join(dir, `${name}.png`);
  const png = svgToPng(svg);
  writeFileAtomic(svgPath, svg);
  writeFileAtomic(pngPath, png);
  return { svg: svgPath, png: pngPath };
}
