/**
 * The maps of `tegum reproduce`, each a figure and a report
 * section, all on the sweep engine: the paper's 3-features-in-2-dimensions phase
 * diagram beside its closed-form candidates, the seed's claim over sparsity ×
 * importance decay in a toy model, and measured k* over α × n/d in packings. Coarse in the
 * quick profile, finer with --full.
 */
import { KSTAR_MAP_GRIDS } from '../packing/kstar-map.js';
import { CLAIM_MAP_GRIDS } from '../toy/claim-map.js';
import { runClaimMap } from './claim-map-experiment.js';
import type { Experiment } from './experiment.js';
import { runKStarMap } from './kstar-map-experiment.js';
import { runThreeInTwo } from './phase-3in2-experiment.js';
import { TWO_IN_ONE_GRIDS } from '../toy/phase-2in1-grid.js';

/** The maps experiment. */
export const mapsExperiment: Experiment = {
  id: 'maps',
  title: 'The tegum claim as maps',
  quickSeconds: 100,
  async run(ctx) {
    const full = ctx.profile === 'full';
    const phase = await runThreeInTwo({
      grid: TWO_IN_ONE_GRIDS[ctx.profile],
      out: ctx.dir,
      relDir: ctx.relDir,
      full,
      onProgress: (f, label) => ctx.progress(0.35 * f, label),
    });
    const claim = await runClaimMap({
      grid: CLAIM_MAP_GRIDS[ctx.profile],
      out: ctx.dir,
      relDir: ctx.relDir,
      full,
      onProgress: (f, label) => ctx.progress(0.35 + 0.35 * f, label),
    });
    const kStar = await runKStarMap({
      grid: KSTAR_MAP_GRIDS[ctx.profile],
      out: ctx.dir,
      relDir: ctx.relDir,
      full,
      onProgress: (f, label) => ctx.progress(0.7 + 0.3 * f, label),
    });
    return [phase, claim, kStar];
  },
};
