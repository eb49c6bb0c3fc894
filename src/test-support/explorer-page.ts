/**
 * One Chromium page on the built explorer, served by tegum's own static server,
 * for a describe block: registers beforeAll/afterAll and hands out the page.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { WEB_DIST } from '../cli/serve-command.js';
import { startStaticServer } from '../serve/static-server.js';
import { launchBrowser } from './browser.js';

/** What a test reaches through {@link useExplorerPage}. */
export interface ExplorerPage {
  page: () => Page;
  /** The served app's URL, ending in '/'. */
  base: () => string;
}

/** Serves web/dist, launches Chromium and opens a page of this size for the block. */
export function useExplorerPage(viewport = { width: 1280, height: 860 }): ExplorerPage {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let base = '';
  beforeAll(async () => {
    server = await startStaticServer({ root: WEB_DIST, port: 0 });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });
  return {
    page: () => {
      if (!page) throw new Error('the explorer page is not open yet');
      return page;
    },
    base: () => base,
  };
}
