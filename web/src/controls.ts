/**
 * Form controls for the explorer: labelled sliders and selects, reachable and
 * operable from the keyboard (native inputs), each showing its value.
 */

/** A slider over [min, max]; `log` maps it to a logarithmic scale. */
export interface SliderSpec {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  log?: boolean;
  format?: (x: number) => string;
  onInput: (x: number) => void;
}

/** What {@link slider} returns: a setter for its value, and the labelled field. */
export interface Slider {
  (x: number): void;
  /** The <label> holding the title and the input, e.g. to hide it. */
  readonly field: HTMLLabelElement;
}

/** A labelled range input whose value shows in an <output>. */
export function slider(parent: HTMLElement, spec: SliderSpec): Slider {
  const label = document.createElement('label');
  label.htmlFor = spec.id;
  const title = document.createElement('span');
  const output = document.createElement('output');
  output.id = `${spec.id}-value`;
  output.htmlFor.add(spec.id);
  title.append(`${spec.label} `, output);
  const input = document.createElement('input');
  input.type = 'range';
  input.id = spec.id;
  input.name = spec.id;
  const toSlider = (x: number) => (spec.log ? Math.log10(x) : x);
  const fromSlider = (s: number) => (spec.log ? Math.round(10 ** s) : s);
  input.min = String(toSlider(spec.min));
  input.max = String(toSlider(spec.max));
  input.step = String(spec.step);
  const format = spec.format ?? ((x: number) => String(x));
  const set = (x: number) => {
    input.value = String(toSlider(x));
    output.value = format(x);
    input.setAttribute('aria-valuetext', format(x));
  };
  set(spec.value);
  input.addEventListener('input', () => {
    const x = fromSlider(Number(input.value));
    output.value = format(x);
    input.setAttribute('aria-valuetext', format(x));
    spec.onInput(x);
  });
  label.append(title, input);
  parent.append(label);
  return Object.assign(set, { field: label });
}

/** A labelled <select>. */
export function select(
  parent: HTMLElement,
  id: string,
  labelText: string,
  options: readonly string[],
  value: string,
  onChange: (v: string) => void,
): HTMLSelectElement {
  const label = document.createElement('label');
  label.htmlFor = id;
  label.append(labelText);
  const el = document.createElement('select');
  el.id = id;
  for (const o of options) el.append(new Option(o, o, false, o === value));
  el.addEventListener('change', () => onChange(el.value));
  label.append(el);
  parent.append(label);
  return el;
}

/** A button with a keyboard-visible focus style (native <button>). */
export function button(parent: HTMLElement, id: string, text: string, onClick: () => void) {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = id;
  b.textContent = text;
  b.addEventListener('click', onClick);
  parent.append(b);
  return b;
}

/** A definition list of live readouts; returns a function that updates them. */
export function readout(
  parent: HTMLElement,
  id: string,
  keys: [string, string][],
): (values: Record<string, string>) => void {
  const dl = document.createElement('dl');
  dl.className = 'readout';
  dl.id = id;
  dl.setAttribute('aria-live', 'polite');
  const cells = new Map<string, HTMLElement>();
  for (const [key, text] of keys) {
    const dt = document.createElement('dt');
    dt.textContent = text;
    const dd = document.createElement('dd');
    dd.dataset.key = key;
    cells.set(key, dd);
    dl.append(dt, dd);
  }
  parent.append(dl);
  return (values) => {
    for (const [k, v] of Object.entries(values)) {
      const cell = cells.get(k);
      if (cell) cell.textContent = v;
    }
  };
}

/** What {@link figureSlot} returns: call it with a node to replace the figure's body. */
export interface FigureSlot {
  (node: Node): void;
  /** The <figure>, e.g. to hide it. */
  readonly figure: HTMLElement;
  /** Its <figcaption>, e.g. to reword it. */
  readonly caption: HTMLElement;
}

/** A figure slot with a caption whose content is replaced on each redraw. */
export function figureSlot(parent: HTMLElement, id: string, caption: string): FigureSlot {
  const fig = document.createElement('figure');
  fig.id = id;
  const cap = document.createElement('figcaption');
  cap.textContent = caption;
  const body = document.createElement('div');
  fig.append(cap, body);
  parent.append(fig);
  return Object.assign((node: Node) => body.replaceChildren(node), { figure: fig, caption: cap });
}

/** The two columns every view has: its controls and its plots. */
export function viewLayout(root: HTMLElement, label: string) {
  const controls = document.createElement('section');
  controls.className = 'controls';
  controls.setAttribute('aria-label', label);
  const plots = document.createElement('section');
  plots.className = 'plots';
  root.replaceChildren(controls, plots);
  return { controls, plots };
}

/** Start, Pause and Reset buttons with ids `PREFIX-start` …; returns the Start button. */
export function runButtons(
  parent: HTMLElement,
  prefix: string,
  actions: { start: () => void; pause: () => void; reset: () => void },
): HTMLButtonElement {
  const row = document.createElement('div');
  row.className = 'buttons';
  parent.append(row);
  const start = button(row, `${prefix}-start`, 'Start', actions.start);
  button(row, `${prefix}-pause`, 'Pause', actions.pause);
  button(row, `${prefix}-reset`, 'Reset', actions.reset);
  return start;
}

/** A live status line (`role="status"`) for messages such as divergence. */
export function statusNote(parent: HTMLElement, id: string): HTMLParagraphElement {
  const note = document.createElement('p');
  note.className = 'note';
  note.id = id;
  note.setAttribute('role', 'status');
  parent.append(note);
  return note;
}

/** A note (`p.note`) that is not a live region, e.g. why a control or a figure is hidden. */
export function plainNote(parent: HTMLElement, id: string): HTMLParagraphElement {
  const note = document.createElement('p');
  note.className = 'note';
  note.id = id;
  note.hidden = true;
  parent.append(note);
  return note;
}

/** A captioned figure holding an ordered list (the tegum factors). */
export function listPanel(parent: HTMLElement, id: string, caption: string): HTMLOListElement {
  const figure = document.createElement('figure');
  const cap = document.createElement('figcaption');
  cap.textContent = caption;
  const list = document.createElement('ol');
  list.className = 'factors';
  list.id = id;
  figure.append(cap, list);
  parent.append(figure);
  return list;
}
