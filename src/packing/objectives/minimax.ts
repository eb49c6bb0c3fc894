/**
 * The minimax objective: the coherence max_{i≠j} |G_ij| (α → ∞ in the seed's
 * language; the quantity the Welch bound and Conway–Hardin–Sloane line packings
 * are about), optimised through the log-sum-exp of the squared entries,
 *
 *   S_β(G) = (1/β) ln Σ_{i≠j} exp(β G_ij²),   max G_ij² ≤ S_β ≤ max G_ij² + ln(n(n−1))/β,
 *
 * whose sharpness β is annealed geometrically from `betaStart` to `betaEnd` as the
 * run progresses (`anneal(t)`). Squares keep S_β smooth at c = 0, and by Jensen's
 * inequality and the frame bound an equiangular tight frame minimises S_β for
 * every β, so ETFs are fixed points of the whole schedule. The reported loss is
 * the exact max |G_ij|.
 */
import { resolveParams, type Objective, type ObjectiveDefinition } from './objective.js';

/** `minimax`: max |G_ij| through an annealed log-sum-exp of G_ij². */
export const minimaxObjective: ObjectiveDefinition = {
  name: 'minimax',
  description:
    'max_{i≠j} |c| via (1/β) ln Σ exp(β c²), β annealed from betaStart to betaEnd (geometric)',
  defaults: { betaStart: 20, betaEnd: 20000 },
  create(input) {
    const params = resolveParams(minimaxObjective, input);
    const { betaStart, betaEnd } = params;
    if (!(betaStart > 0)) {
      throw new RangeError(`objective minimax: betaStart must be > 0, got ${betaStart}`);
    }
    if (!(betaEnd >= betaStart)) {
      throw new RangeError(`objective minimax: betaEnd must be ≥ betaStart, got ${betaEnd}`);
    }
    let beta = betaStart;
    const objective: Objective = {
      name: 'minimax',
      params: { betaStart, betaEnd },
      surrogate: `optimises (1/β) ln Σ exp(β c²) (≥ max c², ≤ max c² + ln(n(n−1))/β), β from ${betaStart} to ${betaEnd}; reports max |c|`,
      annealed: true,
      value(G, n, dLdG) {
        let top = 0;
        for (let i = 0; i < n; i++) {
          const gi = i * n;
          for (let j = 0; j < n; j++) {
            const c2 = G[gi + j] * G[gi + j];
            if (i !== j && c2 > top) top = c2;
          }
        }
        // Shift by the largest term so exp never overflows.
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const gi = i * n;
          for (let j = 0; j < n; j++) {
            if (i === j) continue;
            const c = G[gi + j];
            sum += Math.exp(beta * (c * c - top));
          }
        }
        if (dLdG) {
          for (let i = 0; i < n; i++) {
            const gi = i * n;
            for (let j = 0; j < n; j++) {
              if (i === j) {
                dLdG[gi + j] = 0;
                continue;
              }
              const c = G[gi + j];
              dLdG[gi + j] = (2 * c * Math.exp(beta * (c * c - top))) / sum;
            }
          }
        }
        return top + Math.log(sum) / beta;
      },
      reported(G, n) {
        let top = 0;
        for (let i = 0; i < n; i++) {
          const gi = i * n;
          for (let j = 0; j < n; j++) if (i !== j) top = Math.max(top, Math.abs(G[gi + j]));
        }
        return top;
      },
      anneal(t) {
        const u = Math.min(1, Math.max(0, t));
        beta = betaStart * Math.pow(betaEnd / betaStart, u);
      },
    };
    return objective;
  },
};
