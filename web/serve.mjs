// Serves the form on 127.0.0.1: web/ at /, the built package at /pkg/. Used by `make demo`
// and by the browser tests (which import `start`).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const roots = [
  ["/pkg/", resolve(here, "../bindings/wasm/pkg")],
  ["/", here],
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

async function handle(req, res) {
  const url = new URL(req.url, "http://localhost");
  let path = decodeURIComponent(url.pathname);
  if (path.endsWith("/")) path += "index.html";
  for (const [prefix, dir] of roots) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) break; // no way out of the served folders
    try {
      if (!(await stat(file)).isFile()) break;
      const body = await readFile(file);
      res.writeHead(200, { "Content-Type": types[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-cache" });
      res.end(body);
      return;
    } catch {
      break;
    }
  }
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("not found");
}

/** Starts the server on a free port (or `port`); resolves to `{url, close}`. */
export function start(port = 0) {
  return new Promise((ok, fail) => {
    const server = createServer((req, res) => handle(req, res).catch(() => res.end()));
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
