/**
 * Named toy-model experiments with the settings of Elhage et al. 2022's notebook
 * (toy_models.ipynb), runnable as `tegum toy run --preset NAME`. Each preset is
 * plain data: the training config and the figures it draws. A duplicate name throws.
 */

import { checkObject } from '../core/check-args.js';
import { Registry } from '../core/registry.js';
import { importanceDecay, powerLinspace } from './grids.js';
import type { ToyRunInput } from './toy-run-schema.js';

/** A named, reproducible toy-model run. */
export interface ToyPreset {
  name: string;
  description: string;
  config: ToyRunInput;
  /** Figure names drawn from the run (see src/viz/toy-figures.ts). */
  figures: readonly string[];
}

const PRESETS = new Registry<ToyPreset>('toy preset');

/** Adds a preset; throws if its name is taken. */
export function registerToyPreset(preset: ToyPreset): void {
  checkObject('registerToyPreset', 'preset', preset, 'a ToyPreset { name, config, figures }');
  if (typeof preset.name !== 'string' || preset.name === '')
    throw new RangeError('registerToyPreset: preset.name must be a non-empty string');
  checkObject('registerToyPreset', 'preset.config', preset.config, 'a ToyRunInput');
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

/** Sparsities S = 1 − p of feature probabilities p (the notebook's `feature_probability`). */
export function sparsityOf(featureProbability: readonly number[]): number[] {
  if (!Array.isArray(featureProbability)) {
    throw new RangeError('sparsityOf: featureProbability must be an array of probabilities');
  }
  return featureProbability.map((p) => 1 - p);
}

registerToyPreset({
  name: 'intro',
  description:
    'The paper’s first figure: 5 features, 2 dimensions, importance 0.9^i, feature probability 20^−linspace(0, 1, 10).',
  config: {
    n: 5,
    m: 2,
    instances: 10,
    importance: importanceDecay(5, 0.9),
    sparsity: sparsityOf(powerLinspace(20, 10)),
  },
  figures: ['intro-arrows'],
});

registerToyPreset({
  name: 'varying-sparsity',
  description:
    'Superposition as a function of sparsity: 100 features, 20 dimensions, importance 100^−linspace(0, 1, 100), 20 sparsities.',
  config: {
    n: 100,
    m: 20,
    instances: 20,
    importance: powerLinspace(100, 100),
    sparsity: sparsityOf(powerLinspace(20, 20)),
  },
  figures: ['norm-bars', 'wtw'],
});

registerToyPreset({
  name: 'geometry',
  description:
    'Feature geometry: 200 features, 20 dimensions, uniform importance, 20 sparsities; dimensions per feature and D_i.',
  config: {
    n: 200,
    m: 20,
    instances: 20,
    importance: 1,
    sparsity: sparsityOf(powerLinspace(20, 20)),
  },
  figures: ['dims-per-feature', 'feature-dimensionality'],
});

registerToyPreset({
  name: 'tegum',
  description:
    'The seed’s test: 20 features, 6 dimensions, uniform importance, 13 feature probabilities from 1 to 1/100, 3 seeds each; tegum factors of every instance.',
  config: {
    n: 20,
    m: 6,
    instances: 39,
    importance: 1,
    sparsity: sparsityOf(powerLinspace(100, 13)),
  },
  figures: ['tegum-factors'],
});

registerToyPreset({
  name: 'sparse-limit',
  description:
    'The post’s sparse-limit expansion L ≈ L₀ + (1 − S) L₁ against the measured loss: 20 features, 6 dimensions, uniform importance, S from 0.9 to 0.995.',
  config: {
    n: 20,
    m: 6,
    instances: 5,
    importance: 1,
    sparsity: [0.9, 0.95, 0.98, 0.99, 0.995],
    // At p = 0.005 a batch holds ~5 two-feature inputs, which carry the loss's second-order
    // term: 512 batches bring the measured loss's sampling error to a few per cent there.
    evalBatches: 512,
  },
  figures: ['sparse-limit'],
});
