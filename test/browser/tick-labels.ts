/**
 * The text of every label drawn in the explorer's figures (axis ticks, colour
 * keys, marks), for checks on how numbers are written.
 */
import type { Page } from 'playwright-core';

/** A number ending in an SI prefix (`5m`, `10µ`, `2k`, `1 M`): what no label may show. */
export const SI_SUFFIX = /\d\s?[yzafpnµμmkMGTPEZY]$/;

/** The text of every SVG <text> under `selector` (default: all the view's figures). */
export function figureTexts(page: Page, selector = '.plots'): Promise<string[]> {
  return page
    .locator(`${selector} svg text`)
    .evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
}
