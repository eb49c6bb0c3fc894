import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { composeFigure, normalizeSvg, renderPlot, svgToPng } from './render.js';

const line = () =>
  renderPlot({
    width: 300,
    height: 200,
    marks: [
      Plot.line(
        [
          { x: 1, y: 1 },
          { x: 2, y: 3 },
        ],
        { x: 'x', y: 'y' },
      ),
    ],
  });

describe('renderPlot', () => {
  it('returns a standalone SVG with the SVG namespace and the requested size', () => {
    const svg = line();
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('width="300"');
  });

  it('refuses options that would give an HTML figure (a swatch legend)', () => {
    expect(() =>
      renderPlot({
        color: { legend: true },
        marks: [Plot.dot([{ x: 1, c: 'a' }], { x: 'x', fill: 'c' })],
      }),
    ).toThrow(/HTML figure/);
  });
});

describe('composeFigure', () => {
  it('stacks panels under a title in one SVG sized to hold them', () => {
    const svg = composeFigure({ title: 'Two panels', panels: [{ svg: line() }, { svg: line() }] });
    expect(svg).toContain('Two panels');
    expect(svg).toMatch(/^<svg[^>]*width="300"[^>]*height="432"/);
    expect(svg.match(/<svg/g)).toHaveLength(3);
  });
});

describe('svgToPng', () => {
  it('rasterises at twice the SVG size by default', () => {
    const png = svgToPng(line());
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(600); // IHDR width
    expect(png.readUInt32BE(20)).toBe(400); // IHDR height
  });
});

describe('normalizeSvg', () => {
  it('rounds numbers and stabilises Plot class ids', () => {
    expect(
      normalizeSvg('<g class="plot-d6a7b5" transform="translate(40.123456,-0.04)">  <p/>'),
    ).toBe('<g class="plot" transform="translate(40.1,0)"><p/>');
  });
});
