/**
 * Named toy-model experiments with the settings of Elhage et al. 2022's notebook
 * (toy_models.ipynb), runnable as `tegum toy run --preset NAME`. Each preset is
 * plain data: the training config and the figures it draws. A duplicate name throws.
 */

import { Registry } from '../core/registry.js';
import { importanceDecay, powerLinspace } from './grids.js';
import type { ToyRunInput } from './resolve-toy-run.js';

/** A named, reproducible toy-model run. */
export interface ToyPreset {
  name: string;
  description: string;
  config: ToyRunInput;
  /** Figure names drawn from the run (see src/viz/toy-figures.ts). */
  figures: readonly string[];
  /** Batches of the final loss evaluation, where the default's noise would matter. */
  evalBatches?: number;
}

const PRESETS = new Registry<ToyPreset>('toy preset');

/** Adds a preset; throws if its name is taken. */
export function registerToyPreset(preset: ToyPreset): void {
  PRESETS.register(preset.name, preset);
}

/** The preset called `name`; throws naming the known presets otherwise. */
export function toyPreset(name: string): ToyPreset {
  return PRESETS.get(name);
}

/** Registered preset names. */
export function toyPresetNames(): string[] {
  return PRESETS.names();
}

/**
 * Each probability repeated `seedsPerPoint` times, with seeds seed, seed + 1, …:
 * [points · seedsPerPoint] each.
 */
export function repeatPerSeed(
  featureProbability: readonly number[],
  seedsPerPoint: number,
  seed = 0,
): { featureProbability: number[]; seeds: number[] } {
  const fp = featureProbability.flatMap((p) => Array<number>(seedsPerPoint).fill(p));
  return { featureProbability: fp, seeds: fp.map((_, i) => seed + i) };
}

registerToyPreset({
  name: 'intro',
  description:
    'The paper’s first figure: 5 features, 2 dimensions, importance 0.9^i, feature probability 20^−linspace(0, 1, 10).',
  config: {
    nFeatures: 5,
    nHidden: 2,
    nInstances: 10,
    importance: importanceDecay(5, 0.9),
    featureProbability: powerLinspace(20, 10),
  },
  figures: ['intro-arrows'],
});

registerToyPreset({
  name: 'varying-sparsity',
  description:
    'Superposition as a function of sparsity: 100 features, 20 dimensions, importance 100^−linspace(0, 1, 100), 20 sparsities.',
  config: {
    nFeatures: 100,
    nHidden: 20,
    nInstances: 20,
    importance: powerLinspace(100, 100),
    featureProbability: powerLinspace(20, 20),
  },
  figures: ['norm-bars', 'wtw'],
});

registerToyPreset({
  name: 'geometry',
  description:
    'Feature geometry: 200 features, 20 dimensions, uniform importance, 20 sparsities; dimensions per feature and D_i.',
  config: {
    nFeatures: 200,
    nHidden: 20,
    nInstances: 20,
    importance: 1,
    featureProbability: powerLinspace(20, 20),
  },
  figures: ['dims-per-feature', 'feature-dimensionality'],
});

registerToyPreset({
  name: 'tegum',
  description:
    'The seed’s test: 20 features, 6 dimensions, uniform importance, 13 feature probabilities from 1 to 1/100, 3 seeds each; tegum factors of every instance.',
  config: {
    nFeatures: 20,
    nHidden: 6,
    nInstances: 39,
    importance: 1,
    ...repeatPerSeed(powerLinspace(100, 13), 3),
  },
  figures: ['tegum-factors'],
});

registerToyPreset({
  name: 'sparse-limit',
  description:
    'The post’s sparse-limit expansion L ≈ L₀ + (1 − S) L₁ against the measured loss: 20 features, 6 dimensions, uniform importance, S from 0.9 to 0.995.',
  config: {
    nFeatures: 20,
    nHidden: 6,
    nInstances: 5,
    importance: 1,
    featureProbability: [0.1, 0.05, 0.02, 0.01, 0.005],
  },
  figures: ['sparse-limit'],
  // At p = 0.005 a batch holds ~5 two-feature inputs, which carry the loss's second-order
  // term: 512 batches bring the measured loss's sampling error to a few per cent there.
  evalBatches: 512,
});
