// Web mode's offline shell: keeps the app's own files so a reload works with
// the server gone (documents themselves live in IndexedDB). Network first, so
// an online reload always gets the current build; the cache is the fallback.
const CACHE = 'fieldbook-shell-v2';
const SERVER_PATHS = /^\/(api|sync|agents|health|metrics)(\/|$)/;

async function cacheShell() {
  const cache = await caches.open(CACHE);
  const html = await (await fetch('./', { cache: 'no-store' })).text();
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?((?:assets\/)?[^"]+\.(?:js|css|svg))"/g)];
  // Lazily loaded chunks (editor, charts, screens) are listed by the build.
  let lazy = [];
  try {
    const listed = await fetch('./precache.json', { cache: 'no-store' });
    if (listed.ok) lazy = await listed.json();
  } catch {
    // An older build without the list: the chunks are cached as they are first loaded.
  }
  const files = new Set(['./', ...assets.map((m) => `./${m[1]}`), ...lazy.map((f) => `./${f}`)]);
  await cache.addAll([...files]);
}

self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(cacheShell());
});

self.addEventListener('activate', (event) =>
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  ),
);

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (SERVER_PATHS.test(url.pathname)) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(event.request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cached = await caches.match(event.request);
        if (cached) return cached;
        if (event.request.mode === 'navigate')
          return (await caches.match('./')) ?? Response.error();
        return Response.error();
      }),
  );
});
