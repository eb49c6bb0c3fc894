/**
 * The neuron models' benchmark workloads (Elhage et al. 2022 §7 "Privileged basis" and §8
 * "Computation in superposition"; docs/ARCHITECTURE.md §3): the tied model at the paper's
 * privileged-basis shape and the absolute-value model at its computation-in-superposition
 * shape, as `toy run` takes them. Shared by the compute core (compute-core.ts) and the
 * PyTorch peer's twin table (peer/torch_peer.py).
 */

import type { ToyRunInput } from '../src/index.js';

/** A bench toy shape, as `toy run` takes it (steps and lr set per measurement). */
export type ToyShape = ToyRunInput & { n: number; m: number; instances: number; batchSize: number };

/** 1 − S of the abs model's instances: the paper's densities for n = 100, m = 40. */
export const ABS_DENSITIES = [1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001];

/** [name, shape, key] of each neuron workload. */
export const NEURON_WORKLOADS: [string, ToyShape, string][] = [
  [
    'toy neuron n=10 m=5 B=1024 I=16',
    {
      n: 10,
      m: 5,
      instances: 16,
      batchSize: 1024,
      model: 'neuron',
      // 1 − S from 0.75 to 0.01, log-spaced: the privileged-basis regimes, dense to sparse.
      sparsity: Array.from({ length: 16 }, (_, i) => 1 - 0.75 * (0.01 / 0.75) ** (i / 15)),
      importance: 'decay:0.75',
    },
    'toyneuron',
  ],
  [
    'toy abs n=100 m=40 B=1024 I=7',
    {
      n: 100,
      m: 40,
      instances: 7,
      batchSize: 1024,
      model: 'abs',
      sparsity: ABS_DENSITIES.map((p) => 1 - p),
      importance: 'decay:0.8',
    },
    'toyabs',
  ],
];
