// The explorer's service worker: it makes the app work offline once loaded.
// Install: cache index.html and every file of the build (assets.json, written by the
// build, lists them: the workers and the WebAssembly kernels too). Fetch (same origin, GET):
// network first, falling back to the cache, and caching each fresh response.
const CACHE = 'tegum-explorer-v2';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const index = await fetch('./', { cache: 'no-cache' });
      await cache.put('./', index);
      const list = await fetch('./assets.json', { cache: 'no-cache' });
      const assets = /** @type {string[]} */ (await list.json());
      await cache.addAll(assets.map((file) => `./${file}`));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(event.request);
        if (response.ok) await cache.put(event.request, response.clone());
        return response;
      } catch {
        const cached =
          (await cache.match(event.request, { ignoreSearch: true })) ?? (await cache.match('./'));
        if (cached) return cached;
        throw new Error(`offline and not cached: ${url.pathname}`);
      }
    })(),
  );
});
