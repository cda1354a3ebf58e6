// Keeps the page working offline once it has loaded: the rules run in the browser anyway.
const CACHE = "akscompute-v1";
const ASSETS = ["./", "index.html", "app.js", "style.css", "pkg/akscompute.js", "pkg/akscompute_bg.wasm"];

self.addEventListener("install", (e) => e.waitUntil(caches.open(CACHE).then((c) => c.addAll(ASSETS))));
self.addEventListener("activate", (e) =>
  e.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))),
);
// Network first, so a rebuilt package is picked up; the cache answers when offline.
self.addEventListener("fetch", (e) => {
  if (e.request.method !== "GET") return;
  e.respondWith(
    fetch(e.request)
      .then((r) => {
        const copy = r.clone();
        caches.open(CACHE).then((c) => c.put(e.request, copy));
        return r;
      })
      .catch(() => caches.match(e.request)),
  );
});
