// Node (and SSR, test runners, anything that resolves the "node" condition): the module
// initialises itself from the .wasm beside it, synchronously, at import. The default export is
// the same `init` as the browser build's, already done, so one snippet works everywhere:
//   import init, { validateCreate } from "akscompute"; await init();
import { readFileSync, readdirSync } from "node:fs";
import { initSync, localeChrome } from "./akscompute.js";

const exports = initSync({ module: readFileSync(new URL("./akscompute_bg.wasm", import.meta.url)) });

/** Resolves at once: in Node the module was initialised when it was imported. */
export default async function init() {
  return exports;
}

// The module carries English only (a browser fetches the one table it needs); in Node every
// table beside it is registered at once, so `context.locale` works as in the other bindings.
const messages = new URL("./messages/", import.meta.url);
// English is compiled into this module (messages/en.json is the lean browser module's).
for (const f of readdirSync(messages).filter((f) => f.endsWith(".json") && f !== "en.json")) {
  localeChrome(f.slice(0, -".json".length), readFileSync(new URL(f, messages), "utf8"), 0, 0, 0);
}

export * from "./akscompute.js";
