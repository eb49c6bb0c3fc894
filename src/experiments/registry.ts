/**
 * The experiments of `tegum reproduce`, in the order of the report's argument:
 * the post's model, the packings, the toy models, the tegum test, the sparse
 * limit, the privileged basis and computation in superposition (neurons), the
 * correlation road (correlated and anticorrelated features), the phase diagrams
 * and maps, the tegum factors among neurons. Registered by name in one place; a
 * duplicate id throws.
 */
import type { Experiment, Profile } from './experiment.js';
import { packingExperiment } from './packing-report-experiment.js';
import { packingPostExperiment } from './packing-post-experiment.js';
import { mapsExperiment } from './maps-experiment.js';
import { phase2in1Experiment } from './phase-2in1-experiment.js';
import { theoryExperiment } from './theory-experiment.js';
import { toyExperiment } from './toy-experiment.js';
import { privilegedBasisExperiment } from './privileged-basis-experiment.js';
import { correlationExperiment } from './correlation-experiment.js';
import { neuronTegumExperiment } from './neuron-tegum-experiment.js';
import { absSuperpositionExperiment } from './abs-superposition-experiment.js';

const ORDER: Experiment[] = [
  theoryExperiment,
  packingExperiment,
  packingPostExperiment, // --full only
  toyExperiment,
  privilegedBasisExperiment,
  absSuperpositionExperiment,
  correlationExperiment,
  phase2in1Experiment,
  mapsExperiment,
  neuronTegumExperiment,
];

/**
 * The experiments in report order: every one, or those a profile's reproduction runs.
 * @throws Error on a duplicate id.
 */
export function experiments(profile?: Profile): Experiment[] {
  const seen = new Set<string>();
  for (const e of ORDER) {
    if (seen.has(e.id)) throw new Error(`experiment '${e.id}' is registered twice`);
    seen.add(e.id);
  }
  return ORDER.filter((e) => profile === undefined || (e.profiles ?? [profile]).includes(profile));
}
