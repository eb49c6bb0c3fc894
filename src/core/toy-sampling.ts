/**
 * How the toy data is drawn (Elhage et al. 2022 §2 and §7 "Superposition and correlated
 * features"): per instance and feature a probability p = 1 − S of being active, and
 * optionally sets of features that are correlated (one activity draw per set, so its
 * features are active together with probability p; values independent) or anticorrelated
 * (at most one active: the set with probability min(1, |set|·p), then one member uniformly,
 * so each keeps density p while |set|·p ≤ 1). Built once from the config; the kernels read
 * it as flat tables of "units" — a free feature, a correlated set, an anticorrelated set —
 * ordered by their first feature.
 */

/** A unit's kind in `ToySampling.unitKind`. */
export const UNIT_FREE = 0;
export const UNIT_CORRELATED = 1;
export const UNIT_ANTICORRELATED = 2;

/** The sampling tables of a toy state; shapes in the comments. */
export interface ToySampling {
  readonly nUnits: number;
  /** Where each unit's features start in unitFeature. */
  readonly unitStart: Int32Array; // [nUnits + 1]
  readonly unitKind: Int32Array; // [nUnits]
  readonly unitFeature: Int32Array; // [nFeatures]
  /** Each unit's activity probability per instance. */
  readonly unitProbability: Float32Array; // [nInstances, nUnits]
  /**
   * 1 where an instance draws the unit stream; 0 where its features are independent with
   * one probability and it draws the cheaper geometric stream (toy-sample-stream.ts).
   */
  readonly unitStream: Int32Array; // [nInstances]
  /** Each instance's mean feature density (expected nonzeros / nFeatures). */
  readonly density: Float32Array; // [nInstances]
}

/** Feature sets as the config gives them: lists of feature indices. */
export type FeatureSets = readonly (readonly number[])[];

/**
 * Parses feature sets written as a semicolon-separated list of comma-separated feature
 * indices ('0,1;2,3'), as `toy run --correlated` and the explorer's URL take them.
 * @throws RangeError naming the part that is not a list of integers ≥ 0
 */
export function parseFeatureSets(text: string): number[][] {
  return text.split(';').map((part) => {
    const features = part.split(',').map((f) => f.trim());
    if (!features.every((f) => /^\d+$/.test(f))) {
      throw new RangeError(
        `'${part}' is not a set of feature indices (a semicolon-separated list of comma-separated integers ≥ 0, e.g. '0,1;2,3')`,
      );
    }
    return features.map(Number);
  });
}

/**
 * Checks feature sets against n features: each lists two or more integer features in
 * [0, n), and no feature is in two sets (correlated or anticorrelated).
 * @returns for each feature the index of its set in [...correlated, ...anticorrelated], or −1
 * @throws RangeError naming the bad set and what is allowed
 */
export function checkFeatureSets(
  nFeatures: number,
  correlated: FeatureSets = [],
  anticorrelated: FeatureSets = [],
): Int32Array {
  const owner = new Int32Array(nFeatures).fill(-1);
  const sets = namedSets(correlated, anticorrelated);
  sets.forEach((set, k) => {
    const label = `${set.name} set {${Array.from(set.features).join(',')}}`;
    if (!Array.isArray(set.features) || set.features.length < 2) {
      throw new RangeError(`${label} must list at least two features`);
    }
    for (const f of set.features) {
      if (!Number.isInteger(f) || f < 0 || f >= nFeatures) {
        throw new RangeError(`${label}: feature ${f} is not an integer in [0, ${nFeatures})`);
      }
      if (owner[f] !== -1) {
        const other = sets[owner[f]];
        throw new RangeError(
          `${label} overlaps ${other.name} set {${other.features.join(',')}} at feature ${f}: sets may not share features`,
        );
      }
      owner[f] = k;
    }
  });
  return owner;
}

function namedSets(correlated: FeatureSets, anticorrelated: FeatureSets) {
  return [
    ...correlated.map((f) => ({ features: f, kind: UNIT_CORRELATED, name: 'correlated' })),
    ...anticorrelated.map((f) => ({
      features: f,
      kind: UNIT_ANTICORRELATED,
      name: 'anticorrelated',
    })),
  ];
}

/**
 * Validates the sets and builds the tables.
 * @param featureProbability [nInstances, nFeatures], each in [0, 1]
 * @throws RangeError naming the bad set: see checkFeatureSets, or a set whose features
 *   differ in p within an instance.
 */
export function buildToySampling(
  featureProbability: Float32Array,
  nInstances: number,
  nFeatures: number,
  correlated: FeatureSets = [],
  anticorrelated: FeatureSets = [],
): ToySampling {
  const n = nFeatures;
  const owner = checkFeatureSets(n, correlated, anticorrelated);
  const sets = namedSets(correlated, anticorrelated);
  for (const set of sets) {
    for (let i = 0; i < nInstances; i++) {
      const p0 = featureProbability[i * n + set.features[0]];
      const f = set.features.find((g) => featureProbability[i * n + g] !== p0);
      if (f !== undefined) {
        throw new RangeError(
          `${set.name} set {${set.features.join(',')}} mixes feature probabilities (instance ${i}: ${p0} and ${featureProbability[i * n + f]}); a set's features must share one`,
        );
      }
    }
  }

  const unitStart: number[] = [];
  const unitKind: number[] = [];
  const unitFeature: number[] = [];
  for (let f = 0; f < n; f++) {
    const k = owner[f];
    if (k === -1) {
      unitStart.push(unitFeature.length);
      unitKind.push(UNIT_FREE);
      unitFeature.push(f);
    } else if (Math.min(...sets[k].features) === f) {
      unitStart.push(unitFeature.length);
      unitKind.push(sets[k].kind);
      unitFeature.push(...sets[k].features);
    }
  }
  const nUnits = unitKind.length;
  unitStart.push(n);

  const unitProbability = new Float32Array(nInstances * nUnits);
  const unitStream = new Int32Array(nInstances);
  const density = new Float32Array(nInstances);
  for (let i = 0; i < nInstances; i++) {
    let sum = 0;
    for (let u = 0; u < nUnits; u++) {
      const a = unitStart[u];
      const size = unitStart[u + 1] - a;
      const p = featureProbability[i * n + unitFeature[a]];
      const active = unitKind[u] === UNIT_ANTICORRELATED ? Math.min(1, size * p) : p;
      unitProbability[i * nUnits + u] = active;
      sum += unitKind[u] === UNIT_CORRELATED ? size * active : active;
    }
    const row = featureProbability.subarray(i * n, (i + 1) * n);
    unitStream[i] = sets.length > 0 || row.some((p) => p !== row[0]) ? 1 : 0;
    density[i] = unitStream[i] ? sum / n : row[0];
  }
  return {
    nUnits,
    unitStart: Int32Array.from(unitStart),
    unitKind: Int32Array.from(unitKind),
    unitFeature: Int32Array.from(unitFeature),
    unitProbability,
    unitStream,
    density,
  };
}
