import { describe, expect, it } from 'vitest';
import { toyPreset, toyPresetNames } from '../toy/presets.js';
import {
  checkToyFigureNames,
  registerToyFigure,
  spread,
  toyFigure,
  toyFigureNames,
} from './toy-figure-registry.js';

describe('the toy figure registry', () => {
  it('holds every figure a preset names', () => {
    for (const name of toyPresetNames()) {
      expect(() => checkToyFigureNames(toyPreset(name).figures)).not.toThrow();
    }
    expect(toyFigureNames()).toContain('intro-arrows');
    expect(toyFigureNames()).toContain('sparse-limit');
  });

  it('refuses an unknown name, naming the registered ones, and a taken name', () => {
    expect(() => toyFigure('pie-chart')).toThrow(
      /unknown toy figure 'pie-chart' \(allowed: intro-arrows, norm-bars/,
    );
    expect(() => checkToyFigureNames(['wtw', 'pie-chart'])).toThrow(/'pie-chart'/);
    expect(() => registerToyFigure({ name: 'wtw', draw: () => null })).toThrow(
      "toy figure 'wtw' is already registered",
    );
  });

  it('draws nothing where the run cannot show the figure', () => {
    const input = {
      instances: [],
      weights: [],
      importance: [1, 1, 1],
      nHidden: 3,
      normThreshold: 0.5,
    };
    expect(toyFigure('intro-arrows').draw(input)).toBeNull();
    expect(toyFigure('tegum-factors').draw(input)).toBeNull();
    expect(toyFigure('sparse-limit').draw(input)).toBeNull();
  });

  it('spreads a long list evenly, keeping the first and the last', () => {
    expect(spread([0, 1, 2, 3, 4, 5, 6, 7, 8], 3)).toEqual([0, 4, 8]);
    expect(spread([0, 1], 5)).toEqual([0, 1]);
  });
});
