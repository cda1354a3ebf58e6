// In Node the module initialises itself from the .wasm beside it, so that
// `import { validateCreate } from "akscompute"` works with no further step.
import { readFileSync, readdirSync } from "node:fs";
import { initSync, localeChrome } from "./akscompute.js";

initSync({ module: readFileSync(new URL("./akscompute_bg.wasm", import.meta.url)) });

// The module carries English only (a browser fetches the one table it needs); in Node every
// table beside it is registered at once, so `context.locale` works as in the other bindings.
const messages = new URL("./messages/", import.meta.url);
for (const f of readdirSync(messages).filter((f) => f.endsWith(".json"))) {
  localeChrome(f.slice(0, -".json".length), readFileSync(new URL(f, messages), "utf8"), 0, 0, 0);
}

export * from "./akscompute.js";
