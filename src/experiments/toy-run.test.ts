import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToy } from './toy-run.js';

describe('a toy run', () => {
  it('refuses an unknown figure name before any training, writing nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tegum-toy-run-'));
    try {
      let progressed = 0;
      await expect(
        runToy({
          config: { nFeatures: 3, nHidden: 2, nInstances: 1, featureProbability: 1, steps: 50 },
          out,
          figures: ['wtw', 'pie-chart'],
          onProgress: () => progressed++,
          backend: 'js',
        }),
      ).rejects.toThrow(/unknown toy figure 'pie-chart' \(allowed: /);
      expect(progressed).toBe(0);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
