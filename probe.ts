import { readFileSync, writeFileSync } from 'node:fs';
import { svgToPng } from './src/viz/render.js';
writeFileSync('/tmp/phase.png', svgToPng(readFileSync('/tmp/phase-actual.svg', 'utf8')));
