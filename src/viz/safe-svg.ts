/**
 * An SVG made safe to inline into the report: parsed as XML (jsdom), with every
 * element that can run or embed something (script, foreignObject, iframe, …),
 * every event attribute (on*) and every link that leaves the document removed.
 * The report inlines only our own figures, but a cached result can name any file
 * under the output folder, so what is inlined is treated as data, not markup.
 */
import { JSDOM } from 'jsdom';

const DROP = new Set([
  'script',
  'foreignobject',
  'iframe',
  'object',
  'embed',
  'audio',
  'video',
  'animate',
  'set',
  'handler',
  'listener',
]);

/** A link that stays inside the figure (#id) or is an inline image. */
function safeLink(value: string): boolean {
  const v = value.trim().toLowerCase();
  return v.startsWith('#') || v.startsWith('data:image/png') || v.startsWith('data:image/jpeg');
}

/** CSS that would fetch something: @import, or url() of anything but a fragment (#id). */
function loadsSomething(css: string): boolean {
  return /@import|url\(\s*['"]?\s*(?!#)/i.test(css);
}

/**
 * Returns `svg` without anything that could run or load: the `<svg>` element alone
 * (any XML prolog, doctype or comment dropped).
 * @throws RangeError when the text is not one well-formed `<svg>` document.
 */
export function safeSvg(svg: string): string {
  const dom = new JSDOM(svg, { contentType: 'image/svg+xml' });
  const doc = dom.window.document;
  const root = doc.documentElement;
  if (root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) {
    throw new RangeError('figure is not a well-formed SVG document');
  }
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (DROP.has(el.localName.toLowerCase())) {
      el.remove();
      continue;
    }
    // CSS can load too (@import, url(…)); our figures' styles need neither.
    if (el.localName.toLowerCase() === 'style' && loadsSomething(el.textContent ?? '')) {
      el.remove();
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || (name === 'style' && loadsSomething(attr.value))) {
        el.removeAttribute(attr.name);
      } else if (
        (name === 'href' || name.endsWith(':href') || name === 'src') &&
        !safeLink(attr.value)
      ) {
        el.removeAttribute(attr.name);
      }
    }
  }
  for (const attr of Array.from(root.attributes)) {
    if (attr.name.toLowerCase().startsWith('on')) root.removeAttribute(attr.name);
  }
  return root.outerHTML;
}
