// The form's two modules in Chromium: the page starts on the lean module alone; the first
// certificate or key loads the main one, which then reads it (TLS007) in the language chosen
// before it was loaded (the table fetched on demand is handed over).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { start } from "../serve.mjs";

const fixtures = new URL("../../core/tests/fixtures/", import.meta.url);
let server, browser, page;
const fetched = [];

before(async () => {
  server = await start();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // No service worker: every module the page asks for is seen here.
  const context = await browser.newContext({ serviceWorkers: "block", locale: "en-US" });
  page = await context.newPage();
  page.on("pageerror", (e) => assert.fail(`page error: ${e}`));
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]");
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const wasm = () => fetched.filter((p) => p.endsWith(".wasm"));

test("the page starts on the lean module only, and validates with it", async () => {
  assert.deepEqual(wasm(), ["/pkg/akscompute_form_bg.wasm"]);
  await page.fill("#f-name", "a_");
  await page.locator("#f-name").dispatchEvent("input");
  assert.match((await page.locator("#f-name-diag .d").allInnerTexts()).join(" "), /NAME002/);
  assert.match(await page.textContent("#preview"), /"method": "PUT"|Not yet/);
  assert.equal(await page.evaluate(async () => (await import("/pkg/form.js")).fullLoaded()), false);
  assert.deepEqual(wasm(), ["/pkg/akscompute_form_bg.wasm"], "typing and the preview need no second module");
});

test("a certificate loads the main module, which reads it in the language chosen before", async () => {
  await page.selectOption("#locale", "nl");
  await page.waitForSelector("body[data-lang=nl]");
  await page.fill("#f-name", "prod-aks");
  await page.check("input[name=tls][value=custom]");
  await page.fill("#t-cname", "www.contoso.com");
  await page.setInputFiles("#t-cert", new URL("ec_a.crt", fixtures).pathname);
  await page.setInputFiles("#t-key", new URL("ec_b_pkcs8.key", fixtures).pathname);
  await page.waitForFunction(() => document.querySelector("[data-code=TLS007]"));
  assert.deepEqual(wasm(), ["/pkg/akscompute_form_bg.wasm", "/pkg/akscompute_bg.wasm"]);
  assert.equal(fetched.filter((p) => p === "/pkg/messages/nl.json").length, 1, "the table was fetched once, for both modules");
  const nl = JSON.parse(readFileSync(new URL("../../bindings/wasm/pkg/messages/nl.json", import.meta.url), "utf8"));
  const texts = await page.locator("[data-code=TLS007]").allInnerTexts();
  assert.ok(texts.some((t) => t.includes(nl["TLS007.key_mismatch"].message)), `in Dutch: ${texts.join(" | ")}`);
});
