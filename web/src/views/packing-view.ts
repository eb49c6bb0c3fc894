/**
 * The Packing view: n unit vectors in R^d optimized in a web worker under a chosen
 * objective; the Gram matrix drawn as a heatmap ordered by detected tegum factor,
 * the factor list with labels and the loss curve, updating as it runs. The α slider
 * shows only for objectives that take α (the registry's defaults say which);
 * `autostart=1` in the URL starts the run on load (url-state.ts).
 */
import {
  objectiveDefinition,
  objectiveNames,
  PACK_RUN_FIELDS,
  resolvePackRun,
  tegumFactors,
} from '../../../src/index.js';
import {
  figureSlot,
  listPanel,
  plainNote,
  readout,
  runButtons,
  select,
  slider,
  statusNote,
  viewLayout,
} from '../controls.js';
import { factorList, factorOrder, gramHeatmap, lossCurve } from '../draw.js';
import { fieldLabel, fieldNumber, fieldParam } from '../run-params.js';
import { autostartParam, writeRoute } from '../url-state.js';
import type { PackingMessage, PackingRequest } from '../workers/packing-worker.js';

interface PackingState {
  n: number;
  d: number;
  objective: string;
  alpha: number;
  seed: number;
  steps: number;
}

/** The packing run's declaration: the view's URL parameters and labels by its names. */
const F = PACK_RUN_FIELDS;

/** True when `objective` has an α parameter (power's exponent; threshold and minimax have none). */
const takesAlpha = (objective: string) => 'alpha' in objectiveDefinition(objective).defaults;

