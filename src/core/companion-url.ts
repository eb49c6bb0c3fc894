/**
 * Where a Node-only companion file lives — a worker entry or a built `.wasm`: next to
 * the calling module once compiled (dist/…), or under dist/ when the caller runs
 * from src/ (vitest, tsx), since only the build writes those files.
 *
 * The URL is built from variables on purpose: browser bundlers rewrite the literal
 * pattern `new URL('./x', import.meta.url)` into bundled assets, and these files
 * must stay out of the explorer's bundle.
 */
export function companionUrl(file: string, callerUrl: string): URL {
  const base = callerUrl;
  const url = new URL(file, base);
  const at = url.pathname.lastIndexOf('/src/');
  if (at < 0) return url;
  const inDist = `${url.pathname.slice(0, at)}/dist/${url.pathname.slice(at + '/src/'.length)}`;
  return new URL(inDist, url);
}
