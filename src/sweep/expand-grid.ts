/**
 * A sweep's grid: each axis expanded to its values (a list as written;
 * `{ logspace: [a, b], num }` = 10^a … 10^b and `{ linspace: [a, b], num }` = a … b,
 * `num` points evenly spaced, ends included), and the points of the cartesian
 * product of the axes, the first axis varying slowest. Seeds: a count c means
 * 0 … c − 1. Sizes and first values are read without expanding anything, so a grid
 * too large to expand can be refused first.
 */
import type { AxisSpec, AxisValue, SweepSpec } from './spec-schema.js';

/** How many values an axis has. */
export function axisLength(axis: AxisSpec): number {
  return Array.isArray(axis) ? axis.length : axis.num;
}

/** The number of grid points (the product of the axis lengths; 1 without axes), unexpanded. */
export function gridSize(axes: SweepSpec['axes']): number {
  return Object.values(axes).reduce((size, axis) => size * axisLength(axis), 1);
}

/** The grid's first point, unexpanded. */
export function firstPoint(axes: SweepSpec['axes']): Record<string, AxisValue> {
  return Object.fromEntries(
    Object.entries(axes).map(([name, axis]) => [
      name,
      Array.isArray(axis) ? axis[0] : axisValues({ ...axis, num: 1 })[0],
    ]),
  );
}

/** How many seeds every point has. */
export function seedCount(seeds: SweepSpec['seeds']): number {
  return typeof seeds === 'number' ? seeds : seeds.length;
}

/** The values of one axis, in order. */
export function axisValues(axis: AxisSpec): AxisValue[] {
  if (Array.isArray(axis)) return axis;
  const log = 'logspace' in axis;
  const [a, b] = log ? axis.logspace : axis.linspace;
  const { num } = axis;
  return Array.from({ length: num }, (_, i) => {
    // Ends exact: a at i = 0, b at i = num − 1.
    const x = num === 1 ? a : i === num - 1 ? b : a + ((b - a) * i) / (num - 1);
    return log ? 10 ** x : x;
  });
}

/** Every point of the grid: one object per combination, keys in axis order. */
export function gridPoints(axes: SweepSpec['axes']): Record<string, AxisValue>[] {
  let points: Record<string, AxisValue>[] = [{}];
  for (const [name, axis] of Object.entries(axes)) {
    const values = axisValues(axis);
    points = points.flatMap((p) => values.map((v) => ({ ...p, [name]: v })));
  }
  return points;
}

/** The seeds of every point. */
export function seedList(seeds: SweepSpec['seeds']): number[] {
  return typeof seeds === 'number' ? Array.from({ length: seeds }, (_, i) => i) : seeds;
}
