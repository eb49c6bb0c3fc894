/**
 * The block layout of a tegum-constrained packing (seed post, "Setup"; docs/ARCHITECTURE.md §2):
 * k mutually orthogonal subspaces, block b holding m_b features in D_b dimensions.
 * When k does not divide n (or d) the blocks are as even as possible: the first
 * n mod k blocks get ⌈n/k⌉ features and the first d mod k blocks get ⌈d/k⌉
 * dimensions, so the larger feature counts meet the larger subspaces.
 */
import { checkInteger } from '../core/check-args.js';

/** One block: features [featureStart, featureStart + m), dimensions [dimStart, dimStart + D). */
export interface TegumBlock {
  featureStart: number;
  m: number;
  dimStart: number;
  D: number;
}

/** Splits n features and d dimensions into k blocks (1 ≤ k ≤ min(n, d)). */
export function tegumBlocks(n: number, d: number, k: number): TegumBlock[] {
  checkInteger('tegumBlocks', 'n', n, 1);
  checkInteger('tegumBlocks', 'd', d, 1);
  checkInteger('tegumBlocks', 'k', k, 1);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d must be an integer ≥ 1, got ${d}`);
  if (!Number.isInteger(k) || k < 1 || k > Math.min(n, d)) {
    throw new RangeError(
      `k must be an integer in [1, min(n, d)] = [1, ${Math.min(n, d)}], got ${k}`,
    );
  }
  const blocks: TegumBlock[] = [];
  let featureStart = 0;
  let dimStart = 0;
  for (let b = 0; b < k; b++) {
    const m = Math.floor(n / k) + (b < n % k ? 1 : 0);
    const D = Math.floor(d / k) + (b < d % k ? 1 : 0);
    blocks.push({ featureStart, m, dimStart, D });
    featureStart += m;
    dimStart += D;
  }
  return blocks;
}

/** True when every block has the same (m, D). */
export function blocksAreEven(blocks: readonly TegumBlock[]): boolean {
  return blocks.every((b) => b.m === blocks[0].m && b.D === blocks[0].D);
}

/**
 * The α = 2 optimum of a tegum layout: Σ_b max(0, m_b²/D_b − m_b), each block a unit-norm tight
 * frame (or orthonormal when m_b ≤ D_b). Equals n²/d − n for even blocks with m ≥ D (the tie across
 * k, docs/ARCHITECTURE.md §2); uneven blocks pay Σ m_b²/D_b − n²/d ≥ 0 more.
 */
export function frameBoundForBlocks(blocks: readonly TegumBlock[]): number {
  let total = 0;
  for (const { m, D } of blocks) total += Math.max(0, (m * m) / D - m);
  return total;
}
