/**
 * The tegum explorer: three views (theory, packing, toy model) chosen by the
 * URL's hash, which also holds each view's parameters so a state can be shared.
 */
import { readRoute } from './url-state.js';
import { mountPackingView } from './views/packing-view.js';
import { mountTheoryView } from './views/theory-view.js';
import { mountToyView } from './views/toy-view.js';

type Mount = (root: HTMLElement, params: URLSearchParams) => () => void;

const views: Record<string, Mount> = {
  theory: mountTheoryView,
  packing: mountPackingView,
  toy: mountToyView,
};

const root = document.getElementById('app') as HTMLElement;
let cleanup: (() => void) | undefined;

function render(): void {
  const { view, params } = readRoute();
  const name = view in views ? view : 'theory';
  cleanup?.();
  root.dataset.view = name;
  cleanup = views[name](root, params);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (a.dataset.view === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

window.addEventListener('hashchange', render);
render();

// Offline once loaded: the service worker caches the app (served over http(s) only).
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  navigator.serviceWorker.register('./sw.js').catch((err: unknown) => {
    console.warn('tegum: no offline support:', err);
  });
}