/** Mounts the view into `root`; returns a cleanup function. */
export function mountPackingView(root: HTMLElement, params: URLSearchParams): () => void {
  // Each URL value a field does not allow: shown in the status line, the default kept.
  const problems: string[] = [];
  const state: PackingState = {
    n: fieldNumber(params, F, 'n', 12, 2, 256, problems),
    d: fieldNumber(params, F, 'd', 4, 1, 64, problems),
    objective: fieldParam(params, F, 'objective', 'power', problems),
    alpha: fieldNumber(params, F, 'alpha', 1, 0.25, 8, problems),
    seed: fieldNumber(params, F, 'seed', 0, 0, 1_000_000, problems),
    steps: fieldNumber(params, F, 'steps', 1500, 100, 20_000, problems),
  };
  const autostart = autostartParam(params);
  const { controls, plots } = viewLayout(root, 'Packing parameters');

  let worker: Worker | undefined;
  let lastV: Float64Array | undefined;
  let stepOffset = 0;
  let history: { step: number; loss: number }[] = [];
  let status: 'idle' | 'running' | 'paused' | 'done' = 'idle';

  // α only where the objective takes it, so a link never shows a value that does nothing.
  const save = () => {
    const { alpha, ...rest } = state;
    writeRoute('packing', {
      ...rest,
      ...(takesAlpha(state.objective) ? { alpha } : {}),
      ...(autostart ? { autostart: 1 } : {}),
    });
  };
  const changed = () => {
    save();
    reset();
  };
  slider(controls, {
    id: 'packing-n',
    label: fieldLabel(F, 'n'),
    min: 2,
    max: 256,
    step: 1,
    value: state.n,
    onInput: (x) => ((state.n = x), changed()),
  });
  slider(controls, {
    id: 'packing-d',
    label: fieldLabel(F, 'd'),
    min: 1,
    max: 64,
    step: 1,
    value: state.d,
    onInput: (x) => ((state.d = x), changed()),
  });
  select(controls, 'packing-objective', 'objective', objectiveNames(), state.objective, (v) => {
    state.objective = v;
    showAlpha();
    changed();
  });
  const alphaSlider = slider(controls, {
    id: 'packing-alpha',
    label: 'α (power objective)',
    min: 0.25,
    max: 8,
    step: 0.05,
    value: state.alpha,
    format: (x) => x.toFixed(2),
    onInput: (x) => ((state.alpha = x), changed()),
  });
  const alphaNote = plainNote(controls, 'packing-alpha-note');
  alphaSlider.field.after(alphaNote);
  const alphaObjectives = objectiveNames().filter(takesAlpha).join(', ');
  /** The α slider for objectives with an α; a one-line note in its place for the others. */
  const showAlpha = () => {
    const shown = takesAlpha(state.objective);
    alphaSlider.field.hidden = !shown;
    alphaNote.hidden = shown;
    alphaNote.textContent = shown
      ? ''
      : `α applies to ${alphaObjectives} only; ${state.objective} takes none.`;
  };
  showAlpha();
  slider(controls, {
    id: 'packing-seed',
    label: 'seed',
    min: 0,
    max: 99,
    step: 1,
    value: state.seed,
    onInput: (x) => ((state.seed = x), changed()),
  });
  const startButton = runButtons(controls, 'packing', {
    start: () => start(),
    pause: () => pause(),
    reset: () => reset(),
  });
  const show = readout(controls, 'packing-readout', [
    ['status', 'status'],
    ['step', 'step'],
    ['loss', 'loss'],
    ['maxAbsCos', 'max |cos θ|'],
    ['k', 'tegum factors k'],
    ['backend', 'kernels'],
  ]);
  const note = statusNote(controls, 'packing-message');

  const gramSlot = figureSlot(
    plots,
    'packing-gram',
    'Gram matrix VᵀV by tegum factor (red +1, blue −1)',
  );
  const lossSlot = figureSlot(plots, 'packing-loss', 'Loss');
  const factors = listPanel(plots, 'packing-factors', 'Tegum factors');

  function draw(V: Float64Array, step: number, loss: number, backend?: string): void {
    const tegum = tegumFactors(V, state.d, state.n);
    let maxAbs = 0;
    const norms = new Float64Array(state.n);
    for (let j = 0; j < state.n; j++) {
      for (let r = 0; r < state.d; r++) norms[j] += V[r * state.n + j] ** 2;
      norms[j] = Math.sqrt(norms[j]);
    }
    for (let i = 0; i < state.n; i++) {
      for (let j = i + 1; j < state.n; j++) {
        let s = 0;
        for (let r = 0; r < state.d; r++) s += V[r * state.n + i] * V[r * state.n + j];
        maxAbs = Math.max(maxAbs, Math.abs(s / (norms[i] * norms[j])));
      }
    }
    show({
      status,
      step: String(step),
      loss: loss.toPrecision(5),
      maxAbsCos: maxAbs.toFixed(4),
      k: String(tegum.k),
      ...(backend === undefined ? {} : { backend }),
    });
    gramSlot(gramHeatmap(V, state.d, state.n, factorOrder(tegum, state.n), true));
    lossSlot(lossCurve(history));
    factorList(factors, tegum, state.n);
  }

  function start(): void {
    if (status === 'running') return;
    const resume = status === 'paused' && lastV !== undefined;
    if (!resume) {
      history = [];
      stepOffset = 0;
    }
    const steps = state.steps - stepOffset;
    if (steps <= 0) return;
    // The same resolved run the CLI builds: the optimizer's defaults written out.
    const request: PackingRequest = {
      config: resolvePackRun({
        n: state.n,
        d: state.d,
        objective: state.objective,
        ...(takesAlpha(state.objective) ? { alpha: state.alpha } : {}),
        seed: state.seed,
        steps,
      }),
      ...(resume ? { V: lastV } : {}),
    };
    worker = new Worker(new URL('../workers/packing-worker.ts', import.meta.url), {
      type: 'module',
    });
    status = 'running';
    root.dataset.status = status;
    const offset = stepOffset;
    let frame = 0;
    worker.onmessage = (event: MessageEvent<PackingMessage>) => {
      const msg = event.data;
      if (msg.type === 'error') {
        note.textContent = msg.message;
        status = 'idle';
        root.dataset.status = status;
        return;
      }
      lastV = msg.V;
      if (msg.type === 'snapshot') {
        stepOffset = offset + msg.step;
        history.push({ step: stepOffset, loss: msg.loss });
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => draw(msg.V, stepOffset, msg.loss, msg.backend));
      } else {
        stepOffset = offset + msg.steps;
        status = 'done';
        root.dataset.status = status;
        note.textContent =
          msg.stopReason === 'diverged'
            ? `diverged: ${msg.message ?? ''}`
            : `stopped: ${msg.stopReason}`;
        cancelAnimationFrame(frame);
        draw(msg.V, stepOffset, msg.loss);
        worker?.terminate();
        worker = undefined;
      }
    };
    note.textContent = request.V ? 'resumed (optimizer moments restart)' : '';
    worker.postMessage(request);
  }

  function pause(): void {
    if (status !== 'running') return;
    worker?.terminate();
    worker = undefined;
    status = 'paused';
    root.dataset.status = status;
    show({ status });
  }

  function reset(): void {
    worker?.terminate();
    worker = undefined;
    lastV = undefined;
    stepOffset = 0;
    history = [];
    status = 'idle';
    root.dataset.status = status;
    show({ status, step: '0', loss: '—', maxAbsCos: '—', k: '—', backend: '—' });
    gramSlot(document.createTextNode('Press Start to optimize.'));
    lossSlot(document.createTextNode(''));
    factors.replaceChildren();
    note.textContent = '';
  }

  reset();
  note.textContent = problems.join(' ');
  startButton.focus();
  if (autostart) start();
  return () => worker?.terminate();
}
