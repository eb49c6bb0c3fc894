import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenSvg } from '../test-support/golden.js';
import { neuronBarsFigure, neuronWeightsFigure, type NeuronPanel } from './neuron-figures.js';

const golden = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url));

const n = 6;
const m = 4;
/** W [m, n] from rows given as {feature: weight}. */
function W(rows: Record<number, number>[]): number[] {
  const w = new Array<number>(m * n).fill(0);
  rows.forEach((r, k) => {
    for (const [f, v] of Object.entries(r)) w[k * n + Number(f)] = v;
  });
  return w;
}

/** Constructed neurons standing in for trained ones: dense, sparser, sparsest. */
export const PANELS: NeuronPanel[] = [
  // One feature per neuron: four monosemantic neurons.
  { title: '1 − S = 1', W: W([{ 0: 1 }, { 1: 1 }, { 2: -1 }, { 3: 1 }]), nHidden: m, nFeatures: n },
  // Two neurons of two features each (share 0.5 and 0.8), one monosemantic, one dead.
  {
    title: '1 − S = 0.1',
    W: W([{ 0: 0.7, 4: 0.7 }, { 1: 0.8, 5: -0.4 }, { 2: 1 }, { 3: 0.05 }]),
    nHidden: m,
    nFeatures: n,
  },
  // Every neuron polysemantic: three features a neuron.
  {
    title: '1 − S = 0.01',
    W: W([
      { 0: 0.6, 1: 0.5, 2: 0.4 },
      { 2: 0.6, 3: 0.5, 4: 0.4 },
      { 4: 0.6, 5: 0.5, 0: 0.4 },
      { 1: 0.6, 3: 0.5, 5: 0.4 },
    ]),
    nHidden: m,
    nFeatures: n,
  },
];

describe('the neuron figures', () => {
  it('draws each neuron as a bar of its features’ squared weights marked M, P or dead, as in its golden SVG', () => {
    const svg = neuronBarsFigure(PANELS);
    expect(svg.match(/<svg/g)).toHaveLength(4);
    // 4 M in the first panel; 1 M, 2 P and a blank in the second; 4 P in the third.
    const labels = [...svg.matchAll(/<text[^>]*>([MP])<\/text>/g)].map((x) => x[1]);
    expect(labels.join('')).toBe('MMMMPPMPPPP');
    const [actual, expected] = goldenSvg(golden('neuron-bars.svg'), svg);
    expect(actual).toBe(expected);
  });

  it('draws W as neurons × features on one colour scale, as in its golden SVG', () => {
    const svg = neuronWeightsFigure(PANELS);
    expect(svg).toContain('Blue +1.00');
    expect(svg.match(/<svg/g)).toHaveLength(4);
    const [actual, expected] = goldenSvg(golden('neuron-weights.svg'), svg);
    expect(actual).toBe(expected);
  });

  it('names a W of the wrong size and what is allowed', () => {
    expect(() =>
      neuronBarsFigure([{ title: 'x', W: [1, 2, 3], nHidden: 2, nFeatures: 2 }]),
    ).toThrow('neuronBarsFigure: W has 3 entries; nHidden × nFeatures = 4 allowed');
  });
});
