// The WASM package in Node over the parity inputs: one answer line per input (README.md).
// Usage: node tests/parity/run_wasm.mjs INPUTS OUT
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import * as aks from "../../bindings/wasm/pkg/node.js";

// The package keeps languages other than English outside the module (pkg/messages/): register
// every table, as an app does when its user picks a language, so `locale` means the same here.
const messages = new URL("../../bindings/wasm/pkg/messages/", import.meta.url);
// (en.json is the lean browser module's: this module has English built in.)
for (const f of readdirSync(messages).filter((f) => f.endsWith(".json") && f !== "en.json")) {
  aks.localeChrome(f.replace(/\.json$/, ""), readFileSync(new URL(f, messages), "utf8"), 0, 0, 0);
}

const [inputs, out] = process.argv.slice(2);
const validators = { create: aks.validateCreate, attach: aks.validateAttach, update: aks.validateUpdate, detach: aks.validateDetach };

// The same dotted form as the core's Path Display.
const dotted = (path) => {
  if (!path || path.length === 0) return "(configuration)";
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
};

function answer(line) {
  // A JS user holds values, not text: the text goes through the language's own JSON reader.
  let config, context;
  try {
    config = JSON.parse(line.config);
    context = line.context === null ? undefined : JSON.parse(line.context);
  } catch (e) {
    return { misuse: { kind: "syntax", errors: [["syntax", "(configuration)"]] } };
  }
  try {
    const v = validators[line.op](config, context);
    return { ok: { valid: v.valid, diagnostics: v.diagnostics.map((d) => [d.code, d.severity, d.path, d.message, d.fix ?? ""]) } };
  } catch (e) {
    if (aks.isAkscomputeError(e)) {
      return { misuse: { kind: e.code, errors: (e.errors ?? []).map((x) => [x.kind, dotted(x.path)]) } };
    }
    return { crash: `${e?.name}: ${String(e?.message).slice(0, 200)}` };
  }
}

const lines = readFileSync(inputs, "utf8").split("\n").filter((l) => l.trim() !== "");
const answers = lines.map((l) => {
  const line = JSON.parse(l);
  return JSON.stringify({ id: line.id, ...answer(line) });
});
writeFileSync(out, answers.join("\n") + "\n");
