/**
 * How the threaded WebAssembly backend splits a kernel: each thread gets a contiguous
 * range of row blocks (Gram triangle, mirror) or column tiles (V·A) holding an equal share
 * of the multiply-adds, so no two threads write the same element.
 */

/** The per-thread entry points of the shared-memory build (assembly/index.ts). */
export interface PartExports {
  gramPart(G: number, V: number, d: number, n: number, ld: number, from: number, to: number): void;
  mirrorPart(G: number, n: number, ld: number, from: number, to: number): void;
  // prettier-ignore
  gramTimesPart(out: number, V: number, A: number, d: number, n: number, ld: number,
    from: number, to: number): void;
  toySamplesPart(scratch: number, t: number, from: number, to: number): void;
  toyReducePart(scratch: number, from: number, to: number): void;
  toyNeuronSamplesPart(scratch: number, t: number, from: number, to: number): void;
  toyNeuronInstancesPart(args: number, t: number, from: number, to: number): void;
}

/** Operation codes of the control word. */
export const OP = {
  exit: 0,
  gram: 1,
  mirror: 2,
  gramTimes: 3,
  toySamples: 4,
  toyReduce: 5,
  toyNeuronSamples: 6,
  toyNeuronInstances: 7,
} as const;

/** Runs thread t's share; `a` holds the pointers and dimensions, then [from, to). */
export function runPart(x: PartExports, op: number, a: Int32Array, t: number): void {
  if (op === OP.gram) x.gramPart(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
  else if (op === OP.mirror) x.mirrorPart(a[0], a[1], a[2], a[3], a[4]);
  else if (op === OP.gramTimes) x.gramTimesPart(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
  else if (op === OP.toySamples) x.toySamplesPart(a[0], t, a[1], a[2]);
  else if (op === OP.toyReduce) x.toyReducePart(a[0], a[1], a[2]);
  else if (op === OP.toyNeuronSamples) x.toyNeuronSamplesPart(a[0], t, a[1], a[2]);
  else if (op === OP.toyNeuronInstances) x.toyNeuronInstancesPart(a[0], t, a[1], a[2]);
}

/**
 * Boundaries [b_0 = 0, …, b_T = n] on multiples of `step` splitting rows 0..n−1 whose
 * cost is ∝ (n − i) ('upper'), ∝ i ('lower') or constant ('flat') into T equal shares.
 */
export function shares(
  n: number,
  T: number,
  step: number,
  cost: 'upper' | 'lower' | 'flat',
): number[] {
  const b = [0];
  for (let t = 1; t < T; t++) {
    const f = t / T;
    const at =
      cost === 'upper' ? n * (1 - Math.sqrt(1 - f)) : cost === 'lower' ? n * Math.sqrt(f) : n * f;
    b.push(Math.min(n, Math.max(b[t - 1], Math.round(at / step) * step)));
  }
  b.push(Math.max(n, b[T - 1]));
  return b;
}

/** Runs split kernels on the main thread and its helpers. */
export interface ThreadTeam {
  readonly size: number;
  /** Runs `op` with shared arguments `args` and per-thread ranges `bounds` [T + 1]. */
  run(op: number, args: number[], bounds: number[]): void;
  close(): Promise<void>;
}

/** G [n, ld] = VᵀV on the team: triangle by equal-work row blocks, then the mirror. */
export function teamGram(
  team: ThreadTeam,
  G: number,
  V: number,
  d: number,
  n: number,
  ld: number,
): void {
  teamSyrk(team, G, V, d, n, ld);
  teamMirror(team, G, n, ld);
}

/** G's upper triangle (by 4-row blocks) = VᵀV on the team, by equal-work row blocks. */
// prettier-ignore
export function teamSyrk(team: ThreadTeam, G: number, V: number, d: number, n: number,
  ld: number): void {
  team.run(OP.gram, [G, V, d, n, ld], shares(n, team.size, 4, 'upper'));
}

/** G's upper triangle copied onto its lower one on the team. */
export function teamMirror(team: ThreadTeam, G: number, n: number, ld: number): void {
  team.run(OP.mirror, [G, n, ld], shares(n, team.size, 32, 'lower'));
}

/** out = V·A on the team, by equal column shares. */
// prettier-ignore
export function teamGramTimes(team: ThreadTeam, out: number, V: number, A: number, d: number,
  n: number, ld: number): void {
  team.run(OP.gramTimes, [out, V, A, d, n, ld], shares(n, team.size, 8, 'flat'));
}
