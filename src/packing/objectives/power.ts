/**
 * The power objective ℓ(c) = |c|^α: the seed's loss family, where α = d ln ℓ / d ln ε
 * is the loss's sensitivity to interference (seed post, "Loss-Minimizing Subspaces").
 *
 * Smoothing (α ≤ 1 only): |c|^α has an infinite (α < 1) or discontinuous (α = 1)
 * slope at c = 0, so the optimizer minimises ℓ_δ(c) = (c² + δ²)^{α/2} − δ^α instead,
 * δ = `smoothing` (default 1e-2). For 0 < α ≤ 2 one has |c|^α − δ^α ≤ ℓ_δ(c) ≤ |c|^α,
 * so the optimised value sits below the reported exact Σ|G_ij|^α by at most
 * n(n−1)·δ^α; pairs with |c| ≲ δ are no longer pushed towards 0, and each still
 * adds up to δ^α to the reported loss (0.32 per ordered pair at α = 0.25, δ = 1e-2; optimised pairs usually settle far below δ).
 * For α > 1 no smoothing is needed (ℓ is C¹) and none is applied.
 */
import { powerInterference } from '../../core/power-interference.js';
import { powerPackingGradient } from '../../core/power-packing-gradient.js';
import { resolveParams, type Objective, type ObjectiveDefinition } from './objective.js';

/** `power`: ℓ(c) = |c|^α, smoothed near 0 when α ≤ 1. */
export const powerObjective: ObjectiveDefinition = {
  name: 'power',
  description:
    'ℓ(c) = |c|^alpha (alpha > 0; smoothed as (c²+δ²)^(alpha/2) − δ^alpha when alpha ≤ 1)',
  defaults: { alpha: 2, smoothing: 1e-2 },
  create(input) {
    const params = resolveParams(powerObjective, input);
    const { alpha, smoothing } = params;
    if (!(alpha > 0)) throw new RangeError(`objective power: alpha must be > 0, got ${alpha}`);
    if (!(smoothing > 0 && smoothing < 0.1)) {
      throw new RangeError(`objective power: smoothing must be in (0, 0.1), got ${smoothing}`);
    }
    const smoothed = alpha <= 1;
    const offset = smoothed ? Math.pow(smoothing, alpha) : 0;
    const objective: Objective = {
      name: 'power',
      params: smoothed ? { alpha, smoothing } : { alpha },
      surrogate: smoothed
        ? `optimises (c²+δ²)^(α/2) − δ^α with δ = ${smoothing}; the reported loss Σ|G_ij|^α exceeds it by at most n(n−1)·δ^α = n(n−1)·${offset.toPrecision(3)}`
        : '',
      annealed: false,
      value(G, n, dLdG) {
        return powerInterference(G, n, alpha, smoothing, dLdG);
      },
      fusedGradient(out, V, G, d, n) {
        return powerPackingGradient(out, V, G, d, n, alpha, smoothing);
      },
      reported(G, n) {
        let L = 0;
        for (let i = 0; i < n; i++) {
          const gi = i * n;
          for (let j = 0; j < n; j++) if (i !== j) L += Math.pow(Math.abs(G[gi + j]), alpha);
        }
        return L;
      },
      anneal() {},
    };
    return objective;
  },
};
