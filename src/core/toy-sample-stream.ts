/**
 * The toy models' data stream, drawn sample by sample into sparse rows (CSR): the one
 * stream every backend draws bit for bit (assembly/toy-sample-stream.ts is the twin).
 * Two forms, chosen per instance by `state.sampling.unitStream`:
 *
 * - the geometric stream (independent features of one probability p): the B·n positions
 *   of a batch are walked in row-major order and the gap to the next nonzero is drawn from
 *   the geometric law ⌊ln u / ln(1 − p)⌋, u ∈ (0, 1] (Devroye 1986, "Non-Uniform Random
 *   Variate Generation", §X.2), then its value: two draws per nonzero, in that order;
 * - the unit stream (per-feature probabilities, correlated or anticorrelated sets; see
 *   toy-sampling.ts): per sample, per unit in order, one activity draw u < P_unit with
 *   u = r·2⁻³²; an active free feature then draws its value, an active correlated set one
 *   value per member in the set's order, an active anticorrelated set its member
 *   ⌊r·|set| / 2³²⌋, then that member's value.
 *
 * Values are U[0, 1) from the top 24 bits of a draw (float32-exact); for a signed state
 * (the absolute-value model) each value v is written as 2v − 1, U[−1, 1), also exact.
 */

import type { ToyState } from './toy-state.js';
import { UNIT_ANTICORRELATED, UNIT_CORRELATED } from './toy-sampling.js';
import { uniform24, uniformOpen32, xoshiroNext } from './xoshiro-buffer.js';

/** The geometric stream's position: the flat index of the next nonzero (≥ B·n when none is left) and its value. */
export interface StreamCursor {
  pos: number;
  val: number;
}

/**
 * Opens instance `inst`'s stream for one batch: for the geometric form, draws the first gap
 * and value into `cursor`. `rs` holds the generators ([nInstances, 4] words).
 */
export function streamBegin(
  cursor: StreamCursor,
  state: ToyState,
  inst: number,
  rs: Uint32Array = state.rngState,
): void {
  if (state.sampling.unitStream[inst]) return;
  const total = state.batchSize * state.nFeatures;
  const ro = 4 * inst;
  cursor.pos = state.sampling.density[inst] > 0 ? nextGap(rs, ro, state.invLogQ[inst]) : total;
  cursor.val = cursor.pos < total ? uniform24(xoshiroNext(rs, ro)) : 0;
}

/**
 * Draws sample s of instance inst's open stream: its nonzeros into nzIndex, nzValue
 * (feature, value), returning their count.
 */
export function streamRow(
  nzIndex: Int32Array,
  nzValue: Float64Array | Float32Array,
  cursor: StreamCursor,
  state: ToyState,
  inst: number,
  s: number,
  rs: Uint32Array = state.rngState,
): number {
  const ro = 4 * inst;
  const n = state.nFeatures;
  const sm = state.sampling;
  const a = state.signed ? 2 : 1;
  const c = state.signed ? -1 : 0;
  let nnz = 0;
  if (!sm.unitStream[inst]) {
    const total = state.batchSize * n;
    const invLogQ = state.invLogQ[inst];
    const rowEnd = (s + 1) * n;
    let pos = cursor.pos;
    let val = cursor.val;
    while (pos < rowEnd) {
      nzIndex[nnz] = pos - s * n;
      nzValue[nnz++] = a * val + c;
      pos += 1 + nextGap(rs, ro, invLogQ);
      if (pos < total) val = uniform24(xoshiroNext(rs, ro));
    }
    cursor.pos = pos;
    cursor.val = val;
    return nnz;
  }
  const P = inst * sm.nUnits;
  for (let u = 0; u < sm.nUnits; u++) {
    if (!(xoshiroNext(rs, ro) * 2.3283064365386963e-10 < sm.unitProbability[P + u])) continue;
    const first = sm.unitStart[u];
    const kind = sm.unitKind[u];
    if (kind === UNIT_CORRELATED) {
      for (let f = first; f < sm.unitStart[u + 1]; f++) {
        nzIndex[nnz] = sm.unitFeature[f];
        nzValue[nnz++] = a * uniform24(xoshiroNext(rs, ro)) + c;
      }
    } else {
      let f = first;
      // ⌊r · |set| / 2³²⌋ is exact in float64: r · |set| < 2⁵³.
      if (kind === UNIT_ANTICORRELATED)
        f += Math.floor((xoshiroNext(rs, ro) * (sm.unitStart[u + 1] - first)) / 4294967296);
      nzIndex[nnz] = sm.unitFeature[f];
      nzValue[nnz++] = a * uniform24(xoshiroNext(rs, ro)) + c;
    }
  }
  return nnz;
}

/** The number of zeros before the next nonzero: geometric with success probability p. */
function nextGap(rs: Uint32Array, ro: number, invLogQ: number): number {
  // ln u ≤ 0 and invLogQ < 0 (or −0 for p = 1, giving gap 0).
  return Math.floor(Math.log(uniformOpen32(xoshiroNext(rs, ro))) * invLogQ);
}
