// The form: it gathers the configuration and context, asks the WASM core, and shows what the
// core says. No rule lives here; the page only places each diagnostic beside its field.
import init, * as aks from "./pkg/akscompute.js";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
const form = $("#form");
const files = { cert: null, key: null };
let tab = "request";

function setPath(obj, path, value) {
  const keys = path.split(".");
  let o = obj;
  for (const k of keys.slice(0, -1)) o = o[k] ??= {};
  o[keys.at(-1)] = value;
}

const mode = () => $("input[name=mode]:checked").value;
const tlsMode = () => $("input[name=tls]:checked").value;
const shown = (el) => !el.closest("[hidden]");

function fieldValue(el) {
  if (el.type === "checkbox") return el.checked ? true : undefined;
  const v = el.value.trim();
  if (v === "") return undefined;
  if (el.type === "number") {
    const n = Number(v);
    return Number.isFinite(n) ? n : v; // a non-number goes through, so the core can say what is wrong
  }
  return v;
}

function config() {
  const cfg = {};
  for (const el of $$("[data-cfg]", form)) {
    if (!shown(el)) continue;
    if (el.dataset.cfg.startsWith("vnet.") && !$("#vnet-on").checked) continue;
    const v = fieldValue(el);
    if (v !== undefined) setPath(cfg, el.dataset.cfg, v);
  }
  if (tlsMode() === "custom") {
    cfg.ssl ??= {};
    if (files.cert !== null) cfg.ssl.cert = files.cert;
    if (files.key !== null) cfg.ssl.key = files.key;
  }
  return cfg;
}

/** The context, and problems with what was pasted (JSON that is not JSON). */
function context() {
  const ctx = { profile: $("#profile").value, locale: $("#locale").value, now: new Date().toISOString() };
  const problems = [];
  for (const el of $$("[data-ctx]")) {
    const v = el.value.trim();
    if (v) setPath(ctx, el.dataset.ctx, v);
  }
  if (mode() === "attach") {
    const cluster = $("#f-cluster").value.trim();
    if (cluster) {
      try {
        ctx.cluster = JSON.parse(cluster);
      } catch (e) {
        problems.push({ path: ["cluster"], message: `This is not JSON (${e.message}). Paste the whole output of az aks show.` });
      }
    }
    const versions = $("#f-versions").value;
    if (versions.trim()) {
      if (versions.trim().startsWith("{") || versions.trim().startsWith("[")) {
        try {
          ctx.kubernetes_versions = JSON.parse(versions);
        } catch (e) {
          problems.push({ path: ["kubernetes_versions"], message: `This is not JSON (${e.message}).` });
        }
      } else {
        ctx.kubernetes_versions = versions;
      }
    }
  }
  return { ctx, problems };
}

/** The element a path belongs to: the shown [data-path] that is its longest prefix. */
function target(path) {
  const p = path.join(".");
  let best = null;
  for (const el of $$("[data-path]")) {
    if (!shown(el)) continue;
    const dp = el.dataset.path;
    if ((p === dp || p.startsWith(dp + ".")) && (!best || dp.length > best.dataset.path.length)) best = el;
  }
  return best;
}

function diagSlot(owner) {
  if (owner.matches(".diag")) return owner;
  return $(":scope > .diag", owner) ?? $(".diag", owner);
}

