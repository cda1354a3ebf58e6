// Where a validation's time goes in Chromium: the CDP sampling profiler over many calls of
// validateCreate and validateAttach (web/bench/inputs.mjs), on the main module built with its
// function names (`make wasm-profile`), self time per function, top N. A profile, not a test.
//   node web/bench/profile.mjs [create|attach|create_changed|attach_changed] [N]
// The _changed cases hand a context changed from the last on every call (as web/bench.mjs
// changes it: the workspace's name, the node count), the context cache's miss path.
import { chromium } from "playwright-core";
import { start } from "../serve.mjs";
import { create, attach } from "./inputs.mjs";

const which = process.argv[2] ?? "create";
const top = Number(process.argv[3] ?? 25);
const input = { create, attach, create_changed: create, attach_changed: attach }[which];
if (!input) throw new Error(`profile.mjs: ${which} is not create, attach, create_changed or attach_changed`);
const profiled = new URL("../../target/wasm-profile/", import.meta.url);
const server = await start(0, [["/prof/", profiled.pathname], ["/", new URL("..", import.meta.url).pathname]]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await browser.newPage();
await page.goto(`${server.url}index.html`);
await page.evaluate(async () => {
  const mod = await import("/prof/bg/akscompute.js");
  await mod.default({ module_or_path: "/prof/akscompute.wasm" });
  globalThis.aksProfiled = mod;
});
const cdp = await page.context().newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 20 });
const fn = which.startsWith("create") ? "validateCreate" : "validateAttach";
await page.evaluate(({ which, input }) => {
  const c = (k) => {
    const ctx = structuredClone(input.context);
    if (which === "create_changed") ctx.workspace.name = `ws${k}`;
    else ctx.cluster.agentPoolProfiles[0].count = 3 + k;
    return ctx;
  };
  globalThis.aksContexts = which.endsWith("_changed") ? Array.from({ length: 2000 }, (_, k) => c(k)) : [input.context];
}, { which, input });
const run = (n) => page.evaluate(({ fn, input, n }) => {
  const cs = globalThis.aksContexts;
  for (let i = 0; i < n; i++) globalThis.aksProfiled[fn](input.config, cs[i % cs.length]);
}, { fn, input, n });
await run(3000);
await cdp.send("Profiler.start");
await run(30000);
const { profile } = await cdp.send("Profiler.stop");
await browser.close();
await server.close();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const n = byId.get(profile.samples[i]);
  const dt = profile.timeDeltas[i] ?? 0;
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url.endsWith(".wasm") || url.startsWith("wasm://") ? "wasm" : url ? url.replace(/^.*\//, "") : "";
  // An anonymous function is told apart by its line (the glue's imports are all anonymous).
  const key = `${functionName || `(anonymous, line ${lineNumber + 1})`} [${where}]`;
  self.set(key, (self.get(key) ?? 0) + dt);
  total += dt;
}
const rows = [...self].sort((a, b) => b[1] - a[1]);
const layer = (k) => (k.includes("[wasm]") ? "wasm" : k.includes("(idle)") || k.includes("(program)") || k.includes("(garbage collector)") ? k.replace(/ \[.*/, "") : "JS (glue and engine builtins)");
const layers = new Map();
for (const [k, t] of rows) layers.set(layer(k), (layers.get(layer(k)) ?? 0) + t);
console.log(`${which}: ${fn}, 30000 calls, ${(total / 1000).toFixed(0)} ms sampled`);
for (const [k, t] of [...layers].sort((a, b) => b[1] - a[1])) console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
console.log("self time, top functions:");
for (const [k, t] of rows.slice(0, top)) console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k.slice(0, 150)}`);
