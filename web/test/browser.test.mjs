// The real page in Debian's Chromium, driven by playwright-core: typing, messages beside
// fields, the vCPU total, TLS with an internal load balancer, the redacted preview, the
// keyboard path, offline use. Screenshots go to target/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { start } from "../serve.mjs";

const shots = new URL("../../target/screenshots/", import.meta.url);
mkdirSync(shots, { recursive: true });
const fixtures = new URL("../../core/tests/fixtures/", import.meta.url);
let server, browser, page;

before(async () => {
  server = await start();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
  page = await context.newPage();
  page.on("pageerror", (e) => assert.fail(`page error: ${e}`));
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]");
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const diag = (sel) => page.locator(`${sel} .d`).allInnerTexts();
async function fill(sel, text) {
  await page.fill(sel, "");
  await page.locator(sel).pressSequentially(text);
}

test("messages appear beside their field as the user types, with ARIA wiring", async () => {
  await fill("#f-name", "a_");
  let d = (await diag("#f-name-diag")).join(" ");
  assert.match(d, /NAME001/);
  assert.match(d, /NAME002/);
  assert.equal(await page.getAttribute("#f-name", "aria-invalid"), "true");
  assert.match(await page.getAttribute("#f-name", "aria-describedby"), /f-name-diag/);
  await fill("#f-name", "prod-aks");
  assert.deepEqual(await diag("#f-name-diag"), []);
  assert.equal(await page.getAttribute("#f-name", "aria-invalid"), null);
  assert.match(await page.textContent("#summary-text"), /It can be sent/);
});

test("the vCPU total follows node count and VM size", async () => {
  assert.match(await page.textContent("#capacity"), /3 × Standard_D3_v2 \(4 vCPUs\) = 12 vCPUs/);
  assert.equal(await page.isVisible("#v-name"), false, "the virtual network fields wait for their checkbox");
  assert.equal(await page.isVisible("#t-cname"), false, "the certificate fields wait for their choice");
  await fill("#f-count", "2");
  assert.match(await page.textContent("#capacity"), /2 × Standard_D3_v2 \(4 vCPUs\) = 8 vCPUs/);
  assert.match((await diag("#f-count-diag")).join(" "), /CAP003/);
  assert.match((await diag("#f-size-diag")).join(" "), /warning CAP001/i);
  await fill("#f-size", "Standard_NC12s_v3");
  assert.match(await page.textContent("#capacity"), /2 × Standard_NC12s_v3 \(12 vCPUs\) = 24 vCPUs in all, 4 GPUs/);
  await fill("#f-count", "3");
  await fill("#f-size", "Standard_D3_v2");
  assert.deepEqual(await diag("#f-count-diag"), []);
});

test("TLS with an internal load balancer is refused", async () => {
  await page.selectOption("#f-lbt", "InternalLoadBalancer");
  await page.check("input[name=tls][value=leaf]");
  await fill("#t-leaf", "contoso");
  assert.match((await page.locator("#ssl-diag .d, fieldset[data-path=ssl] > .diag .d").allInnerTexts()).join(" "), /TLS004/);
  assert.match(await page.textContent("#summary-text"), /1 error/);
  await page.screenshot({ path: new URL("form-tls-internal.png", shots).pathname, fullPage: true });
  await page.selectOption("#f-lbt", "");
  assert.match(await page.textContent("#summary-text"), /It can be sent/);
});

test("the preview redacts the certificate and key read from files", async () => {
  await page.check("input[name=tls][value=custom]");
  await fill("#t-cname", "www.contoso.com");
  await page.setInputFiles("#t-cert", new URL("ec_a.crt", fixtures).pathname);
  await page.setInputFiles("#t-key", new URL("ec_a.key", fixtures).pathname);
  await fill("#ws-sub", "00000000-0000-0000-0000-000000000000");
  await fill("#ws-rg", "ml-rg");
  await fill("#ws-name", "ml-ws");
  await fill("#ws-loc", "eastus");
  await page.waitForFunction(() => document.querySelector("#preview").textContent.includes("sslConfiguration"));
  const shown = await page.textContent("#preview");
  const keyLine = readFileSync(new URL("ec_a.key", fixtures), "utf8").split("\n")[1];
  const certLine = readFileSync(new URL("ec_a.crt", fixtures), "utf8").split("\n")[1];
  assert.ok(shown.includes('"key": "<redacted>"') && shown.includes('"cert": "<redacted>"'), shown);
  assert.ok(!shown.includes(keyLine) && !shown.includes(certLine), "no PEM text in the preview");
  assert.match(shown, /^\{\n  "method": "PUT",\n  "url": "https:\/\/management\.azure\.com\//);
  await page.click("#tab-template");
  assert.match(await page.textContent("#preview"), /securestring/);
  await page.click("#tab-az");
  const az = await page.textContent("#preview");
  assert.match(az, /^az ml computetarget create aks --name prod-aks/);
  assert.ok(!az.includes(keyLine));
  const html = await page.content();
  assert.ok(!html.includes(keyLine), "the key is nowhere in the page's HTML");
  await page.screenshot({ path: new URL("form-create.png", shots).pathname, fullPage: true });
  await page.click("#tab-request");
});

test("keyboard only: tab through the fields, switch preview tabs with arrows, copy", async () => {
  await page.focus("#f-name");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-purpose");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-count");
  await page.keyboard.type("1");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "f-size");
  assert.match(await page.textContent("#capacity"), /^1 × Standard_D3_v2/, "typing replaced the focused field's value");
  await page.fill("#f-count", "3");
  await page.focus("#tab-request");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-template");
  assert.equal(await page.getAttribute("#tab-template", "aria-selected"), "true");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.getAttribute("#tab-request", "aria-selected"), "true");
  await page.focus("#copy");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#copied").textContent.length > 0);
});

