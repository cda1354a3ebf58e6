// Keeps the page working offline once it has loaded: the rules run in the browser anyway.
// The cache is named after the build (pkg/build.js, written by `make wasm` from a hash of the
// module and its glue), so a new module never meets an old glue from the cache, and older
// caches are deleted when this worker takes over. The browser also checks imported scripts
// for changes, so a rebuilt package installs a new worker.
importScripts("pkg/build.js");
const CACHE = `akscompute-${self.AKSCOMPUTE_BUILD ?? "unbuilt"}`;
// The lean module and its English messages only: the main one (certificates and keys) is cached when first used, so a
// visit that never gives a certificate never downloads it.
const ASSETS = ["./", "index.html", "app.js", "style.css", "pkg/form.js", "pkg/akscompute_form.js", "pkg/akscompute_form_bg.wasm", "pkg/messages/en.json"];

self.addEventListener("install", (e) => e.waitUntil(caches.open(CACHE).then((c) => c.addAll(ASSETS))));
self.addEventListener("activate", (e) =>
  e.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))),
);

/** Only a complete answer from this origin is worth keeping: no 404, 500, redirect or opaque one. */
function cacheable(request, response) {
  return response.status === 200 && response.type === "basic" && new URL(request.url).origin === self.location.origin;
}

// Network first, so a rebuilt package is picked up; the cache answers when offline.
self.addEventListener("fetch", (e) => {
  if (e.request.method !== "GET" || new URL(e.request.url).origin !== self.location.origin) return;
  e.respondWith(
    fetch(e.request)
      .then((r) => {
        if (cacheable(e.request, r)) {
          const copy = r.clone();
          e.waitUntil(caches.open(CACHE).then((c) => c.put(e.request, copy)));
        }
        return r;
      })
      .catch(() => caches.match(e.request, { cacheName: CACHE })),
  );
});
