import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  correlationExperiment,
  runCorrelationExperiment,
  type CorrelationInstance,
} from './correlation-experiment.js';
import { experiments } from './registry.js';

describe('the correlation experiment', () => {
  it('trains the three setups, judges the lowest-loss seed and records every value it used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-corr-'));
    const sections = await runCorrelationExperiment(
      { dir, relDir: 'correlation', profile: 'quick', progress: () => undefined },
      { seeds: 3, steps: 1500 },
    );
    expect(sections.map((s) => s.id)).toEqual([
      'correlation-orthogonal',
      'correlation-antipodal',
      'correlation-collapse',
      'correlation-factors',
    ]);
    const files = ['correlated-pairs', 'anticorrelated-pairs', 'correlated-sets-of-3'];
    const results = files.map(
      (f) =>
        JSON.parse(readFileSync(join(dir, f, 'results.json'), 'utf8')) as {
          config: {
            correlated: number[][];
            anticorrelated: number[][];
            instances: number;
            seed: number;
          };
          identity: string;
          best: number;
          instances: CorrelationInstance[];
        },
    );
    expect(results[0].config.correlated).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(results[1].config.anticorrelated).toEqual([
      [0, 1],
      [2, 3],
    ]);
    // Three instances seeded 0, 1, 2: instance i is seeded seed + i.
    expect(results[2].config).toMatchObject({ instances: 3, seed: 0 });
    expect(results[2].instances.map((x) => x.seed)).toEqual([0, 1, 2]);
    expect(results[0].identity).toMatch(/^[0-9a-f]{64}$/);
    // Judged on the lowest-loss seed: its row's 'judged' column is the verdict.
    sections.slice(0, 3).forEach((section, k) => {
      const r = results[k];
      const best = r.instances.reduce((a, b) => (b.loss < a.loss ? b : a));
      expect(best.seed).toBe(r.best);
      const row = section.table?.rows.find((x) => x[0] === best.seed);
      const judged = String(row?.[row.length - 2]);
      expect(section.verdict).toBe(judged.startsWith('yes') ? 'holds' : 'fails');
      expect(section.table?.rows).toHaveLength(3);
      expect(section.summary).toContain(`best seed ${best.seed}`);
      expect(section.command).toContain(`--instances 3 --steps 1500`);
    });
    expect(sections[3].verdict).toBe('shown');
    const svg = readFileSync(join(dir, 'correlation-arrows.svg'), 'utf8');
    expect(svg.match(/<svg/g)).toHaveLength(4);
    expect(existsSync(join(dir, 'correlation-arrows.png'))).toBe(true);
  });

  it('is registered for `tegum reproduce` after the toy models', () => {
    const ids = experiments().map((e) => e.id);
    expect(ids.indexOf('correlation')).toBeGreaterThan(ids.indexOf('toy'));
    expect(experiments().find((e) => e.id === 'correlation')).toBe(correlationExperiment);
  });
});
