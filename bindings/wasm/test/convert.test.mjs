// What crosses the JS boundary badly: large counts, deep nesting, cycles, Infinity. Each case
// failed before convert.rs learnt it (an `internal` error, a RangeError, a TypeError, digits
// that are not the number JS holds).
import { test } from "node:test";
import assert from "node:assert/strict";
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
  assert.deepEqual(misuse(() => aks.validateCreate(JSON.parse('{"name": "a", "agent_count": 1e400}'))).errors.map((e) => [e.kind, e.path]), [["syntax", []]]);
  assert.equal(misuse(() => aks.validateCreate({ name: "a\ud800b" })).code, "syntax");
  assert.equal(misuse(() => aks.validateCreate({ name: "a", agent_count: NaN })).code, "wrong_type");
});
