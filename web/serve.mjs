// Serves the form on 127.0.0.1: web/ at /, the built package at /pkg/. Used by `make demo`
// and by the browser tests (which import `start`).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const defaultRoots = [
  ["/pkg/", resolve(here, "../bindings/wasm/pkg")],
  ["/", resolve(here)],
];
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".ts": "text/plain; charset=utf-8",
};

/**
 * What the page may load and where it may connect: only its own origin ("never uploaded" is
 * enforced by the browser, not just promised), WebAssembly compiled from its own module.
 * `web/index.html` carries the same policy in a `<meta>` line (without `frame-ancestors`,
 * which only a header can set), so the page is held to it when served by anything else.
 */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self' data:; style-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const security = {
  "Content-Security-Policy": CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

/** The file under `dir` a request path names, or null when it would leave `dir`. */
export function contained(dir, rest) {
  const file = resolve(join(dir, rest));
  const rel = relative(dir, file);
  // `relative` says ".." for a way out: a sibling such as `web-evil` is outside, though its
  // name starts with the folder's (a plain prefix test would let it in).
  if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) return file;
  return null;
}

async function handle(req, res, roots) {
  const url = new URL(req.url, "http://localhost");
  let path;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = null; // a malformed escape
  }
  if (path === null || path.includes("\0") || path.includes("\\")) {
    res.writeHead(400, { "Content-Type": "text/plain", ...security });
    res.end("bad path");
    return;
  }
  if (path.endsWith("/")) path += "index.html";
  for (const [prefix, dir] of roots) {
    if (!path.startsWith(prefix)) continue;
    const file = contained(dir, path.slice(prefix.length));
    if (file === null) break; // no way out of the served folders
    try {
      if (!(await stat(file)).isFile()) break;
      const body = await readFile(file);
      res.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-cache", ...security });
      res.end(body);
      return;
    } catch {
      break;
    }
  }
  res.writeHead(404, { "Content-Type": "text/plain", ...security });
  res.end("not found");
}

/**
 * Starts the server on a free port (or `port`); resolves to `{url, close}`. `roots` (tests)
 * replaces the `[prefix, folder]` pairs served.
 */
export function start(port = 0, roots = defaultRoots) {
  const served = roots.map(([prefix, dir]) => [prefix, resolve(dir)]);
  return new Promise((ok, fail) => {
    const server = createServer((req, res) => handle(req, res, served).catch(() => res.end()));
    server.on("error", fail);
    server.listen(port, "127.0.0.1", () => ok({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) }));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  start(port)
    .catch(() => start(0)) // the port is taken: any free one
    .then(({ url }) => console.log(`akscompute form: ${url}  (Ctrl+C to stop)`));
}
