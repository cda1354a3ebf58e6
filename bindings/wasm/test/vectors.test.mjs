// The shared vectors (tests/vectors/), run through the built npm package in Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import * as aks from "../pkg/node.js";

const dir = new URL("../../../tests/vectors/", import.meta.url);
// Cases this runner skips, with the reason. Empty: JS runs them all.
const SKIP = new Map([]);

const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const validators = { create: aks.validateCreate, attach: aks.validateAttach, update: aks.validateUpdate, detach: aks.validateDetach };
const key = (d) => `${d.code}|${d.severity}|${JSON.stringify(d.path)}`;
const inScope = (only, code) => !only || only.some((p) => code.startsWith(p));

for (const f of files) {
  const doc = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
  if (!doc.cases) continue;
  test(`vectors ${f}`, () => {
    let ran = 0;
    for (const c of doc.cases) {
      const id = `${f}/${c.id}`;
      if (SKIP.has(id)) continue;
      for (const p of c.profiles ?? ["2021-11"]) {
        const ctx = { ...(c.context ?? {}) };
        if (!("profile" in ctx)) ctx.profile = p;
        const tag = `${id} [${p}]`;
        const run = () => validators[c.operation](c.config, ctx);
        if (c.expect_error) {
          assert.throws(run, (e) => {
            assert.ok(e instanceof Error, `${tag}: a real Error`);
            assert.equal(e.name, "AkscomputeError", tag);
            assert.equal(e.code, c.expect_error.kind, tag);
            const want = new Set(c.expect_error.paths.map((x) => JSON.stringify(x)));
            const got = new Set(e.errors.map((x) => JSON.stringify(x.path)));
            assert.deepEqual(got, want, tag);
            return true;
          });
          ran++;
          continue;
        }
        const v = run();
        if (typeof c.valid === "boolean") assert.equal(v.valid, c.valid, `${tag}: ${JSON.stringify(v.diagnostics[0])}`);
        if (c.first_message) assert.equal(v.diagnostics.find((d) => d.severity === "error")?.message, c.first_message, tag);
        if (c.expect) {
          const got = v.diagnostics.filter((d) => inScope(c.only, d.code)).map(key);
          const want = c.expect.map(key);
          if (c.ordered) assert.deepEqual(got, want, tag);
          else assert.deepEqual([...got].sort(), [...want].sort(), tag);
        }
        for (const d of v.diagnostics) {
          assert.equal(typeof d.message, "string", tag);
          assert.ok(d.params && typeof d.params === "object" && !(d.params instanceof Map), `${tag}: params is a plain object`);
        }
        ran++;
      }
    }
    assert.ok(ran > 0);
  });
}

test("request vectors", () => {
  const doc = JSON.parse(readFileSync(new URL("requests.json", dir), "utf8"));
  const builders = { create: aks.buildCreateRequest, attach: aks.buildAttachRequest, update: aks.buildUpdateRequest, detach: aks.buildDetachRequest };
  for (const c of doc.request_cases) {
    const ctx = { ...c.context, profile: c.profile ?? "2021-11" };
    const opts = { apiVersion: c.api_version ?? "2026-07-01", cloud: c.cloud ?? "public", includeSecrets: true };
    const run = () => builders[c.operation](c.config, ctx, opts);
    if (c.expect_request_error) {
      assert.throws(run, (e) => e.name === "AkscomputeError" && e.code === c.expect_request_error.kind && e.errors[0].path.join(".") === c.expect_request_error.field, c.id);
      continue;
    }
    const r = run();
    const want = c.expect_request;
    assert.equal(r.method, want.method, c.id);
    assert.equal(r.url, want.url, c.id);
    assert.deepEqual(r.headers, want.headers, c.id);
    assert.deepEqual(r.body, want.body, c.id);
    const shown = JSON.stringify(builders[c.operation](c.config, ctx, { ...opts, includeSecrets: false }));
    for (const f of c.expect_preview_redacts ?? []) {
      const secret = f.split(".").reduce((v, k) => v[k], c.config);
      assert.ok(!shown.includes(JSON.stringify(secret).slice(1, -1)), `${c.id}: the default request shows ${f}`);
    }
  }
});

test("every code is produced by some vector in JS too", () => {
  const produced = new Set();
  for (const f of files) {
    const doc = JSON.parse(readFileSync(new URL(f, dir), "utf8"));
    for (const c of doc.cases ?? []) {
      if (c.expect_error) continue;
      for (const p of c.profiles ?? ["2021-11"]) {
        const v = validators[c.operation](c.config, { ...(c.context ?? {}), profile: c.context?.profile ?? p });
        v.diagnostics.forEach((d) => produced.add(d.code));
      }
    }
  }
  const missing = aks.ruleCodes().map((r) => r.code).filter((c) => !produced.has(c));
  assert.deepEqual(missing, []);
});
