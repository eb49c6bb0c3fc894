/**
 * How the threaded WebAssembly backend shares the neuron models' instances among its
 * threads (docs/ARCHITECTURE.md §5.3; the kernel is assembly/toy-neuron.ts): contiguous
 * runs of instances of about equal estimated cost, where one exists.
 */

/**
 * Multiply-adds of one neuron-model instance's step per sample, estimated from its mean
 * feature probability p: the hidden layer over p·n nonzeros, and, where the sample has a
 * nonzero (probability 1 − (1 − p)ⁿ), the output, ∂L/∂V and δ over about half the neurons.
 */
export function neuronCost(n: number, m: number, p: number): number {
  return n + 2 * p * n + p * n * m + (1 - (1 - p) ** n) * 1.5 * m * n;
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
