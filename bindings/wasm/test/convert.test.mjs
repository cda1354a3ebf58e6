// What crosses the JS boundary badly: large counts, deep nesting, cycles, Infinity. Each case
// failed before convert.rs learnt it (an `internal` error, a RangeError, a TypeError, digits
// that are not the number JS holds).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as aks from "../pkg/node.js";

const misuse = (f) => {
  try {
    f();
  } catch (e) {
    assert.ok(aks.isAkscomputeError(e), `an AkscomputeError, not ${e?.name}: ${e?.message}`);
    return e;
  }
  assert.fail("no error thrown");
};

test("a count of 1e16 or 2^53 is a diagnostic, not an internal error", () => {
  for (const n of [1e16, 2 ** 53, 2 ** 62]) {
    const v = aks.validateCreate({ name: "prod-aks", agent_count: n });
    assert.equal(v.valid, false);
    const d = v.diagnostics.find((x) => x.path[0] === "agent_count");
    assert.ok(d, `a diagnostic at agent_count for ${n}`);
    // The exact integer JS holds, not the shortest digits JSON.stringify prints (4611686018427388000).
    assert.ok(d.message.includes(BigInt(n).toString()), d.message);
  }
});

test("2^63 and -2^63 are read as the numbers JS holds", () => {
  assert.equal(misuse(() => aks.validateCreate({ name: "prod-aks", agent_count: 2 ** 63 })).code, "bad_value");
  const v = aks.validateCreate({ name: "prod-aks", agent_count: -(2 ** 63) });
  assert.ok(v.diagnostics.some((d) => d.path[0] === "agent_count" && d.message.includes("-9223372036854775808")));
});

test("nesting: 6,000 levels is the core's syntax error, not a RangeError", () => {
  let deep = 1;
  for (let i = 0; i < 6000; i++) deep = [deep];
  assert.equal(misuse(() => aks.validateCreate({ name: "prod-aks", tags: { a: deep } })).code, "syntax");
  let shallow = 1;
  for (let i = 0; i < 200; i++) shallow = { a: shallow };
  assert.equal(misuse(() => aks.validateCreate({ name: "prod-aks", tags: shallow })).code, "syntax");
});

test("a value that contains itself is wrong_type, not a TypeError", () => {
  const cfg = { name: "prod-aks" };
  cfg.self = cfg;
  assert.equal(misuse(() => aks.validateCreate(cfg)).code, "wrong_type");
});

test("Infinity (JSON.parse of 1e400) and a lone surrogate are syntax errors, as in the core", () => {
  const inf = misuse(() => aks.validateCreate(JSON.parse('{"name": "a", "agent_count": 1e400}')));
  assert.deepEqual(inf.errors.map((e) => [e.kind, e.path]), [["syntax", []]]);
  assert.match(inf.message, /\n  agent_count: .*an infinite number/, "the message names the field");
  assert.equal(misuse(() => aks.validateCreate({ name: "a\ud800b" })).code, "syntax");
  assert.equal(misuse(() => aks.validateCreate({ name: "a", agent_count: NaN })).code, "wrong_type");
});

// What JSON cannot carry is named by its full path (as the core's Path renders it: `a.b[0].c`)
// and worded by the core's message tables, in the context's language.
const en = JSON.parse(readFileSync(new URL("../../../core/data/messages/en.json", import.meta.url), "utf8"));
const nl = JSON.parse(readFileSync(new URL("../../../core/data/messages/nl.json", import.meta.url), "utf8"));
const wrong = (t, got) => t["shape.wrong_type"].replace("{expected}", t["shape.type.json"]).replace("{got}", t[`shape.type.${got}`]);

test("a function, a Symbol, a BigInt, NaN or a cycle deep inside: its full path and the core's text", () => {
  const cyclic = { name: "sys" };
  cyclic.again = [cyclic];
  const cases = [
    [{ name: "prod-aks", vnet: { subnet: () => 1 } }, ["vnet", "subnet"], "vnet.subnet", "function"],
    [{ name: "prod-aks", tags: { x: Symbol("s") } }, ["tags", "x"], "tags.x", "symbol"],
    [{ name: "prod-aks", agent_count: 3n }, ["agent_count"], "agent_count", "bigint"],
    [{ name: "prod-aks", ssl: { leaf_domain_label: NaN } }, ["ssl", "leaf_domain_label"], "ssl.leaf_domain_label", "nan"],
    [{ name: "prod-aks", pools: [{ a: 1 }, cyclic] }, ["pools", 1, "again", 0], "pools[1].again[0]", "cycle"],
  ];
  for (const [cfg, path, shown, got] of cases) {
    const e = misuse(() => aks.validateCreate(cfg));
    assert.equal(e.code, "wrong_type", shown);
    assert.deepEqual(e.errors, [{ kind: "wrong_type", path, message: wrong(en, got) }], shown);
    // The head line as the core's report words it ("the configuration has 1 problem").
    assert.match(e.message, /^the configuration has 1 problem\n/);
    assert.equal(e.message.split("\n")[1], `  ${shown}: ${wrong(en, got)}`);
  }
});

