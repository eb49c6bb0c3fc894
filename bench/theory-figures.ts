/**
 * Benchmark: computing all the data of the post's figures (a) and (b) — four
 * curves of 200 points and k* over 120 α values plus the α* bisection — for
 * n = 10⁵, d = 10⁴, jl-cubic (target: well under 100 ms).
 */
import { postFigureData } from '../src/theory/post-figure-data.js';
import { median } from './median.js';

/** One row of the benchmark table. */
export interface BenchRow {
  workload: string;
  median: string;
  target: string;
  ratio: string;
}

function time(fn: () => unknown, runs: number): number {
  fn(); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** Times the figure data for the post's bound and for every bound. */
export function benchTheoryFigures(runs = 21): BenchRow[] {
  const post = time(() => postFigureData({ n: 100_000, d: 10_000 }), runs);
  const all = time(() => {
    for (const bound of ['jl', 'jl-cubic', 'welch', 'random']) {
      postFigureData({ n: 100_000, d: 10_000, bound });
    }
  }, 5);
  return [
    {
      workload: 'figures (a)+(b) data, jl-cubic (the post’s)',
      median: `${post.toFixed(2)} ms`,
      target: '< 100 ms',
      ratio: `${(100 / post).toFixed(1)}× under`,
    },
    {
      workload: 'figures (a)+(b) data, all four bounds',
      median: `${all.toFixed(1)} ms`,
      target: '(informative)',
      ratio: '',
    },
  ];
}
