// In Node the module initialises itself from the .wasm beside it, so that
// `import { validateCreate } from "akscompute"` works with no further step.
import { readFileSync } from "node:fs";
import { initSync } from "./akscompute.js";

initSync({ module: readFileSync(new URL("./akscompute_bg.wasm", import.meta.url)) });

export * from "./akscompute.js";
