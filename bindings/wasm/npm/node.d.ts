export * from "./akscompute.js";
