// The JS API beyond the vectors: misuse throws real Errors, results are plain data, secrets stay hidden.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as aks from "../pkg/node.js";
import { readFileSync } from "node:fs";

// The registry's own file says how many codes there are.
const registry = JSON.parse(readFileSync(new URL("../../../core/data/rules.json", import.meta.url), "utf8"));

const ws = { subscription_id: "00000000-0000-0000-0000-000000000000", resource_group: "rg", name: "ws", location: "eastus" };

test("validation returns plain data", () => {
  const v = aks.validateCreate({ name: "prod-aks", agent_count: 2, load_balancer_type: "InternalLoadBalancer", ssl: { leaf_domain_label: "contoso" } });
  assert.equal(v.valid, false);
  assert.ok(Array.isArray(v.diagnostics));
  const tls = v.diagnostics.find((d) => d.code === "TLS004");
  assert.deepEqual(tls.path, ["ssl"]);
  assert.equal(tls.severity, "error");
  assert.equal(Object.getPrototypeOf(tls.params), Object.prototype);
  assert.equal(JSON.parse(JSON.stringify(v)).diagnostics.length, v.diagnostics.length);
});

test("misuse throws an AkscomputeError with a code, never a string or a trap", () => {
  const cases = [
    [() => aks.validateCreate(undefined), "wrong_type"],
    [() => aks.validateCreate("myaks"), "wrong_type"],
    [() => aks.validateCreate({ name: 3 }), "wrong_type"],
    [() => aks.validateCreate({ name: "a", vm_sise: "x" }), "unknown_field"],
    [() => aks.validateCreate({ name: "a" }, { profile: "1999" }), "bad_value"],
    [() => aks.validateAttach({ name: "a" }, { kubernetes_versions: "garbage" }), "bad_value"],
    [() => aks.buildCreateRequest({ name: "a" }, {}), "missing"],
    [() => aks.buildCreateRequest({ name: "myaks", cluster_purpose: "DevTest" }, { workspace: ws }, { apiVersion: "2020-02-02" }), "unsupported"],
    [() => aks.buildCreateRequest({ name: "a" }, { workspace: ws }, { apiVersion: "1999-01-01" }), "unsupported"],
    [() => aks.armTemplate("explode", {}, { workspace: ws }), "bad_value"],
    [() => aks.validateCreate({ name: () => 1 }), "wrong_type"],
    [() => aks.validateCreate({ name: "a", agent_count: 3n }), "wrong_type"],
    [() => aks.validateCreate({ name: "a", agent_count: NaN }), "wrong_type"],
    [() => aks.validateCreate({ name: "a", tags: { x: Symbol("s") } }), "wrong_type"],
  ];
  for (const [f, code] of cases) {
    assert.throws(f, (e) => {
      assert.ok(e instanceof Error, "a real Error");
      assert.equal(e.name, "AkscomputeError");
      assert.equal(e.code, code, e.message);
      assert.ok(aks.isAkscomputeError(e));
      assert.ok(Array.isArray(e.errors));
      return true;
    });
  }
  assert.equal(aks.isAkscomputeError(new Error("x")), false);
  assert.equal(aks.isAkscomputeError("x"), false);
});

test("unknown fields are all named, with suggestions", () => {
  try {
    aks.validateCreate({ name: "a", vm_sise: "x", ssl: { certificate: "y" } });
    assert.fail("should throw");
  } catch (e) {
    const paths = new Set(e.errors.map((x) => JSON.stringify(x.path)));
    assert.deepEqual(paths, new Set([JSON.stringify(["vm_sise"]), JSON.stringify(["ssl", "certificate"])]));
    assert.match(e.message, /did you mean "vm_size"/);
  }
});

test("requests hide secrets unless asked, and alternative forms", () => {
  const cfg = { name: "myaks", ssl: { cname: "www.contoso.com", cert: "-----BEGIN CERTIFICATE-----\nCERTBODY", key: "-----BEGIN PRIVATE KEY-----\nKEYBODY" } };
  const shown = aks.buildCreateRequest(cfg, { workspace: ws });
  assert.equal(shown.body.properties.properties.sslConfiguration.key, "<redacted>");
  assert.ok(!JSON.stringify(shown).includes("KEYBODY"));
  const sent = aks.buildCreateRequest(cfg, { workspace: ws }, { includeSecrets: true });
  assert.ok(sent.body.properties.properties.sslConfiguration.key.includes("KEYBODY"));
  const t = aks.armTemplate("create", cfg, { workspace: ws });
  assert.ok(!JSON.stringify(t).includes("KEYBODY"));
  assert.equal(t.parameters.sslKey.type, "securestring");
  const az = aks.azCommand("create", cfg, { workspace: ws });
  assert.ok(az.startsWith("az ml computetarget create aks --name myaks") && !az.includes("KEYBODY"));
  const u = aks.buildUpdateRequest({ name: "myaks", agent_count: 4 }, { workspace: ws, compute: { name: "myaks", properties: { computeType: "AKS", properties: { agentCount: 3 } } } });
  assert.equal(u.body.properties.properties.agentCount, 4);
  assert.ok(Array.isArray(u.notes));
  assert.match(aks.buildDetachRequest({ name: "myaks", action: "delete" }, { workspace: ws }).url, /underlyingResourceAction=Delete$/);
});

test("catalog, capacity, versions and rules", () => {
  const d3 = aks.vmSize("standard_d3_v2");
  assert.deepEqual([d3.name, d3.vcpus, d3.gpus, d3.source], ["Standard_D3_v2", 4, 0, "catalog"]);
  assert.equal(aks.vmSize("Large"), null);
  assert.equal(aks.vmSizes().length, 1477);
  const c = aks.capacitySummary("create", { agent_count: 2, vm_size: "Standard_NC12s_v3" });
  assert.deepEqual([c.nodes, c.vcpus, c.gpus], [2, 24, 4]);
  assert.equal(aks.capacitySummary("attach", {}, {}), null);
  const l = aks.parseKubernetesVersions("KubernetesVersion    Upgrades\n-----------------  --------\n1.29.4               None available\n");
  assert.equal(l.entries[0].version, "1.29.4");
  const rules = aks.ruleCodes();
  assert.deepEqual(rules.map((r) => r.code), registry.rules.map((r) => r.code));
  assert.equal(rules.find((r) => r.code === "NAME006").severities["2020-10"], "warning");
  assert.equal(rules.find((r) => r.code === "NAME006").severities["2021-11"], null);
});
