// A form's code: the lean module first, the main one when a certificate is given or a request
// is built. Both .wasm URLs go through the bundler.
import init, { validateCreate, buildCreateRequest, loadFull, fullLoaded, isAkscomputeError } from "akscompute/form";
import leanUrl from "akscompute/akscompute_form_bg.wasm";
import fullUrl from "akscompute/akscompute_bg.wasm";
import englishUrl from "akscompute/messages/en.json";

await init({ module_or_path: leanUrl }, { english: englishUrl });
const plain = validateCreate({ name: "prod-aks", agent_count: 2 }, { profile: "2021-11" });
const withCert = { name: "prod-aks", ssl: { cname: "www.contoso.com", cert: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", key: "" } };
let before = null;
try {
  validateCreate(withCert);
} catch (e) {
  before = isAkscomputeError(e) ? e.code : `not an AkscomputeError: ${e}`;
}
const ws = { workspace: { subscription_id: "00000000-0000-0000-0000-000000000000", resource_group: "rg", name: "ws", location: "eastus" } };
let requestBefore = null;
try {
  buildCreateRequest({ name: "prod-aks" }, ws);
} catch (e) {
  requestBefore = isAkscomputeError(e) ? e.code : `not an AkscomputeError: ${e}`;
}
const loadedEarly = fullLoaded();
await loadFull({ module_or_path: fullUrl });
const after = validateCreate(withCert).diagnostics.map((d) => d.code);
const requestAfter = buildCreateRequest({ name: "prod-aks" }, ws).method;
const first = plain.diagnostics.find((d) => d.severity === "error");
window.result = { first: first?.code, english: first?.message.includes("production cluster needs at least"), before, requestBefore, loadedEarly, after: after.includes("TLS006"), requestAfter };
document.body.dataset.ready = "true";
