// akscompute/form: the lean module first, the main module on first use of a certificate, a key,
// a request builder or an export. Every function has the main entry's signature (they are the
// same functions).
export * from "./akscompute_form.js";
/**
 * The request builders and exports are in the main module only: before `loadFull()` has
 * resolved, each throws an `AkscomputeError` of code `"unsupported"`.
 */
export { buildCreateRequest, buildAttachRequest, buildUpdateRequest, buildDetachRequest, armTemplate, azCommand } from "./akscompute.js";
import type { InitInput, InitOutput } from "./akscompute_form.js";
/** Fetches and starts the lean module (the same argument as the main entry's `init`). */
export default function init(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
/**
 * Loads the main module, with the certificate and key readers, the request builders and the
 * exports (once). Needed before validating a configuration with `ssl.cert` or `ssl.key` text
 * and before building a request, an ARM template or an az command: until then such a call
 * throws an `AkscomputeError` of code `"unsupported"`.
 */
export function loadFull(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<unknown>;
/** True once the main module answers every call. */
export function fullLoaded(): boolean;
