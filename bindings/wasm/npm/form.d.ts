// akscompute/form: the lean module first, the main module on first use of a certificate or key.
// Every function has the main entry's signature (they are the same functions).
export * from "./akscompute_form.js";
import type { InitInput, InitOutput } from "./akscompute_form.js";
/** Fetches and starts the lean module (the same argument as the main entry's `init`). */
export default function init(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
/**
 * Loads the main module, with the certificate and key readers (once). Needed before validating
 * a configuration with `ssl.cert` or `ssl.key` text: until then such a call throws an
 * `AkscomputeError` of code `"unsupported"`.
 */
export function loadFull(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<unknown>;
/** True once the main module answers every call. */
export function fullLoaded(): boolean;
