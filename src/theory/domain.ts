/**
 * The domain of k (docs/ARCHITECTURE.md §1): the real k ∈ [1, d] where the bound gives an ε,
 * as the interval [1, kEdge] that contains k = 1, and kMax = ⌊kEdge⌋, the largest
 * integer k inside it. For `jl-cubic` the edge is where ε reaches 1 (the post:
 * "for larger k there are no real roots").
 */
import { checkModel } from './theory-model.js';
import type { TheoryModel } from './theory-model.js';

/** The domain of a model: its real edge and the largest integer k in it. */
export interface Domain {
  kEdge: number;
  kMax: number;
}

/**
 * The model's domain.
 * @throws RangeError when the domain is empty (k = 1 has no ε), naming the cause.
 */
export function domainOf(model: TheoryModel): Domain {
  checkModel('domainOf', model);
  const edge = model.bound.domainEdge(model.n, model.d);
  if (edge === null) {
    const r = (4 * Math.log(model.n)) / model.d;
    throw new RangeError(
      `the domain is empty: with n=${model.n}, d=${model.d} the ${model.bound.name} bound has no ε ` +
        `even at k = 1 (4 ln(n)/d = ${r.toPrecision(4)} > 1/6); increase d or decrease n`,
    );
  }
  // Guard the floor against an edge that lands a hair below an integer.
  const kMax = Math.max(1, Math.floor(edge + 1e-9 * edge));
  return { kEdge: Math.max(edge, kMax), kMax: Math.min(kMax, model.d) };
}
