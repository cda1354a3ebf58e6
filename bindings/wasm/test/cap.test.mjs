// JSON text longer than the core reads (32 MiB: parsed, it would take ~10x that of the module's
// memory, and a large enough paste trapped it) is a bad_value AkscomputeError, in both modules,
// whichever way it crosses; the module then answers as before.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as main from "../pkg/node.js";
import * as form from "../pkg/form.js";

const pkg = new URL("../pkg/", import.meta.url);
form.initSync({ module: readFileSync(new URL("akscompute_form_bg.wasm", pkg)) }, readFileSync(new URL("messages/en.json", pkg), "utf8"));

const CAP = 32 * 1024 * 1024;
const huge = "x".repeat(33 * 1024 * 1024);
const thrown = (f) => {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("expected an AkscomputeError");
};
const tooBig = (e, what) => {
  assert.ok(e instanceof Error, String(e));
  assert.equal(e.name, "AkscomputeError");
  assert.equal(e.code, "bad_value", e.message);
  assert.equal(e.errors.length, 1);
  assert.deepEqual(e.errors[0].path, []);
  assert.equal(e.errors[0].kind, "bad_value");
  assert.match(e.errors[0].message, new RegExp(`^the ${what} is \\d+ bytes of text, over the limit of 32 MiB`));
  assert.ok(Number(/is (\d+) bytes/.exec(e.errors[0].message)[1]) > CAP);
  // The error names the size, never the text.
  assert.ok(e.message.length < 1000, `${e.message.length} characters`);
};

for (const [name, m] of [["main module", main], ["lean module", form]]) {
  test(`${name}: a 33 MiB configuration or context is a bad_value error, not a trap`, () => {
    const config = { name: "myaks", agent_count: 2 };
    const before = m.validateCreate(config, { profile: "2021-11" });
    tooBig(thrown(() => m.validateCreate({ name: huge })), "config");
    tooBig(thrown(() => m.validateAttach({ name: "a", resource_id: huge })), "config");
    tooBig(thrown(() => m.validateCreate(config, { profile: "2021-11", locale: huge })), "context");
    // An integer beyond 2^53 makes the text cross as a value parsed in the binding first.
    tooBig(thrown(() => m.validateCreate({ name: huge, agent_count: 2 ** 60 })), "config");
    tooBig(thrown(() => m.capacitySummary("create", { name: huge })), "config");
    // A certificate too large is refused for its size, in the lean module too (which otherwise
    // parses a configuration with one to refuse it).
    tooBig(thrown(() => m.validateCreate({ name: "myaks", ssl: { cert: huge } })), "config");
    const versions = thrown(() => m.parseKubernetesVersions(huge));
    assert.equal(versions.code, "bad_value");
    assert.match(versions.message, /^the versions text is \d+ bytes, over the limit of 32 MiB/);
    // The module still works, and answers as it did.
    assert.deepEqual(m.validateCreate(config, { profile: "2021-11" }), before);
    assert.deepEqual(m.validateCreate(config), m.validateCreate(config));
  });
}
