/**
 * The threshold objective ℓ(c) = max(0, |c| − b)^p: interference below b costs
 * nothing, as when a negative bias wipes out small interference terms in a toy
 * model's 1-sparse loss (seed post, "Relation to Anthropic's Results").
 * No smoothing: for p ≥ 1 the subgradient at |c| = b is 0 (taken as the gradient),
 * and the optimised and reported losses are the same function.
 */
import { resolveParams, type Objective, type ObjectiveDefinition } from './objective.js';

/** `threshold`: ℓ(c) = max(0, |c| − b)^p, b = `threshold` ∈ [0, 1), p ≥ 1. */
export const thresholdObjective: ObjectiveDefinition = {
  name: 'threshold',
  description: 'ℓ(c) = max(0, |c| − threshold)^p (0 ≤ threshold < 1, p ≥ 1)',
  defaults: { threshold: 0.1, p: 2 },
  create(input) {
    const params = resolveParams(thresholdObjective, input);
    const { threshold: b, p } = params;
    if (!(b >= 0 && b < 1)) {
      throw new RangeError(`objective threshold: threshold must be in [0, 1), got ${b}`);
    }
    if (!(p >= 1)) throw new RangeError(`objective threshold: p must be ≥ 1, got ${p}`);
    const objective: Objective = {
      name: 'threshold',
      params: { threshold: b, p },
      surrogate: '',
      annealed: false,
      value(G, n, dLdG) {
        let L = 0;
        for (let i = 0; i < n; i++) {
          const gi = i * n;
          for (let j = 0; j < n; j++) {
            const c = G[gi + j];
            const excess = Math.abs(c) - b;
            if (i === j || excess <= 0) {
              if (dLdG) dLdG[gi + j] = 0;
              continue;
            }
            const e = Math.pow(excess, p - 1);
            L += e * excess;
            if (dLdG) dLdG[gi + j] = p * e * Math.sign(c);
          }
        }
        return L;
      },
      reported(G, n) {
        return objective.value(G, n);
      },
      anneal() {},
    };
    return objective;
  },
};
