/**
 * The interface every interference bound implements (docs/ARCHITECTURE.md §1): the typical
 * interference ε inside one of k subspaces holding m = n/k vectors in D = d/k
 * dimensions, its log-derivative in k, and the domain of k where it exists.
 */

/** What a bound is evaluated at: the model's n, d, α, ε₀ and a real k ∈ [1, d]. */
export interface BoundPoint {
  n: number;
  d: number;
  k: number;
  alpha: number;
  epsilon0: number;
}

/** An interference bound, registered by name. */
export interface Bound {
  /** Registry name ('jl', 'jl-cubic', 'welch', 'random'). */
  readonly name: string;
  /** One line for tables and figure subtitles. */
  readonly description: string;
  /** ε(k); NaN outside the domain. */
  epsilon(p: BoundPoint): number;
  /** ℓ(ε(k)) = ε^α (for `random`, E|c|^α directly). */
  ell(p: BoundPoint): number;
  /**
   * ln ℓ(ε(k)) = α ln ε, where ℓ itself underflows (α in the hundreds); optional for
   * bounds registered from outside, which fall back to ln(ell).
   */
  logEll?(p: BoundPoint): number;
  /** d ln ℓ / dk at k (analytic). */
  dLogEllDk(p: BoundPoint): number;
  /**
   * The right end of the domain: the largest real k ≤ d such that every k' in
   * [1, k] has an ε; null when k = 1 itself has none (the domain is empty).
   */
  domainEdge(n: number, d: number): number | null;
}
