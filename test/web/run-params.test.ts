import { describe, expect, it } from 'vitest';
import { TOY_MODELS, TOY_RUN_FIELDS } from '../../src/index.js';
import { fieldChoices, fieldNumber, fieldParam } from '../../web/src/run-params.js';

const F = TOY_RUN_FIELDS;
const url = (query: string) => new URLSearchParams(query);

describe('the explorer’s URL parameters, read by the run declaration', () => {
  it('reads model=abs as the toy run’s model, with nothing to report', () => {
    const problems: string[] = [];
    expect(fieldParam(url('model=abs'), F, 'model', F.model.default, problems)).toBe('abs');
    expect(problems).toEqual([]);
  });

  it('keeps the default for an absent value, silently', () => {
    const problems: string[] = [];
    expect(fieldParam(url('n=5'), F, 'model', F.model.default, problems)).toBe('relu-output');
    expect(problems).toEqual([]);
  });

  it('names a model the run does not know, what is allowed and what it kept', () => {
    const problems: string[] = [];
    expect(fieldParam(url('model=relu'), F, 'model', F.model.default, problems)).toBe(
      'relu-output',
    );
    expect(problems).toEqual([
      "model must be one of relu-output, linear, neuron, abs, got 'relu'; kept relu-output.",
    ]);
  });

  it('reports a number the field refuses, one that is not a number, and a list for one control', () => {
    const problems: string[] = [];
    const q = url('sparsity=1.5&n=abc');
    expect(fieldNumber(q, F, 'sparsity', 0.9, 0, 0.999, problems)).toBe(0.9);
    expect(fieldNumber(q, F, 'n', 5, 2, 100, problems)).toBe(5);
    expect(fieldNumber(url('sparsity=0.5,0.9'), F, 'sparsity', 0.9, 0, 0.999, problems)).toBe(0.9);
    expect(problems).toEqual([
      "sparsity must be in [0, 1), got '1.5'; kept 0.9.",
      "n must be a finite number, got 'abc'; kept 5.",
      "sparsity takes one value here, got '0.5,0.9'; kept 0.9.",
    ]);
  });

  it('clamps a value the run allows but the control does not reach, and says so', () => {
    const problems: string[] = [];
    expect(fieldNumber(url('m=64&n=7'), F, 'm', 2, 1, 40, problems)).toBe(40);
    expect(fieldNumber(url('m=64&n=7'), F, 'n', 5, 2, 100, problems)).toBe(7);
    expect(problems).toEqual(["m = 64 is outside this control's range [1, 40]; using 40."]);
  });

  it('reads each toy model’s meaning from the declaration, one per model', () => {
    const choices = fieldChoices(F, 'model');
    expect([...choices.keys()]).toEqual([...TOY_MODELS]);
    expect(choices.get('neuron')).toBe('ReLU(Wᵀ ReLU(Wx) + b)');
  });
});
