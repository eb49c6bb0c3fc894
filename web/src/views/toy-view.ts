/**
 * The Toy model view (Elhage et al. 2022): the model (ReLU-output, linear, the
 * ReLU-hidden-layer `neuron` model or the absolute-value model), n features, m hidden
 * dimensions, sparsity S and importance decay; several seeds train in a web worker and
 * the lowest-loss one is drawn as it trains: the features as arrows when m ≤ 2 (a note
 * says so in their place when m > 2), the WᵀW heatmap, ‖W_i‖ bars coloured by
 * superposition with their colour key, D_i, the tegum factors and, for the neuron
 * models, each neuron's features as stacked bars (and the absolute-value model's two
 * layers by neuron). A URL value a field does not allow is named in the status line and
 * the default kept. `autostart=1` in the URL trains on load (url-state.ts).
 */
import * as Plot from '@observablehq/plot';
import {
  decayRatio,
  featureGeometry,
  hasNeurons,
  neuronMetrics,
  resolveToyRun,
  TOY_MODELS,
  TOY_RUN_FIELDS,
  type ToyModel,
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
import {
  factorList,
  factorOrder,
  featureArrows,
  formatTick,
  gramHeatmap,
  lossCurve,
  normBars,
  type ToyFeature,
} from '../draw.js';
import { neuronBars, neuronWeightMaps } from '../draw-neurons.js';
import { MODEL_NOTES } from '../toy-model-notes.js';
import { fieldChoices, fieldLabel, fieldNumber, fieldParam } from '../run-params.js';
import { autostartParam, writeRoute } from '../url-state.js';
import type { ToyMessage, ToyRequest } from '../workers/toy-worker.js';

/** The view's toy run, by the run's field names (the importance as its decay R). */
interface ToyViewState {
  model: ToyModel;
  n: number;
  m: number;
  sparsity: number;
  decay: number;
  seed: number;
  steps: number;
  /** Feature sets as in `toy run --correlated` ('0,1;2,3'), or '' for none. */
  correlated: string;
  anticorrelated: string;
}

const SEEDS = 4;
const LEARNING_RATE = 1e-3;
const F = TOY_RUN_FIELDS;

/** The decay R of `importance=decay:R` (1 for 'uniform'), clamped to the slider's range. */
function importanceDecayParam(params: URLSearchParams, problems: string[]): number {
  const v = fieldParam<unknown>(params, F, 'importance', 'decay:0.9', problems);
  const r = v === 'uniform' ? 1 : typeof v === 'string' ? decayRatio(v) : null;
  return r === null ? 0.9 : Math.min(1, Math.max(0.5, r));
}

/** The URL of a view state: the run's fields by their names. */
function routeOf(state: ToyViewState): Record<string, string | number> {
  const { decay, ...rest } = state;
  return { ...rest, importance: `decay:${decay}` };
}

/** Mounts the view into `root`; returns a cleanup function. */
export function mountToyView(root: HTMLElement, params: URLSearchParams): () => void {
  // Each URL value a field does not allow: shown in the status line, the default kept.
  const problems: string[] = [];
  const state: ToyViewState = {
    model: fieldParam<ToyModel>(params, F, 'model', F.model.default, problems),
    n: fieldNumber(params, F, 'n', 5, 2, 100, problems),
    // Up to 40: the paper's absolute-value model at n = 100 has m = 40 neurons.
    m: fieldNumber(params, F, 'm', 2, 1, 40, problems),
    sparsity: fieldNumber(params, F, 'sparsity', 0.9, 0, 0.999, problems),
    decay: importanceDecayParam(params, problems),
    seed: fieldNumber(params, F, 'seed', 0, 0, 1_000_000, problems),
    steps: fieldNumber(params, F, 'steps', 10_000, 100, 50_000, problems),
    correlated: params.get('correlated') ?? '',
    anticorrelated: params.get('anticorrelated') ?? '',
  };
  const autostart = autostartParam(params);
  const { controls, plots } = viewLayout(root, 'Toy model parameters');

  const worker = new Worker(new URL('../workers/toy-worker.ts', import.meta.url), {
    type: 'module',
  });
  let status: 'idle' | 'running' | 'paused' | 'done' = 'idle';
  let history: { step: number; loss: number }[] = [];
  let startedAt = 0;
  // When the detected factor structure last changed: the time to reach the final geometry.
  let signature = '';

  const setStatus = (s: typeof status) => {
    status = s;
    root.dataset.status = s;
    show({ status: s });
  };
  const changed = () => {
    writeRoute('toy', { ...routeOf(state), ...(autostart ? { autostart: 1 } : {}) });
    reset();
  };
  const models = fieldChoices(F, 'model');
  const modelSelect = select(controls, 'toy-model', 'model', TOY_MODELS, state.model, (v) => {
    state.model = v as ToyModel;
    changed();
  });
  for (const option of modelSelect.options) option.title = models.get(option.value) ?? '';
  const modelNote = plainNote(controls, 'toy-model-note');
  modelNote.hidden = false;
  slider(controls, {
    id: 'toy-n',
    label: fieldLabel(F, 'n'),
    min: 2,
    max: 100,
    step: 1,
    value: state.n,
    onInput: (x) => ((state.n = x), changed()),
  });
  slider(controls, {
    id: 'toy-m',
    label: fieldLabel(F, 'm'),
    min: 1,
    max: 40,
    step: 1,
    value: state.m,
    onInput: (x) => ((state.m = x), changed()),
  });
  slider(controls, {
    id: 'toy-S',
    label: fieldLabel(F, 'sparsity'),
    min: 0,
    max: 0.999,
    step: 0.001,
    value: state.sparsity,
    format: (x) => x.toFixed(3),
    onInput: (x) => ((state.sparsity = x), changed()),
  });
  slider(controls, {
    id: 'toy-decay',
    label: 'importance: decay R (Iᵢ = Rⁱ)',
    min: 0.5,
    max: 1,
    step: 0.01,
    value: state.decay,
    format: (x) => x.toFixed(2),
    onInput: (x) => ((state.decay = x), changed()),
  });
  slider(controls, {
    id: 'toy-seed',
    label: fieldLabel(F, 'seed'),
    min: 0,
    max: 99,
    step: 1,
    value: state.seed,
    onInput: (x) => ((state.seed = x), changed()),
  });
  const startButton = runButtons(controls, 'toy', {
    start: () => start(),
    pause: () => pause(),
    reset: () => reset(),
  });
  const show = readout(controls, 'toy-readout', [
    ['status', 'status'],
    ['step', 'step'],
    ['loss', `loss (best of ${SEEDS} seeds)`],
    ['dimsPerFeature', 'm / ‖W‖_F²'],
    ['k', 'tegum factors k'],
    ['neurons', 'neurons: mono / poly / dead'],
    ['seconds', 'seconds'],
    ['speed', 'steps/s'],
    ['backend', 'kernels'],
  ]);
  const note = statusNote(controls, 'toy-message');

  const arrowsNote = plainNote(plots, 'toy-arrows-note');
  arrowsNote.classList.add('plots-note');
  const arrowsSlot = figureSlot(plots, 'toy-arrows', '');
  const gramSlot = figureSlot(plots, 'toy-gram', 'WᵀW by tegum factor (red +, blue −)');
  const neuronSlot = figureSlot(
    plots,
    'toy-neurons',
    'Neurons: each row k of W as its features’ squared weights',
  );
  const weightSlot = figureSlot(
    plots,
    'toy-weights',
    'W₁ and W₂ᵀ, a row per neuron k (red +, blue −)',
  );
  const normsSlot = figureSlot(plots, 'toy-norms', '‖Wᵢ‖, coloured by superposition');
  const dimSlot = figureSlot(plots, 'toy-dims', 'Feature dimensionality Dᵢ');
  const lossSlot = figureSlot(plots, 'toy-loss', 'Loss (best seed, running mean)');
  const factors = listPanel(plots, 'toy-factors', 'Tegum factors');

  function draw(msg: Extract<ToyMessage, { type: 'snapshot' }>): void {
    const { n, m } = state;
    const g = featureGeometry(msg.W, m, n);
    const importance = Array.from({ length: n }, (_, i) => state.decay ** i);
    show({
      step: String(msg.step),
      loss: msg.losses[msg.best].toPrecision(4),
      dimsPerFeature: g.dimsPerFeature.toFixed(3),
      k: String(g.tegum.k),
      seconds: ((performance.now() - startedAt) / 1000).toFixed(2),
      speed: Math.round(msg.stepsPerSecond).toLocaleString('en'),
      backend: msg.backend,
    });
    // W is [m, n]: W_i's first coordinate at i, its second at n + i.
    const features: (ToyFeature & { D: number })[] = Array.from({ length: n }, (_, i) => ({
      i,
      x: msg.W[i],
      y: m >= 2 ? msg.W[n + i] : 0,
      norm: g.norms[i],
      superposition: g.superposition[i],
      D: g.featureDimensionality[i],
      importance: importance[i],
    }));
    if (m <= 2) arrowsSlot(featureArrows(features, m === 1 ? 1 : 2));
    if (hasNeurons(msg.model)) {
      const nm = neuronMetrics(msg.W, m, n);
      const dead = m - nm.monosemanticNeurons - nm.polysemanticNeurons;
      show({ neurons: `${nm.monosemanticNeurons} / ${nm.polysemanticNeurons} / ${dead}` });
      neuronSlot(neuronBars(msg.W, m, n, nm));
      neuronSlot.figure.dataset.monosemantic = String(nm.monosemanticNeurons);
      neuronSlot.figure.dataset.polysemantic = String(nm.polysemanticNeurons);
    }
    if (msg.model === 'abs' && msg.W2.length === m * n) {
      weightSlot(neuronWeightMaps(msg.W, msg.W2, m, n));
    }
    gramSlot(gramHeatmap(msg.W, m, n, factorOrder(g.tegum, n), false, 280));
    normsSlot(normBars(features));
    dimSlot(
      Plot.plot({
        width: 320,
        height: 180,
        grid: true,
        // Every feature's place, drawn or not, and whole-number ticks: with only features
        // 0 and 1 represented, a fitted axis read 0.0 … 1.0.
        x: {
          label: 'feature',
          domain: [0, n - 1],
          ticks: Math.min(n - 1, 6),
          tickFormat: formatTick,
        },
        y: { label: 'Dᵢ', domain: [0, 1.05], tickFormat: formatTick },
        marks: [
          Plot.dot(
            features.filter((f) => f.norm > 0.5),
            { x: 'i', y: 'D', fill: '#4269d0' },
          ),
        ],
      }),
    );
    history.push({ step: msg.step, loss: msg.losses[msg.best] });
    lossSlot(lossCurve(history));
    factorList(factors, g.tegum, n);
    const sig = g.tegum.factors.map((f) => `${f.size}/${f.dim}`).join(',');
    if (sig !== signature) {
      signature = sig;
      root.dataset.structureSeconds = ((performance.now() - startedAt) / 1000).toFixed(3);
      root.dataset.structureStep = String(msg.step);
    }
  }

  let frame = 0;
  worker.onmessage = (event: MessageEvent<ToyMessage>) => {
    const msg = event.data;
    if (msg.type === 'error') {
      note.textContent = msg.message;
      setStatus('idle');
      return;
    }
    cancelAnimationFrame(frame);
    if (msg.done) {
      draw(msg);
      setStatus('done');
      root.dataset.seconds = ((performance.now() - startedAt) / 1000).toFixed(3);
    } else frame = requestAnimationFrame(() => draw(msg));
  };

  function start(): void {
    if (status === 'running') return;
    if (status === 'paused') {
      worker.postMessage({ type: 'resume' });
      setStatus('running');
      return;
    }
    history = [];
    signature = '';
    startedAt = performance.now();
    // The same resolved run the CLI builds: the notebook's batch, optimizer and defaults.
    let request: ToyRequest;
    try {
      request = {
        type: 'start',
        config: resolveToyRun({
          instances: SEEDS,
          model: state.model,
          n: state.n,
          m: state.m,
          sparsity: state.sparsity,
          importance: `decay:${state.decay}`,
          correlated: state.correlated || undefined,
          anticorrelated: state.anticorrelated || undefined,
          seed: state.seed,
          steps: state.steps,
          lr: LEARNING_RATE,
        }),
      };
    } catch (err) {
      note.textContent = (err as Error).message; // a bad set in the URL
      return;
    }
    note.textContent = '';
    setStatus('running');
    worker.postMessage(request);
  }

  function pause(): void {
    if (status !== 'running') return;
    worker.postMessage({ type: 'pause' });
    setStatus('paused');
  }

  function reset(): void {
    // A new generation stops the old run; an idle worker just waits.
    worker.postMessage({ type: 'pause' });
    history = [];
    setStatus('idle');
    show({
      step: '0',
      loss: '—',
      dimsPerFeature: '—',
      k: '—',
      seconds: '—',
      speed: '—',
      backend: '—',
      neurons: hasNeurons(state.model) ? '—' : 'no hidden ReLU',
    });
    for (const slot of [
      arrowsSlot,
      gramSlot,
      normsSlot,
      neuronSlot,
      weightSlot,
      dimSlot,
      lossSlot,
    ]) {
      slot(document.createTextNode(''));
    }
    arrowsSlot(document.createTextNode('Press Start to train.'));
    showPanels();
    factors.replaceChildren();
    note.textContent = '';
  }

  /**
   * The model's explanation, the neuron panels where the model has neurons (the W₁/W₂ᵀ
   * maps for the untied 'abs' only), and the arrows only where they are the whole
   * geometry (m ≤ 2), with a note in their place otherwise.
   */
  function showPanels(): void {
    modelNote.textContent = `${models.get(state.model) ?? state.model}. ${MODEL_NOTES[state.model]}`;
    neuronSlot.figure.hidden = !hasNeurons(state.model);
    weightSlot.figure.hidden = state.model !== 'abs';
    gramSlot.caption.textContent = `${state.model === 'abs' ? 'W₁ᵀW₁' : 'WᵀW'} by tegum factor (red +, blue −)`;
    const drawn = state.m <= 2;
    arrowsSlot.figure.hidden = !drawn;
    arrowsNote.hidden = drawn;
    arrowsNote.textContent = drawn
      ? ''
      : `Feature arrows are drawn for m = 1 and m = 2; at m = ${state.m}, WᵀW and the tegum factors show the geometry.`;
    arrowsSlot.caption.textContent =
      state.m === 1
        ? 'Features on the line (m = 1), darker = more important'
        : 'Features in the plane (m = 2), darker = more important';
  }

  reset();
  note.textContent = problems.join(' ');
  startButton.focus();
  if (autostart) start();
  return () => worker.terminate();
}
