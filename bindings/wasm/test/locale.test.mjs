// Languages through the built package in Node: every table beside the module is registered by
// node.js, so the context's locale works as in the other bindings, and localeChrome renders the
// summary line and labels from the core's tables.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as aks from "../pkg/node.js";
import { readFileSync, readdirSync } from "node:fs";

test("the context's locale picks the language; nl-BE and de_AT.UTF-8 fall back to theirs", () => {
  const cfg = { name: "myaks", agent_count: 2 };
  const first = (locale) => aks.validateCreate(cfg, { locale }).diagnostics.find((d) => d.severity === "error").message;
  assert.match(first("cs"), /^Produkční cluster potřebuje alespoň 3 uzly; tento má 2 uzly\./);
  assert.match(first("nl-BE"), /^Een productiecluster heeft minstens 3 knooppunten nodig/);
  assert.match(first("de_AT.UTF-8"), /^Ein Produktionscluster braucht mindestens 3 Knoten/);
  assert.match(first("tr"), /^Bir üretim kümesi en az 3 düğüm gerektirir/);
  assert.match(first("it"), /^Un cluster di produzione richiede almeno 3 nodi/);
  assert.match(first("pt-BR"), /^A production cluster needs at least 3 nodes/);
});

test("localeChrome: labels, the summary line in CLDR plural forms, and the fallback flag", () => {
  const cs = aks.localeChrome("cs-CZ", undefined, 3, 1, 5);
  assert.equal(cs.language, "cs");
  assert.equal(cs.fellBack, false);
  assert.equal(cs.summary, "3 chyby, 1 upozornění, 5 informací");
  assert.deepEqual(cs.labels, { error: "chyba", warning: "upozornění", info: "informace", fix: "oprava" });
  assert.deepEqual([...cs.locales].sort(), ["cs", "de", "en", "it", "nl", "tr"]);
  assert.equal(aks.localeChrome("tr", undefined, 3, 0, 0).summary, "3 hata");
  const pt = aks.localeChrome("pt-BR", undefined, 0, 0, 0);
  assert.equal(pt.language, "en");
  assert.equal(pt.fellBack, true);
  assert.match(pt.notice, /"pt-BR".*English/);
  assert.equal(pt.summary, "no problems");
  assert.throws(() => aks.localeChrome("xx", "not json", 0, 0, 0), (e) => aks.isAkscomputeError(e) && e.code === "bad_value");
  // The main module has English built in: it keeps it.
  assert.throws(() => aks.localeChrome("en", "{}", 0, 0, 0), (e) => aks.isAkscomputeError(e) && /built in/.test(e.message));
});

test("the tables a browser fetches are the core's, without the command line's texts; English, which only the lean module reads, without the request texts too", () => {
  const src = new URL("../../../core/data/messages/", import.meta.url);
  const out = new URL("../pkg/messages/", import.meta.url);
  assert.deepEqual(readdirSync(out).sort(), ["cs.json", "de.json", "en.json", "it.json", "nl.json", "tr.json"]);
  for (const lang of ["cs", "de", "en", "it", "nl", "tr"]) {
    const core = JSON.parse(readFileSync(new URL(`${lang}.json`, src), "utf8"));
    const fetched = JSON.parse(readFileSync(new URL(`${lang}.json`, out), "utf8"));
    // The main module builds requests, and has English compiled in: only the other tables need its texts.
    const dropped = lang === "en" ? ["ui.cli.", "request."] : ["ui.cli."];
    const wanted = Object.keys(core).filter((k) => !dropped.some((d) => k.startsWith(d))).sort();
    assert.equal(wanted.some((k) => k.startsWith("request.")), lang !== "en", lang);
    assert.deepEqual(Object.keys(fetched).sort(), wanted, lang);
    for (const k of wanted) assert.deepEqual(fetched[k], core[k], `${lang}.${k}`);
  }
});

test("a bad versions list or cluster is worded in the caller's language: parseKubernetesVersions and a validation's context", () => {
  const thrown = (f) => {
    try {
      f();
    } catch (e) {
      assert.ok(aks.isAkscomputeError(e), String(e));
      return e;
    }
    assert.fail("expected an AkscomputeError");
  };
  const bad = "KubernetesVersion    Upgrades\n-------------------  --------\n1.29.4               None available\nnope                 None available\n";
  // The second argument: a locale tag, or an object with a locale (a context); English without.
  const e = thrown(() => aks.parseKubernetesVersions(bad, "nl"));
  assert.equal(e.code, "bad_value");
  assert.equal(e.message, 'rij 2: "nope" is geen Kubernetes-versie');
  assert.equal(thrown(() => aks.parseKubernetesVersions(bad)).message, 'row 2: "nope" is not a Kubernetes version');
  assert.equal(thrown(() => aks.parseKubernetesVersions(bad, { locale: "de-AT" })).message, 'Zeile 2: "nope" ist keine Kubernetes-Version');
  assert.equal(thrown(() => aks.parseKubernetesVersions({ values: 7 }, "nl-BE")).message, '"values" moet een lijst zijn');
  assert.match(thrown(() => aks.parseKubernetesVersions('{"values": [', "nl")).message, /^de versie-JSON is geen geldige JSON: EOF/);

  // The same table in a validation's context: the shape error, at its field, in the context's language.
  const v = thrown(() => aks.validateCreate({ name: "myaks" }, { locale: "nl", kubernetes_versions: bad }));
  assert.equal(v.code, "bad_value");
  assert.deepEqual(
    v.errors.map((x) => [x.kind, x.path, x.message]),
    [["bad_value", ["kubernetes_versions"], 'rij 2: "nope" is geen Kubernetes-versie']],
  );
  assert.match(v.message, /\n {2}kubernetes_versions: rij 2: "nope" is geen Kubernetes-versie$/);
  const cluster = { properties: { agentPoolProfiles: [{ name: "p", count: 3 }] } };
  const a = thrown(() => aks.validateAttach({ name: "myaks" }, { locale: "nl", cluster }));
  assert.deepEqual(
    a.errors.map((x) => [x.kind, x.path, x.message]),
    [["bad_value", ["cluster"], "agentPoolProfiles[0] heeft geen vmSize"]],
  );
});