function clear() {
  $$(".diag").forEach((d) => d.replaceChildren());
  $$("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  $("#general").replaceChildren();
}

function item(d) {
  const li = document.createElement("p");
  li.className = `d ${d.severity}`;
  li.dataset.code = d.code;
  const code = document.createElement("span");
  code.className = "code";
  code.textContent = `${d.severity} ${d.code}`;
  li.append(code, " ", d.message);
  if (d.fix) {
    const fix = document.createElement("span");
    fix.className = "fix";
    fix.textContent = ` ${d.fix}`;
    li.append(fix);
  }
  return li;
}

function place(diags) {
  for (const d of diags) {
    const owner = target(d.path);
    const slot = owner && diagSlot(owner);
    if (!slot) {
      const li = document.createElement("li");
      li.append(item(d));
      $("#general").append(li);
      continue;
    }
    slot.append(item(d));
    const input = owner.matches("input, select, textarea") ? owner : $("input, select, textarea", owner);
    if (input && slot.id) {
      const ids = new Set((input.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean));
      ids.add(slot.id);
      input.setAttribute("aria-describedby", [...ids].join(" "));
      if (d.severity === "error") input.setAttribute("aria-invalid", "true");
    }
  }
}

function summary(diags, shapeError) {
  const n = (s) => diags.filter((d) => d.severity === s).length;
  const e = n("error"), w = n("warning"), i = n("info");
  const plural = (k, one, many) => `${k} ${k === 1 ? one : many}`;
  const text = shapeError
    ? `The configuration cannot be read: ${shapeError}`
    : `${plural(e, "error", "errors")}, ${plural(w, "warning", "warnings")}, ${plural(i, "note", "notes")}. ${e ? "Fix the errors before you send it." : "It can be sent."}`;
  const el = $("#summary-text");
  el.textContent = text;
  el.className = e || shapeError ? "bad" : w ? "warn" : "good";
}

function capacity(cfg, ctx) {
  try {
    if (mode() === "create") {
      const c = aks.capacitySummary("create", cfg, ctx);
      const p = c.pools[0];
      const per = p.vcpus_per_node === null ? "unknown vCPUs" : `${p.vcpus_per_node} vCPUs`;
      const gpus = c.gpus ? `, ${c.gpus} GPUs` : c.fpga ? ", FPGA" : "";
      $("#capacity").textContent = `${c.nodes} × ${p.vm_size} (${per}) = ${c.vcpus === null ? "? vCPUs" : `${c.vcpus} vCPUs`} in all${gpus}`;
    } else {
      const c = aks.capacitySummary("attach", cfg, ctx);
      $("#cluster-capacity").textContent = c
        ? `The cluster: ${c.nodes} nodes, ${c.vcpus ?? "?"} vCPUs, ${c.gpus ?? "?"} GPUs in ${c.pools.length} pool(s)`
        : "";
    }
  } catch {
    $("#capacity").textContent = "";
  }
}

function preview(cfg, ctx) {
  const out = $("#preview");
  try {
    const op = mode();
    let text;
    if (tab === "request") {
      const r = op === "create" ? aks.buildCreateRequest(cfg, ctx) : aks.buildAttachRequest(cfg, ctx);
      text = JSON.stringify({ method: r.method, url: r.url, headers: r.headers, body: r.body }, null, 2);
    }
    else if (tab === "template") text = JSON.stringify(aks.armTemplate(op, cfg, ctx), null, 2);
    else text = aks.azCommand(op, cfg, ctx);
    out.textContent = text;
    out.classList.remove("muted");
  } catch (e) {
    out.textContent = aks.isAkscomputeError(e) ? `Not yet: ${e.message}` : String(e);
    out.classList.add("muted");
  }
}

function update() {
  clear();
  const cfg = config();
  const { ctx, problems } = context();
  // Text that is not JSON is the core's "syntax" shape error, not a rule: no code is invented here.
  const pasted = problems.map((p) => ({ code: "syntax", severity: "error", path: p.path, message: p.message }));
  try {
    const v = mode() === "create" ? aks.validateCreate(cfg, ctx) : aks.validateAttach(cfg, ctx);
    place([...pasted, ...v.diagnostics]);
    summary([...pasted, ...v.diagnostics]);
  } catch (e) {
    if (!aks.isAkscomputeError(e)) throw e;
    const diags = e.errors.map((x) => ({ code: e.code, severity: "error", path: x.path, message: x.message }));
    place([...pasted, ...diags]);
    summary(diags, e.message.split("\n")[0]);
  }
  capacity(cfg, ctx);
  preview(cfg, ctx);
}

function syncSections() {
  const m = mode();
  $$(".create-only").forEach((el) => (el.hidden = m !== "create"));
  $$(".attach-only").forEach((el) => (el.hidden = m !== "attach"));
  $("#vnet-fields").hidden = !$("#vnet-on").checked;
  $("#tls-leaf").hidden = tlsMode() !== "leaf";
  $("#tls-custom").hidden = tlsMode() !== "custom";
}

function readFile(input, which) {
  const f = input.files?.[0];
  if (!f) {
    files[which] = null;
    update();
    return;
  }
  const r = new FileReader();
  r.onload = () => {
    files[which] = String(r.result);
    $(`#t-${which}-name`).textContent = `${f.name}, read here, never uploaded`;
    update();
  };
  r.readAsText(f);
}

function selectTab(btn) {
  for (const b of $$("[role=tab]")) {
    const on = b === btn;
    b.setAttribute("aria-selected", String(on));
    b.tabIndex = on ? 0 : -1;
  }
  $("#pane").setAttribute("aria-labelledby", btn.id);
  tab = btn.id.replace("tab-", "");
  update();
}

async function main() {
  await init();
  const list = $("#vm-sizes");
  const frag = document.createDocumentFragment();
  for (const [name, vcpus, gpus, fpga] of aks.vmSizes()) {
    const o = document.createElement("option");
    o.value = name;
    o.label = `${vcpus} vCPUs${fpga ? ", FPGA" : gpus ? `, ${gpus} GPU${gpus > 1 ? "s" : ""}` : ""}`;
    frag.append(o);
  }
  list.append(frag);
  $("#rule-count").textContent = `${aks.ruleCodes().length} rules.`;
  form.addEventListener("input", () => {
    syncSections();
    update();
  });
  form.addEventListener("change", () => {
    syncSections();
    update();
  });
  for (const el of $$("[data-ctx], #profile")) el.addEventListener("input", update);
  $("#profile").addEventListener("change", update);
  $("#locale").addEventListener("change", update);
  $("#t-cert").addEventListener("change", (e) => readFile(e.target, "cert"));
  $("#t-key").addEventListener("change", (e) => readFile(e.target, "key"));
  const tabs = $$("[role=tab]");
  tabs.forEach((b, i) => {
    b.addEventListener("click", () => selectTab(b));
    b.addEventListener("keydown", (e) => {
      const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      const next = tabs[(i + step + tabs.length) % tabs.length];
      next.focus();
      selectTab(next);
    });
  });
  $("#copy").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText($("#preview").textContent);
      $("#copied").textContent = "Copied.";
    } catch {
      const range = document.createRange();
      range.selectNodeContents($("#preview"));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      $("#copied").textContent = "Selected: press Ctrl+C to copy.";
    }
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  syncSections();
  update();
  document.body.dataset.ready = "true";
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("sw.js").catch(() => {});
  }
}

main().catch((e) => {
  $("#summary-text").textContent = `akscompute could not start: ${e}`;
});
