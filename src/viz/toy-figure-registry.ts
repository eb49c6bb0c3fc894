/**
 * The toy-model figures, registered by name in one place (docs/ARCHITECTURE.md §8.4):
 * `tegum toy run` and the presets name the figures they draw, and the names are
 * checked against this registry before any training. Each definition picks what
 * it draws from one run's data; it returns null where the run cannot show it
 * (the arrows need 2 hidden dimensions, the tegum figure 3 sparsities or more, the
 * feature-set arrows correlated or anticorrelated sets, the neuron figures a model with
 * neurons).
 */
import { Registry } from '../core/registry.js';
import { correlationArrowsFigure } from './correlation-figures.js';
import { neuronBarsFigure, neuronWeightsFigure } from './neuron-figures.js';
import type { SparseLimitTerms } from '../toy/sparse-limit.js';
import type { ToyInstanceSummary } from '../toy/summarize-instance.js';
import type { TegumAnalysis } from '../toy/tegum-analysis.js';
import {
  dimsPerFeatureFigure,
  featureDimensionalityFigure,
  introArrowsFigure,
  normBarsFigure,
  sparseLimitFigure,
  tegumFactorsFigure,
  wtwFigure,
  type ToyWeights,
} from './toy-figures.js';

/** Everything a toy figure may draw from one run. */
export interface ToyFigureInput {
  instances: ToyInstanceSummary[];
  /** Each instance's weights, in the order of `instances`. */
  weights: ToyWeights[];
  /** [nFeatures] instance 0's importance. */
  importance: ArrayLike<number>;
  nHidden: number;
  /** ‖W_i‖ above which a feature counts as represented. */
  normThreshold: number;
  tegum?: TegumAnalysis;
  sparseLimit?: { sparsity: number; loss: number; terms: SparseLimitTerms }[];
  /** The data's feature sets (src/core/toy-sampling.ts); none when absent. */
  correlated?: readonly (readonly number[])[];
  anticorrelated?: readonly (readonly number[])[];
}

/** A named toy figure: its SVG from a run, or null where the run cannot show it. */
export interface ToyFigure {
  name: string;
  draw(input: ToyFigureInput): string | null;
}

/** Up to `count` items spread evenly over the list (first and last included). */
export function spread<T>(list: readonly T[], count: number): T[] {
  if (list.length <= count) return [...list];
  return Array.from(
    { length: count },
    (_, k) => list[Math.round((k * (list.length - 1)) / (count - 1))],
  );
}

const registry = new Registry<ToyFigure>('toy figure');

/** Adds a toy figure. @throws Error when the name is taken. */
export function registerToyFigure(figure: ToyFigure): void {
  registry.register(figure.name, figure);
}

/** The toy figure called `name`. @throws RangeError naming the registered ones. */
export function toyFigure(name: string): ToyFigure {
  return registry.get(name);
}

/** Checks figure names before any work. @throws RangeError on the first unknown name. */
export function checkToyFigureNames(names: readonly string[]): void {
  registry.check(names);
}

/** The registered toy figure names, in registration order. */
export function toyFigureNames(): string[] {
  return registry.names();
}

const byInstance = (input: ToyFigureInput, chosen: ToyInstanceSummary[]) =>
  chosen.map((r) => input.weights[input.instances.indexOf(r)]);

/** Up to 5 instances' first layers as neuron panels, or null for a model without neurons. */
function neuronPanels(input: ToyFigureInput) {
  if (input.instances[0]?.neurons === undefined) return null;
  const chosen = spread(input.instances, 5);
  return byInstance(input, chosen).map((w, k) => ({
    title: `S = ${chosen[k].sparsity}, seed ${chosen[k].seed}`,
    W: w.W,
    nHidden: w.nHidden,
    nFeatures: w.nFeatures,
  }));
}

for (const figure of [
  {
    name: 'intro-arrows',
    draw: (input: ToyFigureInput) =>
      input.nHidden === 2 ? introArrowsFigure(input.weights, input.importance) : null,
  },
  {
    name: 'norm-bars',
    draw: (input: ToyFigureInput) => normBarsFigure(spread(input.instances, 10)),
  },
  {
    name: 'wtw',
    draw: (input: ToyFigureInput) => wtwFigure(byInstance(input, spread(input.instances, 5))),
  },
  {
    name: 'dims-per-feature',
    draw: (input: ToyFigureInput) => dimsPerFeatureFigure(input.instances, input.nHidden),
  },
  {
    name: 'feature-dimensionality',
    draw: (input: ToyFigureInput) =>
      featureDimensionalityFigure(input.instances, input.normThreshold),
  },
  {
    name: 'tegum-factors',
    draw: (input: ToyFigureInput) => (input.tegum ? tegumFactorsFigure(input.tegum) : null),
  },
  {
    name: 'sparse-limit',
    draw: (input: ToyFigureInput) =>
      input.sparseLimit ? sparseLimitFigure(input.sparseLimit) : null,
  },
  {
    name: 'neuron-bars',
    draw: (input: ToyFigureInput) => {
      const panels = neuronPanels(input);
      return panels && neuronBarsFigure(panels);
    },
  },
  {
    name: 'neuron-weights',
    draw: (input: ToyFigureInput) => {
      const panels = neuronPanels(input);
      return panels && neuronWeightsFigure(panels);
    },
  },
  {
    name: 'feature-sets',
    draw: (input: ToyFigureInput) => {
      const correlated = input.correlated ?? [];
      const anticorrelated = input.anticorrelated ?? [];
      if (input.nHidden !== 2 || correlated.length + anticorrelated.length === 0) return null;
      const chosen = spread(input.instances, 4);
      const weights = byInstance(input, chosen);
      return correlationArrowsFigure(
        chosen.map((r, k) => ({
          title: `seed ${r.seed}, loss ${r.loss.toExponential(2)}`,
          W: weights[k].W,
          nFeatures: weights[k].nFeatures,
          correlated,
          anticorrelated,
        })),
        {
          title: 'Features in the hidden plane, by feature set',
          subtitle:
            'W’s columns of up to 4 seeds; colour = feature set; solid: correlated, dashed: anticorrelated.',
        },
      );
    },
  },
]) {
  registerToyFigure(figure);
}
