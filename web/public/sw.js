// The explorer's service worker: it makes the app work offline once loaded.
// Install: cache index.html and every asset it names. Fetch (same origin, GET):
// network first, falling back to the cache, and caching each fresh response.
const CACHE = 'tegum-explorer-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const index = await fetch('./', { cache: 'no-cache' });
      const html = await index.clone().text();
      await cache.put('./', index);
      const assets = [...html.matchAll(/(?:src|href)="(\.\/assets\/[^"]+)"/g)].map((m) => m[1]);
      await cache.addAll(assets);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
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
