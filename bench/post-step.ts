/**
 * `npm run bench:post`: the cost of the `post` packing profile (n = 8192, d = 1024),
 * measured rather than guessed. Times, in CPU seconds (robust to a shared machine), one
 * k = 1 step's parts — Gram (ssyrk), the objective's ∂L/∂G at each α of the profile,
 * V·A (ssymm) — on the native backend with one OpenBLAS thread (as each of the pool's
 * two workers runs it), then estimates the profile's wall time on two cores: the block
 * layouts k = 2…5 cost Σ 1/k² of a k = 1 step (one task per distinct block shape).
 */
import { availableParallelism } from 'node:os';
import { setBackend } from '../src/core/backend.js';
import { gram } from '../src/core/gram.js';
import { gramTimes } from '../src/core/gram-times.js';
import { powerPackingGradient } from '../src/core/power-packing-gradient.js';
import { packTasks } from '../src/packing/pack.js';
import { resolvePackRun } from '../src/packing/resolve-pack-run.js';
import { PACKING_PROFILES } from '../src/experiments/packing-profiles.js';

const profile = PACKING_PROFILES.post;
const [{ n, d, ks = [1] }] = profile.sizes;

/** CPU seconds of `f` in this thread (user + system). */
function cpuSeconds(f: () => void): number {
  const c = process.cpuUsage();
  f();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1e6;
}

await setBackend('native', { threads: 1 });
const V = new Float32Array(d * n);
let s = 1;
for (let k = 0; k < V.length; k++) {
  s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
  V[k] = (s / 2 ** 32 - 0.5) / Math.sqrt(d / 12); // columns of norm ≈ 1
}
const G = new Float32Array(n * n);
const out = new Float32Array(d * n);
const gramCpu = cpuSeconds(() => gram(G, V, d, n));
const timesCpu = cpuSeconds(() => gramTimes(out, V, G, d, n));
const rows = profile.alphas.map((alpha) => {
  const fused = cpuSeconds(() => powerPackingGradient(out, V, G, d, n, alpha, 1e-2));
  return { alpha, gram: gramCpu, gramTimes: timesCpu, fused };
});
// Work of every task of one α relative to k = 1 (cost ∝ m²·D).
const relative = ks
  .flatMap((k) => packTasks(resolvePackRun({ n, d, blocks: k, restarts: profile.restarts })))
  .filter((t, i, all) => all.findIndex((u) => u.m === t.m && u.D === t.D) === i)
  .reduce((sum, t) => sum + (t.m * t.m * t.D) / (n * n * d), 0);
const perStep = rows.reduce((sum, r) => sum + r.fused, 0) * relative;
const cores = Math.min(2, availableParallelism());
const wall = (perStep * (profile.steps + 1)) / cores;
console.log(`\n## The post profile: n = ${n}, d = ${d}, k = ${ks.join(', ')}\n`);
console.table(
  rows.map((r) => ({
    α: r.alpha,
    'gram (CPU s)': +r.gram.toFixed(2),
    'V·A (CPU s)': +r.gramTimes.toFixed(2),
    'fused step (CPU s)': +r.fused.toFixed(2),
  })),
);
console.log(
  `one step of every task (k = 1…5 layouts at ${profile.alphas.length} α): ${perStep.toFixed(1)} CPU s ` +
    `(the layouts k > 1 add ${((relative - 1) * 100).toFixed(0)}% to k = 1)\n` +
    `estimated wall time at ${profile.steps} steps on ${cores} cores: ${(wall / 60).toFixed(1)} min ` +
    `(optimizer steps only; the final Gram and factor analysis add a little)`,
);
