/**
 * How the neuron models' instances are shared among threads (docs/ARCHITECTURE.md §5.3;
 * the kernels are assembly/toy-neuron.ts and native/src/toy-neuron-step.c): each
 * instance's estimated cost, and contiguous runs of instances of about equal cost for the
 * threaded WebAssembly backend, where one exists (the worker pool weighs its slices by the
 * same cost).
 */

/**
 * Work of one neuron-model instance's step per sample, in multiply-adds, estimated from its
 * mean feature probability p: drawing the batch, about 110 − 60p per nonzero (as the
 * Gram-form estimate, src/toy/train-toy-parallel.ts); and, where the sample has a nonzero
 * (probability 1 − (1 − p)ⁿ: the others are counted, not computed), the hidden layer over
 * p·n nonzeros and the output, ∂L/∂V and δ over about half the neurons; plus 20 per sample.
 */
export function neuronCost(n: number, m: number, p: number): number {
  const nonempty = 1 - (1 - p) ** n;
  return 20 + (110 - 60 * p) * p * n + nonempty * (n + p * n * m + 1.5 * m * n);
}

/**
 * Instance boundaries [T + 1] giving each of T threads a contiguous run of instances of
 * about equal estimated cost, or undefined where that cannot be near even (fewer instances
 * than threads, or one instance above 1.25 shares): the samples are split then.
 * @param density [nInstances] each instance's mean feature probability 1 − S
 */
export function instanceShares(
  density: ArrayLike<number>,
  n: number,
  m: number,
  T: number,
): number[] | undefined {
  const nI = density.length;
  if (nI < T) return undefined;
  const cost = Array.from({ length: nI }, (_, i) => neuronCost(n, m, density[i]));
  const total = cost.reduce((a, c) => a + c, 0);
  if (Math.max(...cost) > (1.25 * total) / T) return undefined;
  // Each boundary where the running cost lands nearest t / T of the total.
  const cum = [0];
  for (let i = 0; i < nI; i++) cum.push(cum[i] + cost[i]);
  const bounds = [0];
  for (let t = 1; t < T; t++) {
    const goal = (t * total) / T;
    let b = bounds[t - 1];
    while (b < nI && Math.abs(cum[b + 1] - goal) < Math.abs(cum[b] - goal)) b++;
    bounds.push(b);
  }
  bounds.push(nI);
  return bounds;
}
