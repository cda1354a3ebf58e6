// Node (and SSR, test runners, anything that resolves the "node" condition): the module
// initialises itself from the .wasm beside it, synchronously, at import. The default export is
// the same `init` as the browser build's, already done, so one snippet works everywhere:
//   import init, { validateCreate } from "akscompute"; await init();
import { readFileSync } from "node:fs";
import { initSync } from "./akscompute.js";

const exports = initSync({ module: readFileSync(new URL("./akscompute_bg.wasm", import.meta.url)) });

/** Resolves at once: in Node the module was initialised when it was imported. */
export default async function init() {
  return exports;
}

export * from "./akscompute.js";
