/* global self, caches */
// Makes the staff page installable as the phone app and keeps its shell for a weak network.
// API calls are never cached: every figure shown comes from the server.
const CACHE = 'wc-admin-v2';
const SHELL = ['/admin/', '/admin/boot.js', '/admin/manifest.webmanifest', '/admin/icons/icon-192.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/admin/')) {
    return;
  }
  if (url.pathname.startsWith('/admin/assets/')) {
    // Hashed file names: a cached copy is always the right one.
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
    return;
  }
  if (request.mode === 'navigate') {
    // The newest page when online; the cached shell when the network is gone.
    event.respondWith(fetch(request).catch(() => caches.match('/admin/')));
  }
});
