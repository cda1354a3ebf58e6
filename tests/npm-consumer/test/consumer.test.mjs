// The packed npm package, installed into this project from its tarball (see the Makefile's
// test-npm-consumer), used the ways its users use it: Node ESM, TypeScript, an esbuild bundle
// in Chromium, and Chromium with no bundler at all.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = fileURLToPath(new URL("..", import.meta.url));
const installed = join(here, "node_modules", "akscompute");
let browser;

const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };
function serve(dir) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if (path !== root && !path.startsWith(root + sep)) return res.writeHead(403).end();
    try {
      const body = readFileSync(path);
      res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

async function open(url) {
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 }).catch(() => {});
  const result = await page.evaluate(() => window.result ?? null);
  return { result, errors };
}

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => browser?.close());

test("the tarball has what the package needs and its metadata", () => {
  const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  assert.equal(pkg.license, "MIT");
  assert.ok(pkg.engines?.node, "engines.node");
  assert.ok(pkg.homepage, "homepage");
  for (const f of ["akscompute.js", "akscompute.d.ts", "akscompute_bg.wasm", "form.js", "form.d.ts", "akscompute_form.js", "akscompute_form_bg.wasm", "node.js", "node.d.ts", "README.md", "LICENSE"]) {
    assert.ok(readFileSync(join(installed, f)).length > 0, f);
  }
  const dts = readFileSync(join(installed, "akscompute.d.ts"), "utf8");
  assert.match(dts, /export type RuleCode =[^;]*"CAP003"/, "Diagnostic.code is the union of the registry's codes");
  assert.match(dts, /code: RuleCode;/);
});

test("Node ESM: the README's snippet as written (default init, named exports)", async () => {
  const { default: init, validateCreate, isAkscomputeError } = await import("akscompute");
  await init();
  const v = validateCreate({ name: "prod-aks", agent_count: 2 }, { profile: "2021-11" });
  assert.equal(v.valid, false);
  assert.equal(v.diagnostics.find((d) => d.severity === "error").code, "CAP003");
  assert.throws(() => validateCreate({ name: "prod-aks", vm_sise: "x" }), (e) => isAkscomputeError(e) && e.code === "unknown_field");
});

test("TypeScript: the types resolve through the exports map and catch a wrong code", () => {
  const tsc = join(here, "node_modules", "typescript", "bin", "tsc");
  execFileSync(process.execPath, [tsc, "-p", join(here, "tsconfig.json")], { stdio: "pipe" });
  let failed = "";
  try {
    execFileSync(process.execPath, [tsc, "-p", join(here, "tsconfig.bad.json")], { stdio: "pipe" });
  } catch (e) {
    failed = String(e.stdout);
  }
  assert.match(failed, /NOPE999/, "a code outside the registry is a type error");
});

test("an esbuild bundle of the package runs in Chromium", async () => {
  const { build } = await import("esbuild");
  const out = join(here, "dist");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(here, "src", "app.js")],
    bundle: true,
    format: "esm",
    platform: "browser",
    outdir: out,
    loader: { ".wasm": "file" },
    logLevel: "silent",
  });
  cpSync(join(here, "src", "index.html"), join(out, "index.html"));
  const server = await serve(out);
  try {
    const { result, errors } = await open(`http://127.0.0.1:${server.address().port}/index.html`);
    assert.deepEqual(errors, []);
    assert.equal(result?.valid, false);
    assert.equal(result.first, "CAP003");
    assert.equal(result.misuse, "unknown_field");
    assert.ok(result.rules > 50);
  } finally {
    server.close();
  }
});

test("akscompute/form in an esbuild bundle: lean first, the main module loaded for a certificate or a request", async () => {
  const { build } = await import("esbuild");
  const out = join(here, "dist-form");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [join(here, "src", "form-app.js")],
    bundle: true,
    format: "esm",
    platform: "browser",
    outdir: out,
    // The English table is an asset the form fetches, as the modules are.
    loader: { ".wasm": "file", ".json": "file" },
    logLevel: "silent",
  });
  cpSync(join(here, "src", "form.html"), join(out, "form.html"));
  const server = await serve(out);
  try {
    const { result, errors } = await open(`http://127.0.0.1:${server.address().port}/form.html`);
    assert.deepEqual(errors, []);
    assert.deepEqual(result, { first: "CAP003", english: true, before: "unsupported", requestBefore: "unsupported", loadedEarly: false, after: true, requestAfter: "PUT" });
  } finally {
    server.close();
  }
});

test("Chromium directly: an import map to the installed package, no bundler", async () => {
  const server = await serve(here);
  try {
    const { result, errors } = await open(`http://127.0.0.1:${server.address().port}/src/direct.html`);
    assert.deepEqual(errors, []);
    assert.deepEqual(result, { valid: false, first: "CAP003" });
  } finally {
    server.close();
  }
});
