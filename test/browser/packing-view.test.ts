import { describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, browserAvailable } from '../../src/test-support/browser.js';
import { useExplorerPage } from '../../src/test-support/explorer-page.js';
import { SI_SUFFIX, figureTexts } from './tick-labels.js';

const enabled = browserAvailable();

describe.runIf(enabled)('the explorer’s packing view in Chromium', () => {
  const explorer = useExplorerPage({ width: 1280, height: 860 });
  const page = () => explorer.page();
  const base = () => explorer.base();

  const readout = (key: string) => page().locator(`#packing-readout dd[data-key="${key}"]`);

  it('finds the 6-line equiangular frame in R³ under the minimax objective', async () => {
    const wasm: string[] = [];
    page().on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasm.push(r.url());
    });
    await page().goto(`${base()}#/packing?n=6&d=3&objective=minimax&seed=1&steps=3000`);
    await page().click('#packing-start');
    await expect
      .poll(() => page().locator('#app').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('done');
    const maxAbsCos = Number(await readout('maxAbsCos').textContent());
    expect(Math.abs(maxAbsCos - 1 / Math.sqrt(5))).toBeLessThan(5e-3);
    const items = page().locator('#packing-factors li');
    expect(await items.count()).toBe(1);
    expect(await items.first().getAttribute('data-size')).toBe('6');
    expect(await items.first().getAttribute('data-dim')).toBe('3');
    expect(await page().locator('#packing-gram svg').count()).toBe(1);
    // Chromium validates relaxed SIMD, so the worker loads the fused-multiply-add build.
    expect(wasm.some((u) => /tegum-kernels-relaxed[^/]*\.wasm$/.test(u))).toBe(true);
    await page().screenshot({ path: `${ARTIFACTS_DIR}/packing-view-etf.png` });
  });

  const status = () => page().locator('#app').getAttribute('data-status');

  it('hides the α slider under minimax and threshold, and shows it again for power', async () => {
    await page().goto(`${base()}#/packing?n=12&d=4&objective=power&alpha=3`);
    const alpha = page().locator('#packing-alpha');
    const note = page().locator('#packing-alpha-note');
    expect(await alpha.isVisible()).toBe(true);
    expect(await note.isVisible()).toBe(false);
    await page().selectOption('#packing-objective', 'minimax');
    expect(await alpha.isVisible()).toBe(false);
    expect(await note.textContent()).toBe('α applies to power only; minimax takes none.');
    expect(page().url()).not.toContain('alpha='); // a link shows no value that does nothing
    await page().screenshot({ path: `${ARTIFACTS_DIR}/packing-view-minimax.png` });
    await page().selectOption('#packing-objective', 'threshold');
    expect(await alpha.isVisible()).toBe(false);
    expect(await note.textContent()).toMatch(/threshold takes none/);
    await page().selectOption('#packing-objective', 'power');
    expect(await alpha.isVisible()).toBe(true);
    expect(await note.isVisible()).toBe(false);
    expect(page().url()).toContain('alpha=3'); // the value kept while hidden
  });

  it('opens a shared minimax link with the α slider hidden', async () => {
    await page().goto(`${base()}#/packing?n=6&d=3&objective=minimax&alpha=3`);
    expect(await page().locator('#packing-alpha').isVisible()).toBe(false);
    expect(await page().locator('#packing-alpha-note').isVisible()).toBe(true);
  });

  it('names an objective the registry does not know and keeps power', async () => {
    await page().goto(`${base()}#/packing?n=6&d=3&objective=nope&seed=0`);
    expect(await page().locator('#packing-objective').inputValue()).toBe('power');
    expect(await page().locator('#packing-message').textContent()).toMatch(
      /^objective must be one of power\b.*, got 'nope'; kept power\.$/,
    );
  });

  it('optimizes on load from a shared link with autostart=1, without a click', async () => {
    await page().goto(`${base()}#/packing?n=6&d=3&objective=minimax&seed=1&steps=600&autostart=1`);
    await expect.poll(status, { timeout: 30_000 }).toBe('done');
    expect(await readout('step').textContent()).toBe('600');
    expect(await page().locator('#packing-gram svg').count()).toBe(1);
    // Kept when the link is edited; an ordinary URL never gains it (the toy view's test).
    await page().focus('#packing-seed');
    await page().keyboard.press('ArrowRight');
    expect(page().url()).toMatch(/[?&]autostart=1(&|$)/);
  });

  it('labels the loss axis in plain or scientific notation, never with SI prefixes', async () => {
    // Four vectors in R⁴ become orthogonal: the loss falls through 1e-3 … 1e-9 (d3: 1m … 1n).
    await page().goto(`${base()}#/packing?n=4&d=4&objective=power&alpha=2&seed=0&steps=400`);
    await page().click('#packing-start');
    await expect.poll(status, { timeout: 30_000 }).toBe('done');
    expect(await readout('step').textContent()).toBe('400'); // this run, not the last test's
    const loss = await figureTexts(page(), '#packing-loss');
    process.stderr.write(`packing view, loss ticks: ${loss.join(' ')}\n`);
    expect(loss.some((t) => /^\d(\.\d+)?e-\d+$/.test(t))).toBe(true);
    const texts = await figureTexts(page());
    expect(texts.filter((t) => SI_SUFFIX.test(t))).toEqual([]);
    await page().screenshot({ path: `${ARTIFACTS_DIR}/packing-view-orthogonal.png` });
  });

  it('pauses and resets from the keyboard', async () => {
    await page().goto(`${base()}#/packing?n=256&d=32&objective=power&alpha=3&steps=20000`);
    await page().focus('#packing-start');
    await page().keyboard.press('Enter');
    await expect.poll(() => readout('step').textContent(), { timeout: 30_000 }).not.toBe('0');
    expect(await readout('backend').textContent()).toBe('wasm');
    await page().focus('#packing-pause');
    await page().keyboard.press('Enter');
    expect(await page().locator('#app').getAttribute('data-status')).toBe('paused');
    await page().screenshot({ path: `${ARTIFACTS_DIR}/packing-view-paused.png` });
    await page().focus('#packing-reset');
    await page().keyboard.press('Enter');
    expect(await readout('step').textContent()).toBe('0');
  });
});
