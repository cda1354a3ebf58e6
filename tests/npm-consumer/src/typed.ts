import init, { validateCreate, type RuleCode, type Diagnostic } from "akscompute";

await init();
const v = validateCreate({ name: "prod-aks", agent_count: 2 }, { profile: "2021-11" });
const codes: RuleCode[] = v.diagnostics.map((d: Diagnostic) => d.code);
export const first: RuleCode | undefined = codes[0];

// The form entry: the same functions, and the loader of the main module.
import initForm, { loadFull, fullLoaded, validateAttach, buildCreateRequest, type ArmRequest } from "akscompute/form";
await initForm();
await loadFull();
export const loaded: boolean = fullLoaded();
export const attachValid: boolean = validateAttach({ name: "myaks" }, undefined).valid;
// The builders are the main module's, typed as in the main entry.
export const request: ArmRequest = buildCreateRequest({ name: "prod-aks" }, {}, undefined);
