import type { Diagnostic } from "akscompute";

export const isBad = (d: Diagnostic) => d.code === "NOPE999";
