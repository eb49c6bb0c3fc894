/**
 * The toy models' fused training step in WebAssembly SIMD: the twin of
 * src/core/js/toy-train-step.ts (same stream, same Gram-form gradients, same Adam) —
 * see src/core/toy-gradient.ts for the derivation. Per instance: Wp (padded W) → G = WᵀW;
 * per sample: pre = b + Σ_nz x_j G_j, g = ∂L/∂pre, E_j += x_j g; then ∂L/∂W = W (E + Eᵀ)
 * and one Adam/AdamW update. Dense-ish instances take the factored form instead
 * (toy-factored.ts), whichever `factoredIsCheaper` says costs fewer multiply-adds. The
 * buffers are named by one scratch layout (toy-scratch.ts); the data stream is
 * toy-sample-stream.ts, Adam adam-update.ts.
 */

import { adamInstance } from './adam-update';
import { gemmRows, mirrorUpper, symmetrize, syrkUpper } from './gemm';
import { factoredFinish, factoredIsCheaper, factoredPrepare } from './toy-factored';
import { factoredSamplePass, factoredTilePass } from './toy-factored-samples';
import { samplePass } from './toy-gram-samples';
import { scatterRow, streamBegin, streamRow, ToyData } from './toy-sample-stream';
import { ceil4, layToyScratch, SAMPLE_TILE } from './toy-scratch';
import { adamParamsOf, ToyStepArgs } from './toy-step-args';

export { toyScratchBytes } from './toy-scratch';

/**
 * One step of nI instances, its arguments in the descriptor at `args` (toy-step-args.ts).
 * State arrays are unpadded ([nI, m, n], [nI, n]); `data` is a ToyData
 * (toy-sample-stream.ts); `scratch` holds toyScratchBytes(n, m, ld) bytes; `ld` ≥
 * ceil4(n) + 4. Writes loss[nI] (before the update).
 */
export function toyTrainStep(args: usize): void {
  const a = changetype<ToyStepArgs>(args);
  const W = a.W,
    b = a.b,
    mW = a.mW,
    vW = a.vW,
    mb = a.mb,
    vb = a.vb;
  const importance = a.importance,
    loss = a.loss;
  const nI = a.nI,
    n = a.n,
    m = a.m,
    B = a.B,
    ld = a.ld;
  const data = a.data;
  const D = changetype<ToyData>(data);
  const L = layToyScratch(a.scratch, n, m, ld, B, a.relu != 0);
  const adam = adamParamsOf(changetype<usize>(L.adam), a);
  const rowBytes = L.rowBytes;
  const n4 = ceil4(n);
  const nBytes = (<usize>n) << 2;
  const total = <f64>B * <f64>n;
  // Zero only what padding and accumulation need: Wp, x, Ip, bi4 (G, E, gW, pre, gb are
  // written in full before they are read).
  memory.fill(L.Wp, 0, <usize>ceil4(m) * rowBytes);
  memory.fill(L.x, 0, rowBytes * (SAMPLE_TILE + 1));
  memory.fill(L.bi4, 0, rowBytes);

  for (let inst = 0; inst < nI; inst++) {
    const w = W + <usize>inst * <usize>m * nBytes;
    for (let k = 0; k < m; k++)
      memory.copy(L.Wp + <usize>k * rowBytes, w + <usize>k * nBytes, nBytes);
    memory.copy(L.Ip, importance + <usize>inst * nBytes, nBytes);
    memory.fill(L.gb, 0, rowBytes);
    memory.copy(L.bi4, b + <usize>inst * nBytes, nBytes); // its tail lanes stay zero
    const p = load<f32>(D.density + ((<usize>inst) << 2));
    const factored = factoredIsCheaper(n, m, B, p);
    if (factored) factoredPrepare(L);
    else {
      syrkUpper(L.G, L.Wp, m, n, ld);
      mirrorUpper(L.G, n, ld);
      memory.fill(L.E, 0, <usize>n4 * rowBytes);
    }

    streamBegin(D, inst, B, n);
    let lossSum: f64 = 0;
    let s = 0;
    for (; factored && s + SAMPLE_TILE <= B; s += SAMPLE_TILE) {
      for (let t = 0; t < SAMPLE_TILE; t++) {
        const at = (<usize>(t * n)) << 2;
        const nnz = streamRow(L.nzIdx + at, L.nzVal + at, s + t, n);
        store<i32>(L.nnz + ((<usize>t) << 2), nnz);
        scatterRow(L.x + <usize>t * rowBytes, L.nzIdx + at, L.nzVal + at, nnz);
      }
      lossSum += factoredTilePass(L);
    }
    for (; s < B; s++) {
      const nnz = streamRow(L.nzIdx, L.nzVal, s, n);
      scatterRow(L.x, L.nzIdx, L.nzVal, nnz);
      lossSum += factored
        ? factoredSamplePass(L, L.nzIdx, L.nzVal, nnz)
        : samplePass(L, L.nzIdx, L.nzVal, nnz);
    }
    store<f32>(loss + ((<usize>inst) << 2), <f32>(lossSum / total));

    if (factored) factoredFinish(L);
    else {
      symmetrize(L.E, n, ld);
      gemmRows(L.gW, L.Wp, L.E, m, n, ld);
    }
    adamInstance(W, b, mW, vW, mb, vb, L.gW, L.gb, inst, n, m, rowBytes, adam);
  }
}
