// The last context read is kept, keyed by its exact JSON text (a form re-sends the same context
// on every keystroke): a context changed in any way, in place or as a new object, is read again,
// and a kept context answers as a fresh one does, its problems and its language included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as main from "../pkg/node.js";
import * as form from "../pkg/form.js";

const pkg = new URL("../pkg/", import.meta.url);
form.initSync({ module: readFileSync(new URL("akscompute_form_bg.wasm", pkg)) }, readFileSync(new URL("messages/en.json", pkg), "utf8"));

const id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1";
const config = { name: "myaks", resource_id: id };
const context = () => ({
  profile: "2021-11",
  workspace: { subscription_id: "00000000-0000-0000-0000-000000000000", resource_group: "rg", name: "ws", location: "eastus" },
  kubernetes_versions: "KubernetesVersion    Upgrades\n-------------------  ----------\n1.22.4               None available\n",
  cluster: { id, location: "eastus", kubernetesVersion: "1.22.4", agentPoolProfiles: [{ name: "sys", count: 3, vmSize: "Standard_D4s_v3", mode: "System" }] },
});
const codes = (v) => v.diagnostics.map((d) => d.code);
const thrown = (f) => {
  try {
    f();
  } catch (e) {
    return { code: e.code, message: e.message, errors: e.errors };
  }
  assert.fail("expected an AkscomputeError");
};

for (const [name, m] of [["main module", main], ["lean module", form]]) {
  test(`${name}: a context changed in place is read again, and changed back answers as before`, () => {
    const ctx = context();
    const before = m.validateAttach(config, ctx);
    assert.deepEqual(codes(before), ["OPS003"]);
    ctx.cluster.agentPoolProfiles[0].count = 1; // the same object, one number changed
    assert.deepEqual(codes(m.validateAttach(config, ctx)), ["ATT009", "ATT009", "OPS003"]);
    ctx.cluster.location = "westus";
    assert.deepEqual(codes(m.validateAttach(config, ctx)), ["ATT008", "ATT009", "ATT009", "OPS003"]);
    ctx.cluster.agentPoolProfiles[0].count = 3;
    ctx.cluster.location = "eastus";
    assert.deepEqual(m.validateAttach(config, ctx), before);
    // A new object with the same content answers as the kept one; a context without the
    // versions table is read as such (VER002), and so is the full one after it.
    assert.deepEqual(m.validateAttach(config, context()), before);
    assert.ok(codes(m.validateAttach(config, { ...context(), kubernetes_versions: undefined })).includes("VER002"));
    assert.deepEqual(m.validateAttach(config, context()), before);
  });

  test(`${name}: a kept context with problems throws the same error every time, alone or with the config's`, () => {
    const bad = { ...context(), bogus: 1 };
    const alone = thrown(() => m.validateAttach(config, bad));
    assert.equal(alone.code, "unknown_field");
    assert.deepEqual(alone.errors.map((e) => e.path), [["bogus"]]);
    assert.deepEqual(thrown(() => m.validateAttach(config, bad)), alone);
    const both = thrown(() => m.validateAttach({ ...config, zz: 1 }, bad));
    assert.deepEqual(both.errors.map((e) => e.path), [["zz"], ["context", "bogus"]]);
    assert.deepEqual(thrown(() => m.validateAttach(config, bad)), alone);
    // And the next good context is read, not the bad one kept.
    assert.deepEqual(codes(m.validateAttach(config, context())), ["OPS003"]);
  });
}

test("a kept context speaks a language registered after it was read", () => {
  const ctx = { ...context(), locale: "nl" };
  const english = form.validateAttach(config, ctx).diagnostics[0].message;
  const nl = readFileSync(new URL("messages/nl.json", pkg), "utf8");
  form.localeChrome("nl", nl, 0, 0, 0);
  const dutch = form.validateAttach(config, ctx).diagnostics[0].message;
  assert.notEqual(dutch, english);
  assert.equal(dutch, main.validateAttach(config, ctx).diagnostics[0].message);
});

test("the two modules keep their own last context, though they share the glue's snippet", () => {
  const a = context();
  const b = context();
  b.cluster.location = "westus";
  const ra = codes(main.validateAttach(config, a));
  const rb = codes(main.validateAttach(config, b));
  assert.notDeepEqual(ra, rb);
  const calls = [[main, a, ra], [form, b, rb], [main, a, ra], [form, a, ra], [main, b, rb], [form, b, rb], [form, b, rb], [main, b, rb], [form, a, ra]];
  for (const [m, ctx, want] of calls) assert.deepEqual(codes(m.validateAttach(config, ctx)), want);
});

test("a context that cannot cross, or crosses as a value, leaves the kept one right", () => {
  const a = context();
  const b = context();
  b.cluster.location = "westus";
  const ra = codes(form.validateAttach(config, a));
  const rb = codes(form.validateAttach(config, b));
  // Refused before anything is read: the next call with b's text is still b's answer, and a's is read.
  assert.equal(thrown(() => form.validateAttach(config, { ...b, now: () => 1 })).code, "wrong_type");
  assert.deepEqual(codes(form.validateAttach(config, b)), rb);
  assert.equal(thrown(() => form.validateAttach(config, { ...a, now: Symbol("x") })).code, "wrong_type");
  assert.deepEqual(codes(form.validateAttach(config, a)), ra);
  // An integer beyond 2^53 crosses as a value, its text written by the module: kept by that text.
  const big = context();
  big.cluster.agentPoolProfiles[0].count = 2 ** 60;
  const rbig = form.validateAttach(config, big);
  assert.deepEqual(form.validateAttach(config, big), rbig);
  assert.deepEqual(codes(form.validateAttach(config, a)), ra);
  assert.deepEqual(form.validateAttach(config, big), rbig);
  assert.deepEqual(codes(form.validateAttach(config, b)), rb);
});

