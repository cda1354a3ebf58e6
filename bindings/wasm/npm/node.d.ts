export * from "./akscompute.js";
import type { InitOutput } from "./akscompute.js";
/** Resolves at once: in Node the module is initialised when it is imported. */
export default function init(): Promise<InitOutput>;
