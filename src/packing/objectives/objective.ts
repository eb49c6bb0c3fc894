/**
 * The contract every packing objective meets (docs/ARCHITECTURE.md §2): a loss over the
 * off-diagonal Gram entries, L(V) = Σ_{i≠j} ℓ(G_ij) summed over ordered pairs,
 * with its gradient with respect to G. The optimizer turns dL/dG into dL/dV
 * through the chain rule dL/dV = V (dL/dG + dL/dGᵀ) = 2 V·dL/dG (G is symmetric).
 *
 * Objectives may optimise a smooth surrogate (power near 0 for α ≤ 1, the
 * log-sum-exp for minimax); `reported` is always the exact loss, and `surrogate`
 * says in one line how the two differ.
 */

/**
 * A Gram-shaped buffer: float32 in the optimizer (the compute core's format), float64
 * in gradient checks.
 */
export type GramBuffer = Float32Array | Float64Array;

/** Named numeric parameters of an objective, e.g. `{ alpha: 1.5 }`. */
export type ObjectiveParams = Readonly<Record<string, number | undefined>>;

/** One objective instance, ready for the optimizer. */
export interface Objective {
  /** The registered name (`power`, `threshold`, `minimax`, …). */
  readonly name: string;
  /** The parameters after defaults, e.g. `{ alpha: 1, smoothing: 1e-3 }`. */
  readonly params: Readonly<Record<string, number>>;
  /** How the optimised surrogate differs from the reported loss; '' when they agree. */
  readonly surrogate: string;
  /** True when the surrogate changes with `anneal` (early stopping waits for the end). */
  readonly annealed: boolean;
  /**
   * The optimised (surrogate) loss over ordered pairs i ≠ j.
   * @param G [n, n] full symmetric Gram matrix.
   * @param dLdG [n, n] when given, receives ∂L/∂G_ij (symmetric, zero diagonal).
   */
  value(G: GramBuffer, n: number, dLdG?: GramBuffer): number;
  /**
   * Where the objective has one fused kernel (power: src/core/power-packing-gradient.ts):
   * the optimised loss at G = VᵀV, with out = V·∂L/∂G, in one backend call, the Gram
   * matrix never leaving the backend. The optimizer prefers it to `value`.
   * @param out [d, n]
   * @param V [d, n]
   * @param G [n, n] scratch (contents unspecified afterwards)
   */
  fusedGradient?(out: Float32Array, V: Float32Array, G: Float32Array, d: number, n: number): number;
  /** The exact loss the user sees (no smoothing, no surrogate). G [n, n]. */
  reported(G: GramBuffer, n: number): number;
  /** Sets the annealing progress t ∈ [0, 1]; a no-op for objectives that do not anneal. */
  anneal(t: number): void;
}

/** How an objective is registered: a name, a one-line description, and a factory. */
export interface ObjectiveDefinition {
  readonly name: string;
  /** One line for `--help`, with ℓ written out. */
  readonly description: string;
  /** Parameter names this objective accepts, each with its default. */
  readonly defaults: Readonly<Record<string, number>>;
  /** Validates params (RangeError naming the parameter and what is allowed) and builds. */
  create(params: ObjectiveParams): Objective;
}

/** Fills params with defaults and rejects names the objective does not know. */
export function resolveParams(
  definition: Pick<ObjectiveDefinition, 'name' | 'defaults'>,
  params: ObjectiveParams,
): Record<string, number> {
  const out: Record<string, number> = { ...definition.defaults };
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (!(key in definition.defaults)) {
      const allowed = Object.keys(definition.defaults).join(', ') || 'none';
      throw new RangeError(
        `objective ${definition.name}: unknown parameter '${key}' (allowed: ${allowed})`,
      );
    }
    if (!Number.isFinite(value)) {
      throw new RangeError(`objective ${definition.name}: ${key} must be finite, got ${value}`);
    }
    out[key] = value;
  }
  return out;
}
