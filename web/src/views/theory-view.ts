/**
 * The Theory view: sliders for n, d, α, the bound and the loss form; the
 * loss-vs-k curve, dL/dk and k* redraw on every slider move (the curve and the
 * optimum are cheap; α* and the k*-vs-α sweep are computed once the slider rests).
 */
import * as Plot from '@observablehq/plot';
import {
  LOSS_FORMS,
  boundNames,
  lossCurve,
  optimum,
  theoryModel,
  THEORY_RUN_FIELDS,
  transition,
  withAlpha,
  type TheoryModel,
} from '../../../src/index.js';
import { figureSlot, readout, select, slider, statusNote, viewLayout } from '../controls.js';
import { formatTick, logAxis } from '../draw.js';
import { fieldLabel, fieldNumber, fieldParam } from '../run-params.js';
import { writeRoute } from '../url-state.js';

/** The theory run's declaration: the view's URL parameters and labels by its names. */
const F = THEORY_RUN_FIELDS;

interface TheoryState {
  n: number;
  d: number;
  alpha: number;
  bound: string;
  loss: string;
}

const fmt = (x: number, digits = 4) =>
  Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(digits)));

/** Mounts the view into `root`; returns a cleanup function. */
export function mountTheoryView(root: HTMLElement, params: URLSearchParams): () => void {
  const state: TheoryState = {
    n: fieldNumber(params, F, 'n', 100_000, 10, 10_000_000),
    d: fieldNumber(params, F, 'd', 10_000, 2, 1_000_000),
    alpha: fieldNumber(params, F, 'alpha', 1, 0.05, 4),
    bound: fieldParam(params, F, 'bound', 'jl-cubic'),
    loss: fieldParam(params, F, 'loss', 'post'),
  };
  const { controls, plots } = viewLayout(root, 'Theory parameters');

  let frame = 0;
  let slowTimer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    writeRoute('theory', { ...state });
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      // Redrawn in the frame after the input event: its cost must fit in that frame.
      const started = performance.now();
      redrawFast();
      root.dataset.redrawMs = (performance.now() - started).toFixed(2);
      root.dataset.redraws = String(Number(root.dataset.redraws ?? 0) + 1);
    });
    clearTimeout(slowTimer);
    slowTimer = setTimeout(redrawSlow, 150);
  };

  slider(controls, {
    id: 'theory-n',
    label: fieldLabel(F, 'n'),
    min: 10,
    max: 10_000_000,
    step: 0.01,
    value: state.n,
    log: true,
    onInput: (x) => ((state.n = x), schedule()),
  });
  slider(controls, {
    id: 'theory-d',
    label: fieldLabel(F, 'd'),
    min: 2,
    max: 1_000_000,
    step: 0.01,
    value: state.d,
    log: true,
    onInput: (x) => ((state.d = x), schedule()),
  });
  slider(controls, {
    id: 'theory-alpha',
    label: 'α = d ln ℓ / d ln ε',
    min: 0.05,
    max: 4,
    step: 0.01,
    value: state.alpha,
    format: (x) => x.toFixed(2),
    onInput: (x) => ((state.alpha = x), schedule()),
  });
  select(controls, 'theory-bound', 'bound', boundNames(), state.bound, (v) => {
    state.bound = v;
    schedule();
  });
  select(controls, 'theory-loss', 'loss form', LOSS_FORMS, state.loss, (v) => {
    state.loss = v;
    schedule();
  });
  const show = readout(controls, 'theory-readout', [
    ['kStar', 'k* (integer)'],
    ['kStarContinuous', 'k* (continuous)'],
    ['lossRatio', 'L(k*) / L(1)'],
    ['epsilon', 'ε at k*'],
    ['kMax', 'kMax'],
    ['alphaStar', 'α* (k* = 1 above)'],
  ]);
  const message = statusNote(controls, 'theory-message');

  const lossSlot = figureSlot(plots, 'theory-loss-plot', 'Normalized loss L(k)/L(1)');
  const derivSlot = figureSlot(plots, 'theory-deriv-plot', 'dL/dk, normalized by L(1)');
  const kStarSlot = figureSlot(plots, 'theory-kstar-plot', 'k* against α (α* dashed)');

  const model = (): TheoryModel | string => {
    try {
      return theoryModel({ ...state });
    } catch (e) {
      return (e as Error).message;
    }
  };

  function redrawFast(): void {
    const m = model();
    if (typeof m === 'string') {
      message.textContent = m;
      return;
    }
    try {
      const o = optimum(m);
      const curve = lossCurve(m, 160);
      message.textContent = '';
      show({
        kStar: String(o.kStar),
        kStarContinuous: fmt(o.kStarContinuous),
        lossRatio: fmt(o.lossRatio),
        epsilon: fmt(o.epsilon),
        kMax: String(o.kMax),
      });
      const L1 = curve[0].loss;
      const kAxis = logAxis(
        curve.map((p) => p.k),
        'k',
      );
      lossSlot(
        Plot.plot({
          width: 440,
          height: 260,
          grid: true,
          marginLeft: 56,
          x: kAxis,
          y: { label: 'L(k) / L(1)', tickFormat: formatTick },
          marks: [
            Plot.line(curve, { x: 'k', y: 'normalizedLoss', stroke: '#4269d0', strokeWidth: 2 }),
            Plot.dot([o], { x: 'kStar', y: 'lossRatio', r: 5, stroke: '#d62728', fill: 'white' }),
          ],
        }),
      );
      derivSlot(
        Plot.plot({
          width: 440,
          height: 220,
          grid: true,
          marginLeft: 56,
          x: kAxis,
          y: { label: 'd(L/L(1))/dk', tickFormat: formatTick },
          marks: [
            Plot.ruleY([0], { stroke: '#888' }),
            Plot.line(curve.slice(0, -2), {
              x: 'k',
              y: (p) => p.dLossDk / L1,
              stroke: '#ff725c',
              strokeWidth: 2,
            }),
          ],
        }),
      );
    } catch (e) {
      message.textContent = (e as Error).message;
      show({ kStar: '—', kStarContinuous: '—', lossRatio: '—', epsilon: '—', kMax: '—' });
    }
  }

  function redrawSlow(): void {
    const m = model();
    if (typeof m === 'string') return;
    try {
      const t = transition(m, 1e-6);
      show({ alphaStar: t.alphaStar === null ? 'none ≤ 1024' : fmt(t.alphaStar) });
      const top = Math.max(3, 1.25 * (t.alphaStar ?? 2));
      const rows = Array.from({ length: 80 }, (_, i) => {
        const alpha = 0.05 + (i * (top - 0.05)) / 79;
        return { alpha, kStar: optimum(withAlpha(m, alpha)).kStar };
      });
      kStarSlot(
        Plot.plot({
          width: 440,
          height: 220,
          grid: true,
          marginLeft: 56,
          x: { label: 'α', tickFormat: formatTick },
          y: logAxis(
            rows.map((r) => r.kStar),
            'k*',
          ),
          marks: [
            t.alphaStar === null
              ? null
              : Plot.ruleX([t.alphaStar], { stroke: '#d62728', strokeDasharray: '4,3' }),
            Plot.ruleX([state.alpha], { stroke: '#aaa' }),
            Plot.line(rows, {
              x: 'alpha',
              y: 'kStar',
              curve: 'step-after',
              stroke: '#4269d0',
              strokeWidth: 2,
            }),
          ],
        }),
      );
      root.dataset.alphaStar = String(t.alphaStar);
    } catch {
      show({ alphaStar: '—' });
    }
  }

  redrawFast();
  redrawSlow();
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(slowTimer);
  };
}
