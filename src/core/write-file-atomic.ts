/**
 * Atomic file writes: write to a temporary sibling, then rename over the target,
 * so readers see the old file or the new one, never half of one. Inside an
 * output batch (./output-batch.ts) the renames wait for the whole command.
 */
export { writeFileAtomic } from './output-batch.js';
