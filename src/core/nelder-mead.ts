/**
 * Nelder–Mead simplex minimisation (Nelder & Mead 1965), with the standard
 * coefficients (reflection 1, expansion 2, contraction 1/2, shrink 1/2) as in
 * Lagarias et al. 1998. For small smooth-enough problems without gradients
 * (a handful of parameters, a piecewise-polynomial objective).
 */

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Initial simplex edge along each axis; default 0.1. */
  step?: number;
  /** Stop when the simplex's values span less than this (absolute); default 1e-12. */
  fTol?: number;
  /** Stop when its vertices lie within this of the best (max norm); default 1e-9. */
  xTol?: number;
  /** Default 2000 · dimension. */
  maxIterations?: number;
}

/** The best point found and its value. */
export interface NelderMeadResult {
  x: number[];
  f: number;
  iterations: number;
}

/** Minimises f from x0. */
export function nelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const d = x0.length;
  if (d < 1) throw new RangeError('nelderMead: x0 must have at least one coordinate');
  const step = options.step ?? 0.1;
  const fTol = options.fTol ?? 1e-12;
  const xTol = options.xTol ?? 1e-9;
  const maxIterations = options.maxIterations ?? 2000 * d;
  const simplex: number[][] = [Array.from(x0)];
  for (let i = 0; i < d; i++) {
    const v = Array.from(x0);
    v[i] += step;
    simplex.push(v);
  }
  const values = simplex.map((v) => f(v));
  const at = (c: readonly number[], toward: readonly number[], t: number) =>
    c.map((ci, i) => ci + t * (toward[i] - ci));
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const sorted = order.map((i) => simplex[i]);
    const sortedValues = order.map((i) => values[i]);
    for (let i = 0; i <= d; i++) {
      simplex[i] = sorted[i];
      values[i] = sortedValues[i];
    }
    const spread = values[d] - values[0];
    let size = 0;
    for (let i = 1; i <= d; i++) {
      for (let j = 0; j < d; j++) size = Math.max(size, Math.abs(simplex[i][j] - simplex[0][j]));
    }
    if (spread <= fTol && size <= xTol) break;
    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] += simplex[i][j] / d;
    const worst = simplex[d];
    const reflected = at(centroid, worst, -1);
    const fr = f(reflected);
    if (fr < values[0]) {
      const expanded = at(centroid, worst, -2);
      const fe = f(expanded);
      if (fe < fr) {
        simplex[d] = expanded;
        values[d] = fe;
      } else {
        simplex[d] = reflected;
        values[d] = fr;
      }
      continue;
    }
    if (fr < values[d - 1]) {
      simplex[d] = reflected;
      values[d] = fr;
      continue;
    }
    const outside = fr < values[d];
    const contracted = outside ? at(centroid, reflected, 0.5) : at(centroid, worst, 0.5);
    const fc = f(contracted);
    if (fc < (outside ? fr : values[d])) {
      simplex[d] = contracted;
      values[d] = fc;
      continue;
    }
    for (let i = 1; i <= d; i++) {
      simplex[i] = at(simplex[0], simplex[i], 0.5);
      values[i] = f(simplex[i]);
    }
  }
  let best = 0;
  for (let i = 1; i <= d; i++) if (values[i] < values[best]) best = i;
  return { x: simplex[best], f: values[best], iterations };
}
