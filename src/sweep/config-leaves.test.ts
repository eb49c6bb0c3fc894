import { describe, expect, it } from 'vitest';
import {
  changedBetweenSpecs,
  configLeaves,
  differingLeaves,
  keyOf,
  leafColumnType,
  leafName,
  leafValue,
  specLeaves,
} from './config-leaves.js';

const config = {
  kind: 'x',
  steps: 100,
  importance: [1, 0.9, 0.81],
  optimizer: { lr: 0.01, betas: [0.9, 0.999], schedule: { name: 'cosine' } },
  empty: {},
  flag: true,
  none: null,
};

describe('configLeaves', () => {
  it('reaches scalars through nested objects and keeps arrays whole', () => {
    const leaves = configLeaves(config);
    expect([...leaves.keys()].map((k) => leafName(JSON.parse(k) as string[]))).toEqual([
      'kind',
      'steps',
      'importance',
      'optimizer.lr',
      'optimizer.betas',
      'optimizer.schedule.name',
      'flag',
      'none',
    ]);
    expect(leaves.get(keyOf(['importance']))).toEqual([1, 0.9, 0.81]);
    expect(leafValue(config, ['optimizer', 'schedule', 'name'])).toBe('cosine');
    expect(leafValue(config, ['optimizer'])).toBeUndefined();
    expect(leafValue(config, ['steps', 'x'])).toBeUndefined();
  });
});

describe('specLeaves', () => {
  it('says which leaves are one value throughout a spec and which vary', () => {
    const leaves = specLeaves([
      { ...config, steps: 100 },
      { ...config, steps: 200, extra: 1 },
    ]);
    expect(leaves[keyOf(['steps'])]).toBe('varies');
    expect(leaves[keyOf(['extra'])]).toBe('varies');
    expect(leaves[keyOf(['importance'])]).toEqual({ value: [1, 0.9, 0.81] });
    expect(leaves[keyOf(['none'])]).toEqual({ value: null });
  });
});

describe('changedBetweenSpecs', () => {
  it('finds a base value changed between specs, and a leaf one spec lacks', () => {
    const a = specLeaves([
      { steps: 100, lr: 0.1 },
      { steps: 100, lr: 0.2 },
    ]);
    const b = specLeaves([
      { steps: 200, lr: 0.1 },
      { steps: 200, lr: 0.3, x: 1 },
    ]);
    const c = specLeaves([{ steps: 100, lr: 0.5, y: [1, 2] }]);
    expect(changedBetweenSpecs([a])).toEqual([]);
    expect(changedBetweenSpecs([a, b])).toEqual([keyOf(['steps'])]);
    // lr varies in a (its axis shows it) and is one value in c alone: no change to show.
    expect(changedBetweenSpecs([a, c])).toEqual([keyOf(['y'])]);
  });
});

describe('differingLeaves', () => {
  it('lists the leaves at which two configs differ, arrays compared element by element', () => {
    const other = { ...config, importance: [1, 0.8, 0.64], optimizer: { ...config.optimizer } };
    expect(differingLeaves(config, other)).toEqual([keyOf(['importance'])]);
    expect(differingLeaves(config, { ...config })).toEqual([]);
    const lacking: Partial<typeof config> = { ...config };
    delete lacking.flag;
    expect(differingLeaves(config, lacking)).toEqual([keyOf(['flag'])]);
  });
});

describe('leafColumnType', () => {
  it.each([
    [[1, 2.5, null], 'DOUBLE'],
    [[true, false], 'BOOLEAN'],
    [['relu', undefined], 'VARCHAR'],
    [[[1, 2]], 'JSON'],
    [[1, 'a'], 'JSON'],
    [[null], 'DOUBLE'],
  ])('holds %j in a %s column', (values, type) => {
    expect(leafColumnType(values)).toBe(type);
  });
});
