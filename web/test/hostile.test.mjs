// The page server and the service worker against hostile requests and bad answers, in Node:
// no way out of the served folders, a Content-Security-Policy on every answer (and the same
// one in the page), and a cache that keeps only good same-origin answers under the build's name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { CSP, start } from "../serve.mjs";

/** A raw GET: the path goes out exactly as written (fetch would normalise dot segments). */
function get(base, path) {
  const u = new URL(base);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => ok({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

test("no path leaves the served folders, a sibling with the same prefix included", async () => {
  const top = mkdtempSync(join(tmpdir(), "aks-serve-"));
  for (const d of ["web", "web-evil", "pkg", "pkg-evil"]) mkdirSync(join(top, d));
  writeFileSync(join(top, "web", "index.html"), "<p>page</p>");
  writeFileSync(join(top, "pkg", "a.js"), "ok");
  writeFileSync(join(top, "web-evil", "secret.txt"), "SECRET-WEB");
  writeFileSync(join(top, "pkg-evil", "secret.txt"), "SECRET-PKG");
  writeFileSync(join(top, "secret.txt"), "SECRET-TOP");
  const server = await start(0, [
    ["/pkg/", join(top, "pkg")],
    ["/", join(top, "web")],
  ]);
  try {
    assert.equal((await get(server.url, "/")).body, "<p>page</p>");
    assert.equal((await get(server.url, "/pkg/a.js")).body, "ok");
    for (const path of [
      "/..%2fweb-evil/secret.txt",
      "/..%2Fweb-evil%2Fsecret.txt",
      "/%2e%2e/web-evil/secret.txt",
      "/%2E%2E%2Fweb-evil/secret.txt",
      "/.%2e/secret.txt",
      "/../web-evil/secret.txt",
      "/pkg/..%2fpkg-evil/secret.txt",
      "/pkg/%2e%2e%2fpkg-evil%2fsecret.txt",
      "/pkg/%2e%2e/secret.txt",
      "/pkg/..%5c..%5csecret.txt",
      "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd",
      "/web%00.html",
      "/%E0%A4%A",
    ]) {
      const r = await get(server.url, path);
      assert.ok(r.status === 404 || r.status === 400, `${path}: ${r.status}`);
      assert.ok(!r.body.includes("SECRET"), `${path}: ${r.body}`);
      assert.equal(r.headers["content-security-policy"], CSP, path);
    }
  } finally {
    await server.close();
  }
});

test("every answer carries the policy, and the page the same one", async () => {
  const server = await start();
  try {
    for (const path of ["/", "/app.js", "/nothing-here"]) {
      const r = await get(server.url, path);
      assert.equal(r.headers["content-security-policy"], CSP, path);
    }
  } finally {
    await server.close();
  }
  for (const d of ["default-src 'self'", "connect-src 'self'", "'wasm-unsafe-eval'", "object-src 'none'"]) assert.ok(CSP.includes(d), d);
  const html = readFileSync(new URL("../index.html", import.meta.url), "utf8");
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(meta, "index.html has the policy in a meta line");
  // A meta policy cannot carry frame-ancestors; everything else is the header's.
  assert.equal(meta[1], CSP.replace(/; frame-ancestors 'none'$/, ""));
});

/** Runs web/sw.js in a sandbox with fake caches and network; returns its event handlers and the caches. */
function serviceWorker(build) {
  const stores = new Map();
  const handlers = {};
  const cacheOf = (name) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const m = stores.get(name);
    return { put: async (req, res) => m.set(req.url, res), addAll: async (list) => list.forEach((u) => m.set(u, "asset")), match: async (req) => m.get(req.url) };
  };
  const self = {
    location: new URL("http://127.0.0.1:9/sw.js"),
    addEventListener: (type, f) => (handlers[type] = f),
  };
  const sandbox = {
    self,
    URL,
    caches: {
      open: async (n) => cacheOf(n),
      keys: async () => [...stores.keys()],
      delete: async (n) => stores.delete(n),
      match: async (req, opts) => stores.get(opts?.cacheName)?.get(req.url),
    },
    importScripts: (path) => {
      assert.equal(path, "pkg/build.js");
      self.AKSCOMPUTE_BUILD = build;
    },
    fetch: async () => {
      throw new Error("set per test");
    },
  };
  vm.runInNewContext(readFileSync(new URL("../sw.js", import.meta.url), "utf8"), sandbox);
  return { handlers, stores, sandbox };
}

/** Dispatches a fetch event; resolves to the answer and to every promise it kept alive. */
async function dispatch(handlers, url, method = "GET") {
  const pending = [];
  let answer = null;
  const event = { request: { url, method }, respondWith: (p) => (answer = p), waitUntil: (p) => pending.push(p) };
  handlers.fetch(event);
  const r = answer && (await answer);
  await Promise.all(pending);
  return { intercepted: answer !== null, r };
}

test("the service worker caches only good same-origin answers, under the build's name", async () => {
  const { handlers, stores, sandbox } = serviceWorker("abc123");
  await new Promise((ok) => handlers.install({ waitUntil: (p) => p.then(ok) }));
  assert.deepEqual([...stores.keys()], ["akscompute-abc123"]);
  const cache = stores.get("akscompute-abc123");
  // Installing fetches the lean module; the main one waits for its first use.
  assert.ok(cache.has("pkg/akscompute_form_bg.wasm"), [...cache.keys()].join(" "));
  assert.ok(![...cache.keys()].some((k) => k.endsWith("pkg/akscompute_bg.wasm")), [...cache.keys()].join(" "));
  cache.clear();
  const answers = {
    "/good.js": { status: 200, type: "basic" },
    "/missing.js": { status: 404, type: "basic" },
    "/broken.js": { status: 500, type: "basic" },
    "/partial.js": { status: 206, type: "basic" },
    "/opaque.js": { status: 0, type: "opaque" },
    "/cors.js": { status: 200, type: "cors" },
  };
  sandbox.fetch = async (req) => {
    const a = answers[new URL(req.url).pathname];
    return { ...a, clone: () => ({ ...a, copy: true }) };
  };
  for (const path of Object.keys(answers)) {
    const { r } = await dispatch(handlers, `http://127.0.0.1:9${path}`);
    assert.equal(r.status, answers[path].status, path);
  }
  assert.deepEqual([...cache.keys()], ["http://127.0.0.1:9/good.js"]);
  const elsewhere = await dispatch(handlers, "https://cdn.example/x.js");
  assert.equal(elsewhere.intercepted, false, "another origin is not intercepted");
  assert.equal((await dispatch(handlers, "http://127.0.0.1:9/good.js", "POST")).intercepted, false);
  // Offline: the cache answers.
  sandbox.fetch = async () => {
    throw new TypeError("offline");
  };
  assert.equal((await dispatch(handlers, "http://127.0.0.1:9/good.js")).r.copy, true);
  // A new build: its worker deletes the old caches when it takes over.
  const next = serviceWorker("def456");
  next.stores.set("akscompute-abc123", new Map());
  next.stores.set("akscompute-v1", new Map());
  await new Promise((ok) => next.handlers.install({ waitUntil: (p) => p.then(ok) }));
  await new Promise((ok) => next.handlers.activate({ waitUntil: (p) => p.then(ok) }));
  assert.deepEqual([...next.stores.keys()], ["akscompute-def456"]);
});
