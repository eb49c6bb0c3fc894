import { describe, expect, it } from 'vitest';
import { neuronMetrics } from '../../geometry/neuron-metrics.js';
import { TOY_RUN_FIELDS } from '../../toy/toy-run-schema.js';
import { toyJob } from './toy-job.js';

describe('the toy job kind', () => {
  it('takes feature sets as toy run’s SETS strings and sparsities per feature', () => {
    const config = toyJob.resolve(
      {
        n: 4,
        m: 2,
        sparsity: [0.9, 0.9, 0.5, 0.5],
        correlated: '0,1',
        anticorrelated: '2,3',
      },
      7,
    );
    expect(config).toMatchObject({
      kind: 'toy',
      n: 4,
      m: 2,
      instances: 1,
      sparsity: [0.9, 0.9, 0.5, 0.5],
      correlated: [[0, 1]],
      anticorrelated: [[2, 3]],
      seed: 7,
      threads: 1,
    });
  });

  it('has a key for every toy run field but those a job fixes (instances, seed, threads)', () => {
    expect(toyJob.keys).toEqual(
      Object.keys(TOY_RUN_FIELDS).filter((k) => !['instances', 'seed', 'threads'].includes(k)),
    );
    expect(toyJob.keys).toContain('sparsity');
    expect(toyJob.keys).toContain('beta1');
    expect(toyJob.keys).not.toContain('featureProbability');
  });

  it('names a bad set, sparsity list or key and what is allowed', () => {
    expect(() => toyJob.resolve({ n: 4, m: 2, sparsity: 0.9, correlated: '0,x' }, 0)).toThrow(
      /^correlated:? '0,x' is not a set of feature indices/,
    );
    expect(() =>
      toyJob.resolve({ n: 4, m: 2, sparsity: 0.9, anticorrelated: '0,1;1,2' }, 0),
    ).toThrow(/anticorrelated set \{1,2\} overlaps anticorrelated set \{0,1\}/);
    expect(() => toyJob.resolve({ n: 4, m: 2, sparsity: [0.1, 0.2] }, 0)).toThrow(
      'instances 1 must be a multiple of the 2 sparsities given (each repeated with its own seed), or sparsity must have instances × n = 4 entries',
    );
    expect(() => toyJob.resolve({ n: 4, m: 2, featureProbability: [0.1] }, 0)).toThrow(
      /^unknown toy run key 'featureProbability' \(allowed: n, m, instances, sparsity, /,
    );
  });

  it('counts the neurons of the W it keeps for the neuron models, and leaves them null otherwise', async () => {
    for (const model of ['neuron', 'abs', 'relu-output'] as const) {
      const config = toyJob.resolve(
        { model, n: 5, m: 3, sparsity: 0.7, steps: 40, batchSize: 32, backend: 'js' },
        2,
      );
      const out = await toyJob.run(config);
      const W = out.arrays.find((a) => a.name === 'W');
      if (!W) throw new Error('no W kept');
      expect(W.shape).toEqual([3, 5]);
      const names = out.arrays.map((a) => a.name);
      if (model === 'relu-output') {
        expect(out.metrics).toMatchObject({ monosemanticNeurons: null, polysemanticNeurons: null });
        expect(names).toEqual(['W', 'b']);
        continue;
      }
      const m = neuronMetrics(W.data, 3, 5);
      expect(out.metrics).toMatchObject({
        monosemanticNeurons: m.monosemanticNeurons,
        polysemanticNeurons: m.polysemanticNeurons,
      });
      expect(names).toEqual(model === 'abs' ? ['W', 'b', 'W2'] : ['W', 'b']);
      if (model === 'abs') expect(out.arrays[2].shape).toEqual([5, 3]);
    }
  });
});
