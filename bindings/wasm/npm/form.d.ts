// akscompute/form: the lean module first, the main module on first use of a certificate, a key,
// a request builder or an export. Every function has the main entry's signature (they are the
// same functions).
export * from "./akscompute_form.js";
/**
 * The request builders and exports are in the main module only: before `loadFull()` has
 * resolved, each throws an `AkscomputeError` of code `"unsupported"`.
 */
export { buildCreateRequest, buildAttachRequest, buildUpdateRequest, buildDetachRequest, armTemplate, azCommand } from "./akscompute.js";
import type { InitInput, InitOutput, SyncInitInput } from "./akscompute_form.js";
/** Where the lean module's English messages come from: the URL of `messages/en.json` or the table itself. */
export type EnglishTable = string | URL | Record<string, unknown>;
/**
 * Fetches and starts the lean module (the same first argument as the main entry's `init`) and
 * its English messages (`options.english`: beside this file by default), fetched while the
 * module compiles. Resolves even when the messages cannot be fetched: see `englishError`.
 */
export default function init(
  module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
  options?: { english?: EnglishTable | Promise<EnglishTable> },
): Promise<InitOutput>;
/** Starts the lean module from bytes or a compiled module; `english` is the text (or table) of `messages/en.json`. */
export function initSync(module: { module: SyncInitInput } | SyncInitInput, english?: string | Record<string, unknown>): InitOutput;
/** Fetches (again) and registers the English messages; rejects when they cannot be had. */
export function loadEnglish(english?: EnglishTable | Promise<EnglishTable>): Promise<void>;
/** Why the English messages are not registered (each message is then its rule's title), or null once they are. */
export function englishError(): Error | null;
/**
 * Loads the main module, with the certificate and key readers, the request builders and the
 * exports (once). Needed before validating a configuration with `ssl.cert` or `ssl.key` text
 * and before building a request, an ARM template or an az command: until then such a call
 * throws an `AkscomputeError` of code `"unsupported"`.
 */
export function loadFull(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<unknown>;
/** True once the main module answers every call. */
export function fullLoaded(): boolean;
