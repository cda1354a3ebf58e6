// Two or more builds of the lean module side by side in one Chromium, rounds interleaved
// (A, B, A, B, …) so that the machine's load falls on every build alike: the way to tell a
// change from the noise on a shared machine. A measurement, not a test.
//   node web/bench/compare.mjs DIR_A DIR_B [...]   (each a copy of bindings/wasm/pkg)
// ROUNDS (41) and CALLS (500 per round) in the environment change the rounds' number and size:
// the clock's steps are 0.1 ms in Chromium, 0.2 µs per call at 500 calls.
// Prints, per build, the median of the rounds for validateCreate and validateAttach, each with
// the same context and with a changed context on every call (the context cache's miss path).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { start } from "../serve.mjs";
import { create, attach } from "./inputs.mjs";

const dirs = process.argv.slice(2).map((d) => resolve(d));
if (dirs.length < 1) throw new Error("compare.mjs: give one or more package directories");
const mounts = dirs.map((d, i) => [`/b${i}/`, d]);
const server = await start(0, [...mounts, ["/", new URL("..", import.meta.url).pathname]]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const page = await browser.newPage();
await page.goto(`${server.url}index.html`);
const rows = await page.evaluate(
  async ({ n, create, attach, rounds_, calls }) => {
    const mods = [];
    for (let i = 0; i < n; i++) {
      const m = await import(`/b${i}/akscompute_form.js`);
      await m.default({ module_or_path: `/b${i}/akscompute_form_bg.wasm` });
      m.localeChrome("en", await (await fetch(`/b${i}/messages/en.json`)).text(), 0, 0, 0);
      mods.push(m);
    }
    // A context that differs on every call (the node count), as a form whose cluster changed.
    let k = 0;
    const changed = () => {
      const c = structuredClone(attach.context);
      c.cluster.agentPoolProfiles[0].count = 1 + (k++ % 50);
      return c;
    };
    const contexts = Array.from({ length: 2000 }, changed);
    // And a create's, as web/bench.mjs changes it (the workspace's name).
    const createContexts = Array.from({ length: 2000 }, (_, j) => {
      const c = structuredClone(create.context);
      c.workspace.name = `ws${j}`;
      return c;
    });
    const cases = {
      create: (m) => () => m.validateCreate(create.config, create.context),
      create_changed: (m) => {
        let i = 0;
        return () => m.validateCreate(create.config, createContexts[i++ % createContexts.length]);
      },
      attach: (m) => () => m.validateAttach(attach.config, attach.context),
      attach_changed: (m) => {
        let i = 0;
        return () => m.validateAttach(attach.config, contexts[i++ % contexts.length]);
      },
    };
    const ROUNDS = rounds_;
    const out = mods.map(() => ({}));
    // Every case on every build first, so that each module's code has tiered up before any round.
    for (const make of Object.values(cases)) for (const m of mods) for (let i = 0, f = make(m); i < 3000; i++) f();
    for (const [name, make] of Object.entries(cases)) {
      const fs = mods.map((m) => make(m));
      for (const f of fs) for (let i = 0; i < 1000; i++) f();
      const rounds = mods.map(() => []);
      for (let r = 0; r < ROUNDS; r++) {
        fs.forEach((f, j) => {
          const t = performance.now();
          for (let i = 0; i < calls; i++) f();
          rounds[j].push(((performance.now() - t) * 1000) / calls); // µs per call
        });
      }
      rounds.forEach((rs, j) => {
        rs.sort((a, b) => a - b);
        out[j][name] = rs[ROUNDS >> 1];
      });
    }
    return out;
  },
  { n: dirs.length, create, attach, rounds_: Number(process.env.ROUNDS ?? 41), calls: Number(process.env.CALLS ?? 500) },
);
await browser.close();
await server.close();
const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
console.log("build | lean gz KiB | create µs | create, changed context µs | attach µs | attach, changed context µs");
rows.forEach((r, i) => {
  const size = (gz(`${dirs[i]}/akscompute_form_bg.wasm`) / 1024).toFixed(1);
  console.log(`${dirs[i]} | ${size} | ${r.create.toFixed(2)} | ${r.create_changed.toFixed(2)} | ${r.attach.toFixed(2)} | ${r.attach_changed.toFixed(2)}`);
});
