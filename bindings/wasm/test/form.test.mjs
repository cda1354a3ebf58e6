// akscompute/form: the lean module answers every shared vector as the main module does, refuses
// (never half-validates) a certificate or key until the main module is loaded, leaves the
// request builders and exports to the main module, and hands the message tables registered
// before over to it. It holds no English either: until its table is registered every diagnostic
// keeps its code and says its rule's title.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import * as main from "../pkg/node.js";
import * as form from "../pkg/form.js";
import * as lean from "../pkg/akscompute_form.js";

const pkg = new URL("../pkg/", import.meta.url);
const dir = new URL("../../../tests/vectors/", import.meta.url);
form.initSync({ module: readFileSync(new URL("akscompute_form_bg.wasm", pkg)) });

const ops = { create: "validateCreate", attach: "validateAttach", update: "validateUpdate", detach: "validateDetach" };
const cases = [];
for (const f of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
  const doc = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
  for (const c of doc.cases ?? []) {
    for (const p of c.profiles ?? ["2021-11"]) cases.push({ id: `${f}/${c.id} [${p}]`, op: ops[c.operation], config: c.config, ctx: { profile: p, ...(c.context ?? {}) } });
  }
}
const pem = (cfg) => ["cert", "key"].some((k) => typeof cfg?.ssl?.[k] === "string" && cfg.ssl[k].trim() !== "");
const answer = (m, c) => {
  try {
    return { ok: m[c.op](c.config, c.ctx) };
  } catch (e) {
    return { error: { name: e.name, code: e.code, errors: e.errors, message: e.message } };
  }
};

test("without the English table: every code as the main module's, each message its rule's title, and why", async () => {
  const err = form.englishError();
  assert.ok(err instanceof Error && /not loaded/.test(err.message), String(err));
  const titles = new Map(form.ruleCodes().map((r) => [r.code, r.title]));
  const c = { op: "validateCreate", config: { name: "a_", agent_count: 2, vm_size: "Standard_D3_v2" }, ctx: { profile: "2021-11" } };
  const got = answer(form, c).ok.diagnostics;
  assert.deepEqual(got.map((d) => d.code), answer(main, c).ok.diagnostics.map((d) => d.code));
  assert.ok(got.length > 1);
  for (const d of got) assert.equal(d.message, titles.get(d.code), d.code);
  await assert.rejects(form.loadEnglish("http://127.0.0.1:9/messages/en.json"));
  assert.ok(form.englishError() instanceof Error, "a failed fetch is said");
  await assert.rejects(form.loadEnglish(42), /english: give the URL/);
  await form.loadEnglish(JSON.parse(readFileSync(new URL("messages/en.json", pkg), "utf8")));
  assert.equal(form.englishError(), null);
  assert.deepEqual(answer(form, c), answer(main, c));
});

test("the module is the lean one, and much smaller", () => {
  const leanBytes = readFileSync(new URL("akscompute_form_bg.wasm", pkg)).length;
  const full = readFileSync(new URL("akscompute_bg.wasm", pkg)).length;
  assert.ok(leanBytes < full * 0.9, `${leanBytes} bytes against ${full}`);
  assert.equal(form.fullLoaded(), false);
});

test("before loadFull: every vector without PEM text gets the main module's answer; with it, unsupported", () => {
  // Some vectors speak another language (seeds.json): the lean module gets the tables of those,
  // as a page registers the table of the language in use (the main module has them built in).
  const langs = new Set(cases.map((c) => c.ctx.locale).filter((l) => typeof l === "string").map((l) => l.split(/[-_.@]/)[0].toLowerCase()));
  for (const lang of langs) {
    const table = new URL(`messages/${lang}.json`, pkg);
    if (lang !== "en" && existsSync(table)) assert.ok(form.localeChrome(lang, readFileSync(table, "utf8"), 0, 0, 0).locales.includes(lang));
  }
  const withPem = cases.filter((c) => pem(c.config));
  assert.ok(withPem.length > 0 && withPem.length < cases.length);
  for (const c of cases) {
    const got = answer(form, c);
    if (pem(c.config)) {
      assert.equal(got.error?.code, "unsupported", c.id);
      assert.ok(got.error.errors.every((e) => e.path[0] === "ssl"), c.id);
      assert.match(got.error.message, /loadFull/, c.id);
    } else {
      assert.deepEqual(got, answer(main, c), c.id);
    }
  }
  assert.equal(form.fullLoaded(), false, "no case without PEM text loads the main module");
});

const requestCases = JSON.parse(readFileSync(new URL("requests.json", dir), "utf8")).request_cases;
const builders = { create: "buildCreateRequest", attach: "buildAttachRequest", update: "buildUpdateRequest", detach: "buildDetachRequest" };
/** Every request builder and export call of the shared request vectors, as [name, ...args]. */
const buildCalls = requestCases.flatMap((c) => {
  const ctx = { ...c.context, profile: c.profile ?? "2021-11" };
  const opts = { apiVersion: c.api_version ?? "2026-07-01", cloud: c.cloud ?? "public", includeSecrets: true };
  const calls = [[c.id, builders[c.operation], c.config, ctx, opts], [c.id, "azCommand", c.operation, c.config, ctx]];
  if (c.operation === "create" || c.operation === "attach") calls.push([c.id, "armTemplate", c.operation, c.config, ctx]);
  return calls;
});
const run = (m, name, ...args) => {
  try {
    return m[name](...args);
  } catch (e) {
    return { name: e.name, code: e.code, errors: e.errors };
  }
};

test("the lean module has no request builder or export: before loadFull each is unsupported", () => {
  for (const name of [...Object.values(builders), "armTemplate", "azCommand"]) assert.equal(lean[name], undefined, name);
  for (const [id, name, ...args] of buildCalls) {
    let thrown;
    try {
      form[name](...args);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof Error && form.isAkscomputeError(thrown), `${id} ${name}`);
    assert.equal(thrown.code, "unsupported", `${id} ${name}`);
    assert.match(thrown.message, new RegExp(`^${name} .*loadFull`), `${id} ${name}`);
    assert.deepEqual(thrown.errors, [{ kind: "unsupported", path: [], message: thrown.message }]);
  }
  assert.equal(form.fullLoaded(), false, "a build does not load the main module behind the caller's back");
});

test("a table registered before loadFull reaches the main module", async () => {
  const nl = readFileSync(new URL("messages/nl.json", pkg), "utf8");
  assert.equal(form.localeChrome("nl", nl, 2, 0, 0).language, "nl");
  await form.loadFull();
  assert.equal(form.fullLoaded(), true);
  const c = { op: "validateCreate", config: { name: "x", ssl: { cert: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" } }, ctx: { locale: "nl" } };
  assert.deepEqual(answer(form, c), answer(main, c));
  assert.equal(form.localeChrome("nl", undefined, 2, 0, 0).summary, main.localeChrome("nl", undefined, 2, 0, 0).summary);
});

test("after loadFull: every vector gets the main module's answer", () => {
  for (const c of cases) assert.deepEqual(answer(form, c), answer(main, c), c.id);
});

test("after loadFull: every request builder and export answers as the main module's", () => {
  for (const [id, name, ...args] of buildCalls) assert.deepEqual(run(form, name, ...args), run(main, name, ...args), `${id} ${name}`);
});
