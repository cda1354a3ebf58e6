// What a web app's code looks like: one import, the wasm URL handed to the bundler.
import init, { validateCreate, isAkscomputeError, ruleCodes } from "akscompute";
import wasmUrl from "akscompute/akscompute_bg.wasm";

await init({ module_or_path: wasmUrl });
const v = validateCreate({ name: "prod-aks", agent_count: 2 }, { profile: "2021-11" });
let misuse = null;
try {
  validateCreate({ name: "prod-aks", vm_sise: "Standard_D3_v2" });
} catch (e) {
  misuse = isAkscomputeError(e) ? e.code : `not an AkscomputeError: ${e}`;
}
window.result = { valid: v.valid, first: v.diagnostics.find((d) => d.severity === "error")?.code, misuse, rules: ruleCodes().length };
document.body.dataset.ready = "true";
