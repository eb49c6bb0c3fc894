import { trainToyModelsParallel } from './src/toy/train-toy-parallel.js';
import { WorkerPool } from './src/core/worker-pool.js';
import { useBackend, getBackend } from './src/core/backend.js';
import { evaluateToyLoss } from './src/toy/evaluate-toy-loss.js';
import { summarizeInstance } from './src/toy/summarize-instance.js';
import { importanceDecay } from './src/toy/grids.js';
import { meanFactorDim } from './src/toy/tegum-analysis.js';
await useBackend('wasm');
const ps = [1, 0.4, 0.16, 0.063, 0.025, 0.01], ds = [1, 0.9, 0.8, 0.7], seeds = 3;
const fp: number[] = [], imp: number[] = [], meta: [number, number, number][] = [];
for (const d of ds) for (const p of ps) for (let s = 0; s < seeds; s++) { fp.push(p); imp.push(...importanceDecay(20, d)); meta.push([d, p, s]); }
const steps = Number(process.argv[2]), batchSize = Number(process.argv[3]), lr = Number(process.argv[4]);
const pool = await WorkerPool.create(2, getBackend());
const t0 = performance.now();
const { state } = await trainToyModelsParallel(pool, { nFeatures: 20, nHidden: 6, nInstances: fp.length, featureProbability: fp, importance: imp, seeds: meta.map((_, i) => i), steps, batchSize, lr });
await pool.close();
console.log('train s', ((performance.now() - t0) / 1000).toFixed(1));
const loss = evaluateToyLoss(new Float64Array(state.nInstances), state, 16);
for (let i = 0; i < meta.length; i += seeds) {
  const out = [];
  for (let s = 0; s < seeds; s++) { const r = summarizeInstance(state, i + s, loss[i + s], i + s, {}); out.push(`k=${r.k} dim=${meanFactorDim(r).toFixed(2)} ${r.factors.map(f=>f.size+'/'+f.dim).join(' ')}`); }
  console.log(meta[i][0], meta[i][1], out.join(' | '));
}
