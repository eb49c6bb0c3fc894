/**
 * The built-in job kinds, registered in one place. Importing this module (the
 * coordinator, every pool worker and `tegum worker` do) makes them known; a new kind
 * is one file under src/sweep/kinds/ and one line here (see src/sweep/job-kind.ts).
 */
import { registerJobKind } from './job-kind.js';
import { packJob } from './kinds/pack-job.js';
import { phase2in1Job } from './kinds/phase-2in1-job.js';
import { phase3in2Job } from './kinds/phase-3in2-job.js';
import { theoryJob } from './kinds/theory-job.js';
import { toyJob } from './kinds/toy-job.js';

registerJobKind(toyJob);
registerJobKind(packJob);
registerJobKind(theoryJob);
registerJobKind(phase2in1Job);
registerJobKind(phase3in2Job);

export { jobKind, jobKindNames } from './job-kind.js';
