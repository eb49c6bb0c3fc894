import { describe, expect, it } from 'vitest';
import { toyJob } from './toy-job.js';

describe('the toy job kind', () => {
  it('takes feature sets as toy run’s SETS strings and probabilities per feature', () => {
    const config = toyJob.resolve(
      {
        n: 4,
        m: 2,
        featureProbability: [0.1, 0.1, 0.5, 0.5],
        correlated: '0,1',
        anticorrelated: '2,3',
      },
      7,
    );
    expect(config).toMatchObject({
      featureProbability: [0.1, 0.1, 0.5, 0.5],
      correlated: [[0, 1]],
      anticorrelated: [[2, 3]],
      seeds: [7],
    });
  });

  it('names a bad set or probability list and what is allowed', () => {
    expect(() => toyJob.resolve({ n: 4, m: 2, sparsity: 0.9, correlated: '0,x' }, 0)).toThrow(
      /^correlated: '0,x' is not a set of feature indices/,
    );
    expect(() =>
      toyJob.resolve({ n: 4, m: 2, sparsity: 0.9, anticorrelated: '0,1;1,2' }, 0),
    ).toThrow(/anticorrelated set \{1,2\} overlaps anticorrelated set \{0,1\}/);
    expect(() => toyJob.resolve({ n: 4, m: 2, featureProbability: [0.1, 0.2] }, 0)).toThrow(
      'featureProbability must be a number or a list of n = 4 numbers (one per feature), got 2',
    );
  });
});
