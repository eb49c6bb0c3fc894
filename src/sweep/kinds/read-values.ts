/**
 * A job's values: the spec's base fields overlaid with the point's axis values, plain
 * data that a kind's resolver parses against its run's declaration.
 */
import type { AxisValue } from '../spec-schema.js';

/** A job's values: base flags overlaid with the point's axis values. */
export type JobValues = Readonly<Record<string, AxisValue | number[]>>;
