/**
 * The `toy` job kind: one toy model of superposition (Elhage et al. 2022 §2), one seed,
 * trained on one thread with the library's one training loop, then measured (evaluated
 * loss, m/‖W‖_F², D_i, tegum factors and each factor's alignment with the hidden basis,
 * src/geometry/factor-neuron-alignment.ts; for the models with a privileged hidden basis,
 * the counts of monosemantic and polysemantic neurons, src/geometry/neuron-metrics.ts).
 * Its keys are the toy run's fields
 * (src/toy/toy-run-schema.ts) — the flags of `tegum toy run` by the same names — less
 * those a job fixes: one instance, the job's seed, one thread.
 */
import { knownExecutionTarget } from '../../core/execution-target.js';
import { factorNeuronAlignments } from '../../geometry/factor-neuron-alignment.js';
import { resolveToyRun } from '../../toy/resolve-toy-run.js';
import { measureToyRun } from '../../toy/measure-toy-run.js';
import { instanceBias, instanceW2, instanceWeights } from '../../toy/summarize-instance.js';
import { TOY_RUN_FIELDS, type ResolvedToyRun } from '../../toy/toy-run-schema.js';
import { trainToyModels } from '../../toy/train-toy.js';
import type { JobKind } from '../job-kind.js';

/** The fields a job fixes itself. */
const FIXED = ['instances', 'seed', 'threads'];

/** Toy: see the module header. */
export const toyJob: JobKind<ResolvedToyRun> = {
  name: 'toy',
  keys: Object.keys(TOY_RUN_FIELDS).filter((k) => !FIXED.includes(k)),
  columns: [
    { name: 'loss', type: 'DOUBLE' },
    { name: 'dimsPerFeature', type: 'DOUBLE' },
    { name: 'k', type: 'INTEGER' },
    { name: 'factors', type: 'JSON' },
    { name: 'featureDimensionality', type: 'JSON' },
    // Per tegum factor: features, dim, alignment with the hidden basis, its best neurons.
    { name: 'neuronAlignment', type: 'JSON' },
    // Null for 'relu-output' and 'linear', whose hidden space has no privileged basis.
    { name: 'monosemanticNeurons', type: 'INTEGER' },
    { name: 'polysemanticNeurons', type: 'INTEGER' },
  ],
  resolve(values, seed) {
    return resolveToyRun({ ...values, instances: 1, seed, threads: 1 }, knownExecutionTarget());
  },
  run(config) {
    const { state } = trainToyModels(config);
    const [r] = measureToyRun(config, state);
    return {
      metrics: {
        loss: r.loss,
        dimsPerFeature: r.dimsPerFeature,
        k: r.k,
        factors: r.factors,
        featureDimensionality: r.featureDimensionality,
        neuronAlignment: factorNeuronAlignments(
          instanceWeights(state, 0),
          state.nHidden,
          state.nFeatures,
          r.factors,
        ),
        monosemanticNeurons: r.monosemanticNeurons ?? null,
        polysemanticNeurons: r.polysemanticNeurons ?? null,
      },
      arrays: [
        {
          name: 'W',
          data: instanceWeights(state, 0).slice(),
          shape: [state.nHidden, state.nFeatures],
        },
        { name: 'b', data: instanceBias(state, 0).slice(), shape: [state.nFeatures] },
        ...(state.W2.length > 0
          ? [
              {
                name: 'W2',
                data: instanceW2(state, 0).slice(),
                shape: [state.nFeatures, state.nHidden],
              },
            ]
          : []),
      ],
    };
  },
};
