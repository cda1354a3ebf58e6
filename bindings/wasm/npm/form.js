// akscompute/form: what a form loads first. The lean module (akscompute_form_bg.wasm) has every
// rule and the whole VM catalog, but neither the certificate and key readers nor the request
// builders and exports (the ARM request, the ARM template, the az command line): nothing a form
// needs on each keystroke. The main module (akscompute_bg.wasm) is loaded on first use of one:
// `await loadFull()` before validating a configuration that carries `ssl.cert` or `ssl.key`
// text, or before building a request or an export. Until then the lean module refuses such a
// configuration, and this loader refuses a build, with an AkscomputeError of code "unsupported"
// (a configuration is never validated without TLS006/TLS007's checks). Once loaded, every call
// goes to the main module, which gets every message table registered so far.
//
// English is not in the lean module either: `init` fetches its table (messages/en.json, beside
// this file, or the URL given) while the module compiles, and registers it before it resolves,
// so the first validation is not later than with English compiled in. When it cannot be fetched
// `init` still resolves: every diagnostic keeps its code, its message is the rule's title, and
// `englishError()` says why (`loadEnglish()` tries again).
import initLean, * as lean from "./akscompute_form.js";

let full = null;
let loading = null;
/** The message tables registered so far, replayed into the main module when it loads. */
const tables = new Map();
/** How long init waits for the English table once the module is ready. */
const ENGLISH_WAIT_MS = 5000;
/** Why the English table is not registered (null once it is). */
const NOT_LOADED = new Error("the English messages are not loaded yet: call init() or loadEnglish()");
let englishFailure = NOT_LOADED;

/** The English table's text: fetched from a URL (a string or URL), or given as the parsed table. */
async function englishText(english) {
  const source = await (english ?? new URL("./messages/en.json", import.meta.url));
  if (typeof source === "string" || source instanceof URL) {
    const r = await fetch(source);
    if (!r.ok) throw new Error(`${source}: HTTP ${r.status}`);
    return r.text();
  }
  if (source !== null && typeof source === "object") return JSON.stringify(source);
  throw new TypeError("english: give the URL of messages/en.json or the table itself");
}

function registerEnglish(text) {
  lean.localeChrome("en", text, 0, 0, 0);
  englishFailure = null;
}

/** The fetch of the English table under way, if one is. */
let englishPending = null;

/** Registers the English table in the lean module; a failure is kept for `englishError()` and rethrown. */
function settleEnglish(pending) {
  const settled = (async () => {
    try {
      registerEnglish(await pending);
    } catch (e) {
      englishFailure = e instanceof Error ? e : new Error(String(e));
      throw englishFailure;
    } finally {
      if (englishPending === settled) englishPending = null;
    }
  })();
  englishPending = settled;
  return settled;
}

/**
 * Fetches and starts the lean module (the same first argument as the main entry's `init`) and
 * its English messages: `options.english` is the URL of `messages/en.json` (a bundler's asset;
 * beside this file by default) or the table itself. Resolves even when the table cannot be
 * fetched (see `englishError`).
 */
export default async function init(moduleOrPath, options = {}) {
  const pending = englishText(options?.english);
  pending.catch(() => {}); // awaited below, after the module: not an unhandled rejection meanwhile
  const out = await initLean(moduleOrPath);
  const settled = settleEnglish(pending).then(
    () => true,
    () => true,
  );
  // A fetch that hangs does not hold the form back: past ENGLISH_WAIT_MS it starts with the
  // rules' titles, and the table is registered whenever it does arrive.
  let timer;
  const late = new Promise((ok) => (timer = setTimeout(ok, ENGLISH_WAIT_MS, false)));
  if (!(await Promise.race([settled, late])) && englishFailure === NOT_LOADED) {
    englishFailure = new Error(`the English messages did not arrive within ${ENGLISH_WAIT_MS / 1000} s (still waiting)`);
  }
  clearTimeout(timer);
  return out;
}

/**
 * Starts the lean module from bytes or a compiled module you already have; `english`, the text
 * of `messages/en.json`, registers its English messages (else `loadEnglish()` later).
 */
export function initSync(module, english) {
  const out = lean.initSync(module);
  if (english !== undefined && english !== null) registerEnglish(typeof english === "string" ? english : JSON.stringify(english));
  return out;
}

/** Fetches (again) and registers the English messages: after a failed fetch, say. Without an
 * argument, a fetch still under way is awaited rather than started twice. */
export function loadEnglish(english) {
  if (english === undefined && englishPending) return englishPending;
  return settleEnglish(englishText(english));
}

/** Why the English messages are not registered (messages are then the rules' titles), or null. */
export function englishError() {
  // The main module has English built in, and answers every call once loaded.
  return full ? null : englishFailure;
}

/**
 * Loads the main module (once; every later call returns the same promise). Without an argument
 * it is fetched from beside this file; a bundler passes its URL, as to `init`.
 */
export function loadFull(moduleOrPath) {
  loading ??= (async () => {
    const m = await import("./akscompute.js");
    await m.default(moduleOrPath);
    for (const [tag, table] of tables) m.localeChrome(tag, table, 0, 0, 0);
    full = m;
    return m;
  })().catch((e) => {
    loading = null; // a failed fetch (offline, say) may be retried
    throw e;
  });
  return loading;
}

/** True once the main module answers every call. */
export function fullLoaded() {
  return full !== null;
}

const on = (name) =>
  function (...args) {
    return (full ?? lean)[name](...args);
  };

// Not loaded behind the caller's back on an "unsupported": only the caller knows the main
// module's URL (a bundler's asset), so it calls loadFull itself.
export const validateCreate = on("validateCreate");
export const validateAttach = on("validateAttach");
export const validateUpdate = on("validateUpdate");
export const validateDetach = on("validateDetach");

/** What a call only the main module answers throws before `loadFull()`: as the lean module's own. */
function notLoaded(name) {
  const message = `${name} is in the main module: load it first (await loadFull() from "akscompute/form")`;
  const e = new Error(message);
  e.name = "AkscomputeError";
  e.code = "unsupported";
  e.errors = [{ kind: "unsupported", path: [], message }];
  return e;
}

const onFull = (name) =>
  function (...args) {
    if (full === null) throw notLoaded(name);
    return full[name](...args);
  };

export const buildCreateRequest = onFull("buildCreateRequest");
export const buildAttachRequest = onFull("buildAttachRequest");
export const buildUpdateRequest = onFull("buildUpdateRequest");
export const buildDetachRequest = onFull("buildDetachRequest");
export const armTemplate = onFull("armTemplate");
export const azCommand = onFull("azCommand");
export const vmSize = on("vmSize");
export const vmSizes = on("vmSizes");
export const capacitySummary = on("capacitySummary");
export const parseKubernetesVersions = on("parseKubernetesVersions");
export const ruleCodes = on("ruleCodes");
export const isAkscomputeError = on("isAkscomputeError");

/** As the main entry's `localeChrome`; a table given is also kept for the main module. */
export function localeChrome(tag, table, errors, warnings, infos) {
  const out = lean.localeChrome(tag, table, errors, warnings, infos);
  // English is compiled into the main module: only the lean one takes it.
  if (table !== undefined && table !== null && out.language !== "en") {
    tables.set(tag, table);
    full?.localeChrome(tag, table, 0, 0, 0);
  }
  return full ? full.localeChrome(tag, undefined, errors, warnings, infos) : out;
}
