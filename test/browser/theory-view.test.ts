import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from '../../src/cli/serve-command.js';
import { startStaticServer } from '../../src/serve/static-server.js';
import { ARTIFACTS_DIR, browserAvailable, launchBrowser } from '../../src/test-support/browser.js';
import { useExplorerPage } from '../../src/test-support/explorer-page.js';
import { SI_SUFFIX, figureTexts } from './tick-labels.js';

const enabled = browserAvailable();

describe.runIf(enabled)('the explorer’s theory view in Chromium', () => {
  const explorer = useExplorerPage({ width: 1280, height: 800 });
  const page = () => explorer.page();
  const base = () => explorer.base();

  const readout = (key: string) => page().locator(`#theory-readout dd[data-key="${key}"]`);

  it("shows the post's optimum for n = 1e5, d = 1e4, α = 1 and its α*", async () => {
    await page().goto(`${base()}#/theory?n=100000&d=10000&alpha=1&bound=jl-cubic&loss=post`);
    await expect.poll(() => readout('kStar').textContent()).toBe('49');
    await expect.poll(() => readout('kMax').textContent()).toBe('55');
    await expect.poll(() => readout('alphaStar').textContent()).toMatch(/^2\.10/);
    expect(await page().locator('#theory-loss-plot svg').count()).toBe(1);
    await page().screenshot({ path: `${ARTIFACTS_DIR}/theory-view.png` });
  });

  it('redraws k* when the α slider moves by keyboard, and puts α in the URL', async () => {
    await page().focus('#theory-alpha');
    await page().keyboard.press('End'); // α = 4: above the transition
    await expect.poll(() => readout('kStar').textContent()).toBe('1');
    expect(page().url()).toContain('alpha=4');
    // Step the slider down through 40 values and collect each frame's redraw cost.
    const costs: number[] = [];
    for (let i = 0; i < 40; i++) {
      const before = await page().locator('#app').getAttribute('data-redraws');
      await page().keyboard.press('ArrowLeft');
      await expect.poll(() => page().locator('#app').getAttribute('data-redraws')).not.toBe(before);
      costs.push(Number(await page().locator('#app').getAttribute('data-redraw-ms')));
    }
    costs.sort((a, b) => a - b);
    expect(costs[0]).toBeGreaterThan(0);
    process.stderr.write(
      `theory view: redraw per slider step median ${costs[20].toFixed(1)} ms, max ${costs[39].toFixed(1)} ms\n`,
    );
    await page().screenshot({ path: `${ARTIFACTS_DIR}/theory-view-alpha-4.png` });
  });

  it('labels k and k* in thousands plainly, never with SI prefixes (k is the factor count)', async () => {
    // kMax = 5559 here: d3's log format wrote 1k, where k is also the axis's name.
    await page().goto(`${base()}#/theory?n=10000000&d=1000000&alpha=0.3&bound=jl-cubic&loss=post`);
    await expect.poll(() => readout('alphaStar').textContent()).not.toBe('');
    await expect.poll(() => page().locator('#theory-kstar-plot svg').count()).toBe(1);
    const k = await figureTexts(page(), '#theory-loss-plot');
    expect(k).toContain('1,000');
    expect(await figureTexts(page(), '#theory-kstar-plot')).toContain('1,000');
    const texts = await figureTexts(page());
    expect(texts.filter((t) => SI_SUFFIX.test(t))).toEqual([]);
    await page().screenshot({ path: `${ARTIFACTS_DIR}/theory-view-large-k.png` });
  });

  it('restores a shared state from the URL and says when the domain is empty', async () => {
    await page().goto(`${base()}#/theory?n=1000000&d=10&alpha=1`);
    await page().reload();
    await expect
      .poll(() => page().locator('#theory-message').textContent())
      .toMatch(/domain is empty/);
  });
});

describe.runIf(enabled)('the explorer offline', () => {
  it('still loads, computes and trains after the network goes away', async () => {
    const server = await startStaticServer({ root: WEB_DIST, port: 0 });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}#/theory?alpha=1.5`);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await context.setOffline(true);
      await new Promise((r) => server.close(r));
      await page.reload();
      await expect
        .poll(() => page.locator('#theory-readout dd[data-key="kStar"]').textContent())
        .toBe('35');
      // The workers and the WebAssembly kernels were cached on install too, though
      // this page never opened the toy view before going offline.
      await page.goto(`${base}#/toy?n=5&m=2&sparsity=0.9&importance=decay:0.9&seed=0&steps=2000`);
      await page.click('#toy-start');
      await expect
        .poll(() => page.locator('#app').getAttribute('data-status'), { timeout: 60_000 })
        .toBe('done');
      expect(await page.locator('#toy-readout dd[data-key="backend"]').textContent()).toBe('wasm');
    } finally {
      await browser.close();
      server.close();
    }
  });
});
