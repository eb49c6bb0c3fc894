/**
 * Phase diagrams drawn with Observable Plot: the diagram of trained models beside
 * the one computed from the candidates' losses, on the same grid and log axes,
 * each cell coloured by the solution found there; cells where the two disagree
 * are crossed in the trained panel, and the agreement rate is in the subtitle.
 * (Elhage et al. 2022, "The Phase Change".) Legends are marks inside the SVG.
 */
import * as Plot from '@observablehq/plot';
import { composeFigure, renderPlot } from './render.js';

/** One cell of a phase diagram: a grid point and the solution found there. */
export interface PhaseCell {
  x: number;
  y: number;
  solution: string;
}

/** A log axis over the grid's values (ascending or not). */
export interface PhaseAxis {
  label: string;
  values: readonly number[];
}

/** Everything {@link phaseDiagramFigure} draws. */
export interface PhaseDiagramInput {
  title: string;
  /** A line under the title (the agreement is appended). */
  subtitle: string;
  x: PhaseAxis;
  y: PhaseAxis;
  /** The solutions in legend order, each with its label and colour. */
  solutions: readonly { name: string; label: string; color: string }[];
  trainedLabel: string;
  computedLabel: string;
  trained: readonly PhaseCell[];
  computed: readonly PhaseCell[];
  /** A reference curve drawn dashed over the computed panel. */
  reference?: { label: string; points: readonly { x: number; y: number }[] };
}

/** Cells that agree, out of the computed grid's cells (matched by grid point). */
export function phaseAgreement(
  trained: readonly PhaseCell[],
  computed: readonly PhaseCell[],
): { agree: number; total: number; rate: number } {
  const key = (c: PhaseCell) => `${c.x}|${c.y}`;
  const byPoint = new Map(trained.map((c) => [key(c), c.solution]));
  let agree = 0;
  for (const c of computed) if (byPoint.get(key(c)) === c.solution) agree++;
  return { agree, total: computed.length, rate: computed.length ? agree / computed.length : 0 };
}

/** Cell edges on a log axis: geometric midpoints between grid values, half a step past the ends. */
function edges(values: readonly number[]): Map<number, [number, number]> {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const out = new Map<number, [number, number]>();
  sorted.forEach((v, i) => {
    const step = sorted.length > 1 ? (i > 0 ? v / sorted[i - 1] : sorted[1] / v) : 2;
    const lower = i > 0 ? Math.sqrt(sorted[i - 1] * v) : v / Math.sqrt(step);
    const upper = i + 1 < sorted.length ? Math.sqrt(v * sorted[i + 1]) : v * Math.sqrt(step);
    out.set(v, [lower, upper]);
  });
  return out;
}

function panel(
  input: PhaseDiagramInput,
  cells: readonly PhaseCell[],
  label: string,
  crossed: readonly PhaseCell[],
  reference: boolean,
  yAxis: boolean,
): string {
  const xe = edges(input.x.values);
  const ye = edges(input.y.values);
  const rects = cells.map((c) => {
    const [x1, x2] = xe.get(c.x) as [number, number];
    const [y1, y2] = ye.get(c.y) as [number, number];
    return { x1, x2, y1, y2, solution: c.solution };
  });
  const allX = [...xe.values()].flat();
  const allY = [...ye.values()].flat();
  return renderPlot({
    width: 330,
    height: 320,
    marginLeft: 52,
    marginTop: 26,
    marginBottom: 40,
    x: {
      type: 'log',
      label: input.x.label,
      domain: [Math.min(...allX), Math.max(...allX)],
      tickFormat: '~g',
    },
    y: {
      type: 'log',
      label: yAxis ? input.y.label : null,
      domain: [Math.min(...allY), Math.max(...allY)],
      tickFormat: '~g',
    },
    color: {
      domain: input.solutions.map((s) => s.name),
      range: input.solutions.map((s) => s.color),
    },
    marks: [
      Plot.rect(rects, {
        x1: 'x1',
        x2: 'x2',
        y1: 'y1',
        y2: 'y2',
        fill: 'solution',
        stroke: 'white',
        strokeWidth: 0.5,
      }),
      Plot.dot(crossed, {
        x: 'x',
        y: 'y',
        symbol: 'times',
        stroke: '#111',
        r: 4,
        strokeWidth: 1.5,
      }),
      ...(reference && input.reference
        ? [
            Plot.line(input.reference.points, {
              x: 'x',
              y: 'y',
              stroke: '#111',
              strokeDasharray: '4,3',
              strokeWidth: 1.5,
            }),
          ]
        : []),
      Plot.frame({ stroke: '#888' }),
      Plot.text([label], {
        frameAnchor: 'top-right',
        dy: -16,
        fontWeight: 'bold',
        fontSize: 12,
      }),
    ],
  });
}

function legend(input: PhaseDiagramInput, crossedCount: number): string {
  const entries = [
    ...input.solutions.map((s) => ({ text: `■ ${s.label}`, color: s.color })),
    ...(crossedCount > 0 ? [{ text: '× trained ≠ computed', color: '#111' }] : []),
    ...(input.reference ? [{ text: `┅ ${input.reference.label}`, color: '#111' }] : []),
  ];
  return renderPlot({
    width: 260,
    height: 320,
    marginLeft: 4,
    marginTop: 26,
    x: { axis: null, domain: [0, 1] },
    y: { axis: null, domain: [0, 1] },
    marks: entries.map((e, i) =>
      Plot.text([e.text], {
        frameAnchor: 'top-left',
        dy: 20 + 18 * i,
        fill: e.color,
        fontWeight: 'bold',
        fontSize: 11,
      }),
    ),
  });
}

/** The trained and computed diagrams side by side, with a legend and the agreement rate. */
export function phaseDiagramFigure(input: PhaseDiagramInput): string {
  const computedAt = new Map(input.computed.map((c) => [`${c.x}|${c.y}`, c.solution]));
  const crossed = input.trained.filter((c) => computedAt.get(`${c.x}|${c.y}`) !== c.solution);
  const a = phaseAgreement(input.trained, input.computed);
  return composeFigure({
    title: input.title,
    subtitle: `${input.subtitle} Agreement: ${a.agree} of ${a.total} cells (${(100 * a.rate).toFixed(0)}%).`,
    panels: [
      { svg: panel(input, input.trained, input.trainedLabel, crossed, false, true) },
      { svg: panel(input, input.computed, input.computedLabel, [], true, false) },
      { svg: legend(input, crossed.length) },
    ],
    columns: 3,
  });
}