// The glue compares a context with the copy it made last time and shares that copy's unchanged
// parts: every kind of change (an entry added, dropped, reordered, an element of a list, a key
// only the prototype has) must still reach the module, and each property is still read once.
for (const [name, m] of [["main module", main], ["lean module", form]]) {
  test(`${name}: a context changed anywhere beside parts kept unchanged is read again`, () => {
    const ctx = context();
    // The answer of a fresh read: another context first, so that this one is read anew.
    const fresh = (c) => {
      m.validateAttach(config, { profile: "2021-11" });
      return m.validateAttach(config, structuredClone(c));
    };
    const same = () => {
      const kept = m.validateAttach(config, ctx);
      assert.deepEqual(kept, fresh(ctx));
      return kept;
    };
    const first = same();
    // Each change is seen (its answer differs from the first), then undone or built on.
    ctx.cluster.agentPoolProfiles.push({ name: "user", count: 1, vmSize: "Standard_D2s_v3", mode: "User" });
    same();
    ctx.cluster.agentPoolProfiles.pop();
    assert.deepEqual(same(), first);
    ctx.cluster.agentPoolProfiles[0] = { ...ctx.cluster.agentPoolProfiles[0], count: 2 };
    assert.notDeepEqual(same(), first);
    ctx.cluster.agentPoolProfiles[0].count = 3;
    delete ctx.cluster.location;
    same();
    ctx.cluster.location = "westus"; // now the last key, not where it was
    assert.notDeepEqual(same(), first);
    ctx.cluster.location = "eastus";
    assert.deepEqual(same(), first);
    ctx.workspace = { location: "westus", ...ctx.workspace }; // the same entries in another order
    assert.deepEqual(same(), first);
    ctx.cluster.agentPoolProfiles[0].count = undefined; // left out, as JSON does
    assert.notDeepEqual(same(), first);
    ctx.cluster.agentPoolProfiles[0].count = 3;
    ctx.cluster.constructor = undefined; // a key the prototype of the last copy has, left out
    assert.deepEqual(same(), first);
    ctx.workspace.toString = "x"; // a key the prototype has, now given
    assert.deepEqual(thrown(() => m.validateAttach(config, ctx)).errors.map((e) => e.path), [["workspace", "toString"]]);
    delete ctx.workspace.toString;
    delete ctx.cluster.constructor;
    assert.deepEqual(same(), first);
  });

  test(`${name}: a context sent again unchanged still has each property read once`, () => {
    let reads = 0;
    const ctx = context();
    Object.defineProperty(ctx.cluster, "location", { enumerable: true, get: () => (reads++, "eastus") });
    const first = m.validateAttach(config, ctx);
    assert.equal(reads, 1);
    assert.deepEqual(m.validateAttach(config, ctx), first);
    assert.equal(reads, 2);
  });
}

// A context changed in an entry or two since the last call crosses as those entries alone
// (the workspace's as its own changed entries), read into the kept one: each answer, errors
// included, is the one the whole context read anew gives, and what the entries cannot tell
// alone (an entry made null, a problem) is read whole.
for (const [name, m] of [["main module", main], ["lean module", form]]) {
  test(`${name}: a context changed in a few entries answers as the whole one read anew`, () => {
    const answer = (f) => {
      try {
        return f();
      } catch (e) {
        return { code: e.code, message: e.message, errors: e.errors };
      }
    };
    const fresh = (op, cfg, c) => {
      m.validateAttach(config, { profile: "2021-11" });
      return answer(() => m[op](cfg, structuredClone(c)));
    };
    const create = { name: "prod-aks", agent_count: 3, vm_size: "Standard_D3_v2", location: "eastus" };
    const steps = [
      (c) => (c.workspace.name = "ws2"),
      (c) => (c.locale = "de"),
      (c) => ((c.workspace.location = "westus"), (c.now = "2026-12-03T17:00:00.000Z")),
      (c) => (c.now = "2026-12-03T17:00:00.001Z"),
      (c) => (c.cluster.agentPoolProfiles[0].count = 1),
      (c) => (c.profile = "sdk"),
      (c) => (c.locale = null), // null: the field's default, read whole
      (c) => (c.locale = "fr"),
      (c) => (c.workspace.name = null),
      (c) => (c.workspace.name = "ws3"),
      (c) => (c.workspace.location = 5), // a problem: read whole, thrown as the whole text's
      (c) => (c.workspace.location = "eastus"),
      (c) => (c.profile = "bogus"),
      (c) => (c.profile = "2021-11"),
      (c) => (c.kubernetes_versions = "not a table"),
      (c) => (c.workspace = { name: "ws4" }), // the workspace's keys changed: read whole
      (c) => (c.workspace.name = "ws5"),
      (c) => (c.cluster = null),
      (c) => (c.cluster = context().cluster),
    ];
    for (const op of ["validateAttach", "validateCreate"]) {
      const cfg = op === "validateAttach" ? config : create;
      let c = context();
      answer(() => m[op](cfg, c));
      for (const [i, step] of steps.entries()) {
        c = structuredClone(c);
        step(c);
        const got = answer(() => m[op](cfg, c));
        assert.deepEqual(got, fresh(op, cfg, c), `${op}, step ${i}: ${step}`);
        // And again with the same object, kept.
        assert.deepEqual(answer(() => m[op](cfg, c)), got, `${op}, step ${i} again`);
        // Leave the module with `c` kept for the next step.
        answer(() => m[op](cfg, c));
      }
    }
  });
}