test("attach mode runs the preflight on pasted az output", async () => {
  await page.check("input[name=mode][value=attach]");
  assert.equal(await page.isVisible("#f-count"), false, "create-only fields hide");
  await fill("#f-rid", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/aks1");
  await page.click("details.attach-only summary, .attach-only details summary");
  const cluster = {
    id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/aks1",
    location: "westeurope", kubernetesVersion: "1.16.13",
    agentPoolProfiles: [{ name: "sys", count: 2, vmSize: "Standard_D2_v2", mode: "System" }],
    apiServerAccessProfile: { enablePrivateCluster: true, enablePrivateClusterPublicFQDN: true },
  };
  await page.fill("#f-cluster", JSON.stringify(cluster, null, 1));
  await page.fill("#f-versions", "KubernetesVersion    Upgrades\n-------------------  ----------\n1.17.9               None available\n1.16.13              1.17.9\n");
  await page.locator("#f-versions").dispatchEvent("input");
  const text = (await diag("#f-cluster-diag")).join(" ");
  for (const code of ["ATT006", "ATT009", "VER005", "ATT008"]) assert.match(text, new RegExp(code), `${code} in ${text}`);
  assert.match(await page.textContent("#cluster-capacity"), /2 nodes, 4 vCPUs/);
  await page.fill("#f-cluster", "{not json");
  assert.match((await diag("#f-cluster-diag")).join(" "), /not JSON/);
  await page.fill("#f-cluster", JSON.stringify(cluster));
  // The core tells JSON from table text (VersionList::from_input) and words the problem; the
  // page invents neither the guess nor a code.
  await page.fill("#f-versions", "  [not json");
  const bad = page.locator("#f-versions-diag .d");
  assert.equal(await bad.getAttribute("data-code"), "bad_value");
  assert.match(await bad.innerText(), /not valid JSON/);
  await page.fill("#f-versions", "KubernetesVersion    Upgrades\n1.17.9               None available\n");
  assert.match(await page.locator("#f-versions-diag .d").innerText(), /dashes/, "table text is the core's to read, too");
  await page.fill("#f-versions", "KubernetesVersion    Upgrades\n-------------------  ----------\n1.17.9               None available\n1.16.13              1.17.9\n");
  assert.deepEqual(await diag("#f-versions-diag"), []);
  await page.screenshot({ path: new URL("form-attach.png", shots).pathname, fullPage: true });
});

test("the sdk profile shows only what azureml-core checks", async () => {
  await page.selectOption("#profile", "sdk");
  const all = await page.locator(".d").allInnerTexts();
  assert.ok(all.every((t) => !/ATT006|VER005|OPS003/.test(t)), all.join("\n"));
  await page.selectOption("#profile", "2021-11");
});

test("messages come in the chosen language", async () => {
  await page.check("input[name=mode][value=create]");
  await fill("#f-name", "ab");
  await page.selectOption("#locale", "de");
  await page.waitForSelector("body[data-lang=de]");
  assert.match((await diag("#f-name-diag")).join(" "), /Der Computename "ab" ist 2 Zeichen lang/);
  // A pasted versions table the core cannot read: its problem in the form's language too.
  await page.check("input[name=mode][value=attach]");
  await page.fill("#f-versions", "KubernetesVersion    Upgrades\n1.17.9               None available\n");
  assert.match(await page.locator("#f-versions-diag .d").innerText(), /die zweite Zeile der Versionstabelle muss die Strichzeile/);
  await page.fill("#f-versions", "");
  await page.check("input[name=mode][value=create]");
  await page.selectOption("#locale", "en");
  await page.waitForSelector("body[data-lang=en]");
  assert.match((await diag("#f-name-diag")).join(" "), /The compute name "ab" is 2 characters long/);
});

test("it keeps working offline once loaded", async () => {
  await page.check("input[name=mode][value=create]");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.context().setOffline(true);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await fill("#f-name", "x");
  assert.match((await diag("#f-name-diag")).join(" "), /NAME001/);
  await page.context().setOffline(false);
});
