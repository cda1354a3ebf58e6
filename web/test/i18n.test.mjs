// The form in every language, in Debian's Chromium: the first visit follows navigator.languages,
// the choice is switchable and remembered, only the language in use is fetched, every label,
// hint, placeholder, button and tab is translated and fits its box, and the core's diagnostics
// and summary come in the same language. A screenshot per language goes to target/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { chromium } from "playwright-core";
import { start } from "../serve.mjs";

const shots = new URL("../../target/screenshots/", import.meta.url);
mkdirSync(shots, { recursive: true });
const i18n = new URL("../i18n/", import.meta.url);
const LANGS = ["nl", "cs", "de", "tr", "it"];
let server, browser;

before(async () => {
  server = await start();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The English texts: index.html's data-i18n elements and attributes, and app.js's EN table. */
function englishKeys() {
  const html = readFileSync(new URL("../index.html", import.meta.url), "utf8");
  const keys = new Set([...html.matchAll(/data-i18n(?:-placeholder|-aria-label)?="([^"]+)"/g)].map((m) => m[1]));
  const app = readFileSync(new URL("../app.js", import.meta.url), "utf8");
  const block = app.match(/const EN = (\{[\s\S]*?\n\});/);
  assert.ok(block, "app.js has its EN table");
  const en = Function(`return ${block[1]}`)();
  for (const k of Object.keys(en)) keys.add(k);
  return { keys, en };
}

/** Texts a language keeps as English has them: product names, file names, a protocol. */
const SAME = new Set(["tls", "tls.cert", "lb.type", "vnet.subnet", "compute", "lb", "nodes.vm_size", "h1.sub", "gpus.one", "gpus.other", "vcpus.one", "vcpus.other", "pools.one", "pools.other", "tls.key"]);

test("every page table has every English key, the plural forms of its language, and no English left", () => {
  const { keys, en } = englishKeys();
  const files = readdirSync(i18n).filter((f) => f.endsWith(".json")).map((f) => f.replace(".json", "")).sort();
  assert.deepEqual(files, [...LANGS].sort(), "a table per language of the select");
  for (const lang of LANGS) {
    const t = JSON.parse(readFileSync(new URL(`${lang}.json`, i18n), "utf8"));
    const cats = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const want = new Set();
    for (const k of keys) {
      const m = k.match(/^(.*)\.(one|other)$/);
      if (m && `${m[1]}.other` in en) for (const c of cats) want.add(`${m[1]}.${c}`);
      else want.add(k);
    }
    assert.deepEqual(Object.keys(t).sort(), [...want].sort(), `${lang}: keys`);
    for (const [k, v] of Object.entries(t)) {
      const holes = (s) => [...(s ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const base = k.replace(/\.(zero|one|two|few|many|other)$/, "");
      const english = en[k] ?? en[`${base}.other`] ?? (k.startsWith("attach.") || !(k in en) ? null : en[k]);
      if (english !== null && english !== undefined) assert.deepEqual(holes(v), holes(english), `${lang}.${k} placeholders`);
      if (en[k] !== undefined && !SAME.has(k)) assert.notEqual(v, en[k], `${lang}.${k} is the English text`);
    }
  }
});

/** Elements whose text runs out of their box (or of the page). */
async function overflowing(page) {
  return page.evaluate(() => {
    const bad = [];
    const canvas = document.createElement("canvas").getContext("2d");
    for (const el of document.querySelectorAll("label, legend, button, [role=tab], summary, h1, h2, p, span, option, select, input[placeholder]")) {
      if (el.closest("[hidden]") || el.closest("datalist")) continue;
      if (el.tagName === "SELECT" || (el.tagName === "INPUT" && el.placeholder)) {
        // A select shows its chosen option, an input its placeholder: the text must fit the box.
        const style = getComputedStyle(el);
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = el.tagName === "SELECT" ? el.selectedOptions[0]?.textContent ?? "" : el.placeholder;
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - (el.tagName === "SELECT" ? 16 : 0);
        if (canvas.measureText(text).width > room + 1) bad.push(`${el.id || el.tagName}: "${text}"`);
        continue;
      }
      if (el.tagName === "OPTION") continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") bad.push(`${el.tagName}#${el.id}: ${el.textContent.slice(0, 40)}`);
      if (r.right > document.documentElement.clientWidth + 1) bad.push(`${el.tagName}#${el.id} past the page: ${el.textContent.slice(0, 40)}`);
    }
    return bad;
  });
}

const SAMPLES = {
  nl: { title: /AKS-deductierekendoel/, name: /De naam van het rekendoel "ab" is 2 tekens lang/, summary: /^1 fout, /, label: "fout" },
  cs: { title: /Výpočetní cíl AKS/, name: /Název výpočetního cíle "ab" má 2 znaky/, summary: /^1 chyba, /, label: "chyba" },
  de: { title: /AKS-Rückschlusscompute/, name: /Der Computename "ab" ist 2 Zeichen lang/, summary: /^1 Fehler, /, label: "Fehler" },
  tr: { title: /AKS çıkarım işlem hedefi/, name: /"ab" işlem hedefi adı 2 karakter uzunluğunda/, summary: /^1 hata, /, label: "hata" },
  it: { title: /Destinazione di calcolo AKS/, name: /Il nome della destinazione di calcolo "ab" ha 2 caratteri/, summary: /^1 errore, /, label: "errore" },
};

for (const lang of LANGS) {
  test(`the form in ${lang}: first visit from navigator.languages, core messages, nothing overflows`, async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1100 }, locale: `${lang}-${lang === "cs" ? "CZ" : lang.toUpperCase()}` });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const fetched = [];
    page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(server.url);
    await page.waitForSelector("body[data-ready=true]");
    assert.equal(await page.getAttribute("html", "lang"), lang);
    assert.match(await page.title(), SAMPLES[lang].title);
    assert.equal(await page.inputValue("#locale"), lang);
    // Only the language in use is fetched: its page texts and its core table, no other (and the
    // core's English, every table's fallback, which the lean module fetches with itself).
    const tables = fetched.filter((p) => p.includes("/i18n/") || p.includes("/messages/"));
    assert.deepEqual(tables.sort(), [`/i18n/${lang}.json`, `/pkg/messages/${lang}.json`, "/pkg/messages/en.json"].sort());
    await page.fill("#f-name", "ab");
    await page.dispatchEvent("#f-name", "input");
    const d = (await page.locator("#f-name-diag .d").allInnerTexts()).join(" ");
    assert.match(d, SAMPLES[lang].name);
    assert.ok(d.toLocaleLowerCase(lang).startsWith(SAMPLES[lang].label.toLocaleLowerCase(lang)), `the label is the language's: ${d}`);
    assert.match(await page.textContent("#summary-text"), SAMPLES[lang].summary);
    // Every piece of English the page itself writes is replaced (product names aside).
    const { en } = englishKeys();
    const visible = await page.locator("body").innerText();
    for (const k of ["lede", "operation.create", "compute.name", "nodes.count", "preview.redacted", "footer"]) {
      assert.ok(!visible.includes(en[k]), `${lang}: "${en[k]}" is still English`);
    }
    await page.check("input[name=tls][value=custom]");
    await page.check("#vnet-on");
    await page.screenshot({ path: new URL(`i18n-${lang}.png`, shots).pathname, fullPage: true });
    assert.deepEqual(await overflowing(page), [], `${lang}: text fits its boxes`);
    await page.check("input[name=mode][value=attach]");
    await page.locator("details summary").click();
    await page.screenshot({ path: new URL(`i18n-${lang}-attach.png`, shots).pathname, fullPage: true });
    assert.deepEqual(await overflowing(page), [], `${lang} (attach): text fits its boxes`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the language is switchable, remembered, and an unknown one is English, said once", async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1100 }, locale: "pt-BR" });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.match(await page.textContent("#locale-notice"), /"pt-BR".*English/);
  await page.selectOption("#locale", "cs");
  await page.waitForSelector("body[data-lang=cs]");
  assert.equal(await page.getAttribute("html", "lang"), "cs");
  await page.fill("#f-count", "2");
  await page.dispatchEvent("#f-count", "input");
  assert.match(await page.textContent("#capacity"), /^2 × Standard_D3_v2 \(po 4 vCPU\) = celkem 8 vCPU/);
  assert.match((await page.locator("#f-count-diag .d").allInnerTexts()).join(" "), /tento má 2 uzly/);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.inputValue("#locale"), "cs", "the choice is remembered");
  assert.equal(await page.textContent("#locale-notice"), "", "the notice is for a first visit only");
  await page.selectOption("#locale", "en");
  await page.waitForSelector("body[data-lang=en]");
  assert.equal(await page.textContent("legend[data-i18n=workspace]"), "Workspace", "back to English without a fetch");
  await context.close();
});
