/**
 * Known answers the optimizer must reach (docs/ARCHITECTURE.md §2), seeded, within the
 * tolerances of src/test-support/tolerances.ts.
 */
import { describe, expect, it } from 'vitest';
import { F64_DIGITS, packingTolerances as tol } from '../test-support/tolerances.js';
import { pack as packRun } from './pack.js';
import type { PackRunInput } from './pack-run-schema.js';
import { resolvePackRun } from './resolve-pack-run.js';
import { frameBoundForBlocks, tegumBlocks } from './tegum-blocks.js';
import { gram } from '../core/gram.js';

function gramOf(V: Float32Array, d: number, n: number): Float32Array {
  const G = new Float32Array(n * n);
  gram(G, V, d, n);
  return G;
}

/** Packs the run `input` resolves to. */
function pack(input: PackRunInput) {
  return packRun(resolvePackRun(input));
}

/** Welch bound on the coherence of n unit vectors in R^d (n > d). */
function welch(n: number, d: number): number {
  return Math.sqrt((n - d) / (d * (n - 1)));
}

describe('known answers', () => {
  it.each([
    [12, 4, 'adam'],
    [64, 16, 'adam'],
    [40, 10, 'momentum'],
  ] as const)(
    'alpha = 2 reaches the frame bound Σ G_ij² = n²/d − n for n = %i, d = %i (%s)',
    (n, d, optimizer) => {
      const r = pack({ n, d, objective: 'power', alpha: 2, seed: 1, optimizer });
      const bound = (n * n) / d - n;
      expect(Math.abs(r.loss - bound) / bound).toBeLessThan(tol.frameBoundRelative);
    },
  );

  it.each([3, 5, 8])(
    'alpha = 2 with n = d + 1 gives the regular simplex, all G_ij = −1/d after fixing signs (d = %i)',
    (d) => {
      const n = d + 1;
      const r = pack({ n, d, objective: 'power', alpha: 2, seed: 2 });
      const G = gramOf(r.V, d, n);
      // Lines carry no sign: flip v_j so that G_0j < 0, then every entry must be −1/d.
      const s = Array.from({ length: n }, (_, j) => (j === 0 ? 1 : -Math.sign(G[j])));
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (i === j) continue;
          expect(Math.abs(s[i] * s[j] * G[i * n + j] + 1 / d)).toBeLessThan(tol.simplexEntry);
        }
      }
    },
  );

  it.each([
    [6, 3, 1 / Math.sqrt(5)],
    [28, 7, 1 / 3],
  ])('minimax reaches the Welch bound where an ETF exists: %i lines in R^%i at %f', (n, d, w) => {
    expect(welch(n, d)).toBeCloseTo(w, F64_DIGITS);
    const r = pack({ n, d, objective: 'minimax', seed: 3, restarts: 2 });
    expect(r.maxAbsCos).toBeGreaterThanOrEqual(w - tol.float32Gram);
    expect(r.maxAbsCos - w).toBeLessThan(tol.welchAbsolute);
    expect(r.loss).toBe(r.maxAbsCos);
  });

  // Conway, Hardin & Sloane (1996), "Packing lines, planes, etc.", Experimental Math.
  // 5(2): best-known minimal angles, here as cosines. All these are proven optimal:
  // n lines in R² (evenly spaced at π/n), n ≤ 7 lines in R³, 5 lines in R⁴ (simplex).
  it.each([
    [4, 2, Math.cos(Math.PI / 4), '45°'],
    [5, 2, Math.cos(Math.PI / 5), '36°'],
    [4, 3, 1 / 3, '70.5288°'],
    [5, 3, 1 / Math.sqrt(5), '63.4349°'],
    [7, 3, 1 / Math.sqrt(3), '54.7356°'],
    [5, 4, 1 / 4, '75.5225°'],
  ])(
    'minimax lands within the stated margin of the best-known packing of %i lines in R^%i (cos %f, %s)',
    (n, d, best) => {
      const r = pack({ n, d, objective: 'minimax', seed: 4, restarts: 3 });
      expect(r.maxAbsCos).toBeGreaterThanOrEqual(best - tol.float32Gram);
      expect(r.maxAbsCos - best).toBeLessThan(tol.bestKnownAbsolute);
    },
  );

  it('threshold reaches zero loss when b exceeds the best coherence (6 lines in R³, b = 0.46)', () => {
    const r = pack({ n: 6, d: 3, objective: 'threshold', threshold: 0.46 });
    expect(r.loss).toBe(0);
    expect(r.maxAbsCos).toBeLessThanOrEqual(0.46);
  });

  it('alpha = 2 tegum-constrained packings tie across k: L(k) = n²/d − n for every even k', () => {
    const n = 48;
    const d = 12;
    for (const k of [1, 2, 3, 4, 6, 12]) {
      const r = pack({ n, d, blocks: k, objective: 'power', alpha: 2 });
      expect(r.evenBlocks).toBe(true);
      expect(Math.abs(r.loss - ((n * n) / d - n)) / ((n * n) / d - n)).toBeLessThan(
        tol.tieRelative,
      );
    }
  });

  it('alpha = 2 with uneven blocks pays the stated correction Σ m_b²/D_b − n²/d', () => {
    const n = 48;
    const d = 12;
    for (const k of [5, 7, 9]) {
      const r = pack({ n, d, blocks: k, objective: 'power', alpha: 2 });
      expect(r.evenBlocks).toBe(false);
      const expected = frameBoundForBlocks(tegumBlocks(n, d, k));
      expect(expected).toBeGreaterThan((n * n) / d - n);
      expect(Math.abs(r.loss - expected) / expected).toBeLessThan(tol.tieRelative);
    }
  });
});