test("in the context's language, for the config and for the context itself", () => {
  const e = misuse(() => aks.validateCreate({ name: "prod-aks", vnet: { subnet: () => 1 } }, { locale: "nl" }));
  assert.deepEqual(e.errors[0], { kind: "wrong_type", path: ["vnet", "subnet"], message: wrong(nl, "function") });
  assert.ok(e.message.endsWith(`vnet.subnet: ${wrong(nl, "function")}`), e.message);
  const c = misuse(() => aks.validateAttach({ name: "myaks" }, { locale: "nl-BE", cluster: { agentPoolProfiles: [{ count: 1n }] } }));
  assert.deepEqual(c.errors[0].path, ["cluster", "agentPoolProfiles", 0, "count"]);
  assert.equal(c.errors[0].message, wrong(nl, "bigint"));
});

test("every entry point throws in the context's language, its head line and each message", () => {
  const ws = { subscription_id: "00000000-0000-0000-0000-000000000000", resource_group: "ml-rg", name: "ml-ws", location: "westeurope" };
  const head = (t, what, n) => t[`ui.problems.${what}`].replace(/\{count, plural, one \{# ([^}]*)\} other \{# ([^}]*)\}\}/, (_, one, other) => `${n} ${n === 1 ? one : other}`);
  const ctx = { locale: "nl", workspace: ws };
  const calls = [
    () => aks.validateCreate({ agent_count: "3" }, ctx),
    () => aks.buildCreateRequest({ name: "myaks", agent_count: "3" }, ctx),
    () => aks.armTemplate("create", { name: "myaks", agent_count: "3" }, ctx),
    () => aks.azCommand("create", { name: "myaks", agent_count: "3" }, ctx),
    () => aks.capacitySummary("create", { agent_count: "3" }, ctx),
  ];
  const message = nl["shape.wrong_type"].replace("{expected}", nl["shape.type.whole_number"]).replace("{got}", nl["shape.type.string"]);
  for (const call of calls) {
    const e = misuse(call);
    assert.equal(e.message, `${head(nl, "config", 1)}\n  agent_count: ${message}`, String(call));
    assert.deepEqual(e.errors, [{ kind: "wrong_type", path: ["agent_count"], message }], String(call));
  }
  // The context's own problems, and a config that is not there at all.
  const c = misuse(() => aks.buildCreateRequest({ name: "myaks" }, { locale: "nl", workspace: 5 }));
  assert.ok(c.message.startsWith(`${head(nl, "context", 1)}\n  workspace: `), c.message);
  const u = misuse(() => aks.validateCreate(undefined, { locale: "nl" }));
  assert.equal(u.code, "wrong_type");
  assert.ok(u.message.startsWith(`${head(nl, "config", 1)}\n  ${nl["ui.path.root"]}: `) && u.message.includes("undefined"), u.message);
  // Half a UTF-16 pair (a string cut in the middle of a character): no Unicode text holds it.
  // The core's syntax error at the root, naming the field, in Dutch too, for the context and
  // for the config, through a validation and through a request builder.
  const lone = (field) => nl["shape.syntax.surrogate"].replace("{field}", field);
  const s = misuse(() => aks.validateCreate({ name: "a" }, { locale: "nl", workspace: { name: "a\ud800" } }));
  assert.equal(s.message, `${head(nl, "context", 1)}\n  ${nl["ui.path.root_context"]}: ${lone("context.workspace.name")}`);
  assert.deepEqual(s.errors, [{ kind: "syntax", path: [], message: lone("context.workspace.name") }]);
  const r = misuse(() => aks.buildCreateRequest({ name: "myaks", tags: { team: "\udc00" } }, ctx));
  assert.deepEqual(r.errors, [{ kind: "syntax", path: [], message: lone("config.tags.team") }]);
});

test("a getter is read once: what was checked is what is validated", () => {
  let reads = 0;
  const cfg = { name: "prod-aks" };
  Object.defineProperty(cfg, "agent_count", { enumerable: true, get: () => (++reads === 1 ? 3 : () => 0) });
  const v = aks.validateCreate(cfg);
  assert.equal(reads, 1);
  assert.ok(!v.diagnostics.some((d) => d.path[0] === "agent_count" && d.severity === "error"));
});

test("an own __proto__ key is a field (unknown here), not lost", () => {
  const e = misuse(() => aks.validateCreate(JSON.parse('{"name": "prod-aks", "__proto__": {"x": 1}}')));
  assert.deepEqual(e.errors.map((x) => [x.kind, x.path]), [["unknown_field", ["__proto__"]]]);
});

test("toJSON is honoured as JSON.stringify does (a Date is its text)", () => {
  const v = aks.validateAttach({ name: "myaks" }, { now: new Date("2026-11-22T12:00:00Z") });
  assert.ok(Array.isArray(v.diagnostics));
});
