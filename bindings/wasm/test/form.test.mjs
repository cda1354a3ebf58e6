// akscompute/form: the lean module answers every shared vector as the main module does, refuses
// (never half-validates) a certificate or key until the main module is loaded, and hands the
// message tables registered before over to it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import * as main from "../pkg/node.js";
import * as form from "../pkg/form.js";

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

test("the module is the lean one, and much smaller", () => {
  const lean = readFileSync(new URL("akscompute_form_bg.wasm", pkg)).length;
  const full = readFileSync(new URL("akscompute_bg.wasm", pkg)).length;
  assert.ok(lean < full * 0.9, `${lean} bytes against ${full}`);
  assert.equal(form.fullLoaded(), false);
});

test("before loadFull: every vector without PEM text gets the main module's answer; with it, unsupported", () => {
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

test("before loadFull: the request builders and exports need no second module, certificates included", () => {
  const doc = JSON.parse(readFileSync(new URL("requests.json", dir), "utf8"));
  const builders = { create: "buildCreateRequest", attach: "buildAttachRequest", update: "buildUpdateRequest", detach: "buildDetachRequest" };
  for (const c of doc.request_cases) {
    const ctx = { ...c.context, profile: c.profile ?? "2021-11" };
    const opts = { apiVersion: c.api_version ?? "2026-07-01", cloud: c.cloud ?? "public", includeSecrets: true };
    const run = (m, name, ...args) => {
      try {
        return m[name](...args);
      } catch (e) {
        return { code: e.code, errors: e.errors };
      }
    };
    assert.deepEqual(run(form, builders[c.operation], c.config, ctx, opts), run(main, builders[c.operation], c.config, ctx, opts), c.id);
    if (c.operation === "create" || c.operation === "attach") {
      assert.deepEqual(run(form, "armTemplate", c.operation, c.config, ctx), run(main, "armTemplate", c.operation, c.config, ctx), c.id);
    }
    assert.deepEqual(run(form, "azCommand", c.operation, c.config, ctx), run(main, "azCommand", c.operation, c.config, ctx), c.id);
  }
  assert.equal(form.fullLoaded(), false);
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
