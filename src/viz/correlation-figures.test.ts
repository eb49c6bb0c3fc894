import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenSvg } from '../test-support/golden.js';
import { correlationArrowsFigure, type CorrelationPanel } from './correlation-figures.js';

const golden = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url));
const h = Math.SQRT1_2;

/** W [2, n] from columns. */
const W = (cols: [number, number][]) => [...cols.map((c) => c[0]), ...cols.map((c) => c[1])];

/** Constructed geometries standing in for the three trained setups. */
export const PANELS: CorrelationPanel[] = [
  {
    title: 'correlated pairs',
    W: W([
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1],
    ]),
    nFeatures: 4,
    correlated: [
      [0, 1],
      [2, 3],
    ],
    anticorrelated: [],
  },
  {
    title: 'anticorrelated pairs',
    W: W([
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ]),
    nFeatures: 4,
    correlated: [],
    anticorrelated: [
      [0, 1],
      [2, 3],
    ],
  },
  {
    title: 'two correlated sets of 3',
    W: W([
      [1, 0],
      [0, h],
      [0, h],
      [-1, 0],
      [0, -h],
      [0, -h],
    ]),
    nFeatures: 6,
    correlated: [
      [0, 1, 2],
      [3, 4, 5],
    ],
    anticorrelated: [],
  },
];

describe('the correlation figure', () => {
  it('draws each setup’s columns as arrows coloured by set, dashed when anticorrelated, as in its golden SVG', () => {
    const svg = correlationArrowsFigure(PANELS);
    expect(svg.match(/<svg/g)).toHaveLength(4);
    expect(svg).toContain('anticorrelated pairs');
    expect(svg).toContain('stroke-dasharray="4,2"');
    const [actual, expected] = goldenSvg(golden('correlation-arrows.svg'), svg);
    expect(actual).toBe(expected);
  });
});
