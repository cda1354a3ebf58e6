// The form: it gathers the configuration and context, asks the WASM core, and shows what the
// core says. No rule lives here; the page only places each diagnostic beside its field.
// The lean module first (every rule; no certificate reader, request builder or export); the main
// one when a certificate or key is chosen or the preview is first seen (akscompute/form's loadFull).
import init, * as aks from "./pkg/form.js";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
const form = $("#form");
const files = { cert: null, key: null };
let tab = "request";
// The preview needs the main module: it is loaded once the preview has been on screen.
let previewSeen = false;

// Languages. The static English texts are index.html's own (collected from its data-i18n
// elements at start); the texts the page writes itself are these. Each other language is two
// files fetched when first chosen: web/i18n/LANG.json (the page's texts) and the core's message
// table (pkg/messages/LANG.json), which the core registers; English needs neither.
const EN = {
  "summary.send": "It can be sent.",
  "summary.fix": "Fix the errors before you send it.",
  "summary.unreadable": "The configuration cannot be read: {problems}.",
  "problems.one": "# problem",
  "problems.other": "# problems",
  "capacity.create": "{nodes} × {size} ({per}) = {total} in all{extra}",
  "capacity.attach": "The cluster: {nodes}, {vcpus}, {gpus} in {pools}",
  "vcpus.one": "# vCPU",
  "vcpus.other": "# vCPUs",
  "vcpus.unknown": "unknown vCPUs",
  "gpus.one": "# GPU",
  "gpus.other": "# GPUs",
  "nodes.one": "# node",
  "nodes.other": "# nodes",
  "pools.one": "# pool",
  "pools.other": "# pools",
  "rules.one": "# rule.",
  "rules.other": "# rules.",
  "not_yet": "Not yet: {message}",
  "preview.loading": "Loading the preview…",
  "copied": "Copied.",
  "selected": "Selected: press Ctrl+C to copy.",
  "file_read": "{file}, read here, never uploaded",
  "paste.cluster": "This is not JSON ({error}). Paste the whole output of az aks show.",
  "start_failed": "akscompute could not start: {error}",
  "messages_failed": "The English messages could not be loaded ({error}): each finding shows its rule code and title. Your input is kept; choosing a language tries again.",
};
const STORE = "akscompute.locale";
const texts = new Map([["en", EN]]);
let lang = "en";
let chrome = null;

/** A text of the page in the current language (English when the language lacks it). */
function t(key, params = {}) {
  const s = texts.get(lang)?.[key] ?? texts.get("en")[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
}

/** "3 nodes", "3 uzly", "3 düğüm": the CLDR category from the browser's own Intl.PluralRules. */
function plural(key, n) {
  const cat = new Intl.PluralRules(lang).select(n);
  const own = texts.get(lang) ?? {};
  const s = own[`${key}.${cat}`] ?? own[`${key}.other`] ?? EN[`${key}.${cat}`] ?? EN[`${key}.other`];
  return s.replace("#", new Intl.NumberFormat(lang).format(n));
}

function supported() {
  return [...$("#locale").options].map((o) => o.value);
}

/** The first of the browser's languages the page has, else English (and the core says so). */
function firstLanguage() {
  const saved = localStorage.getItem(STORE);
  if (saved && supported().includes(saved)) return { lang: saved, asked: saved };
  const asked = navigator.languages?.length ? navigator.languages : [navigator.language ?? "en"];
  for (const tag of asked) {
    let base;
    try {
      base = new Intl.Locale(tag).language;
    } catch {
      continue;
    }
    if (supported().includes(base)) return { lang: base, asked: tag };
  }
  return { lang: "en", asked: asked[0] ?? "en" };
}

async function fetchText(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.text();
}

/** Fetches a language's two files once; the core keeps its table from then on. */
async function load(code) {
  if (texts.has(code)) return;
  const [page, table] = await Promise.all([fetchText(`i18n/${code}.json`), fetchText(`pkg/messages/${code}.json`)]);
  aks.localeChrome(code, table, 0, 0, 0);
  texts.set(code, JSON.parse(page));
}

/** Puts a text in an element; a `{code}` in it stands for the element's <code> child. */
function setText(el, text) {
  const code = el.querySelector(":scope > code");
  if (!code) {
    el.textContent = text;
    return;
  }
  const [before, after = ""] = text.split("{code}");
  el.replaceChildren(before, code, after);
}

function collectEnglish() {
  for (const el of $$("[data-i18n]")) {
    const code = el.querySelector(":scope > code");
    EN[el.dataset.i18n] = code ? [...el.childNodes].map((n) => (n === code ? "{code}" : n.textContent)).join("") : el.textContent;
  }
  for (const el of $$("[data-i18n-placeholder]")) EN[el.dataset.i18nPlaceholder] = el.placeholder;
  for (const el of $$("[data-i18n-aria-label]")) EN[el.dataset.i18nAriaLabel] = el.getAttribute("aria-label");
}

function translatePage() {
  document.documentElement.lang = lang;
  for (const el of $$("[data-i18n]")) setText(el, t(el.dataset.i18n));
  for (const el of $$("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of $$("[data-i18n-aria-label]")) el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel));
  for (const which of ["cert", "key"]) {
    const name = $(`#t-${which}`).files?.[0]?.name;
    if (name) $(`#t-${which}-name`).textContent = t("file_read", { file: name });
  }
  $("#rule-count").textContent = plural("rules", aks.ruleCodes().length);
  for (const o of $$("#vm-sizes option")) {
    const { vcpus, gpus, fpga } = o.dataset;
    o.label = `${plural("vcpus", Number(vcpus))}${fpga === "true" ? ", FPGA" : Number(gpus) ? `, ${plural("gpus", Number(gpus))}` : ""}`;
  }
}

/** Says (or stops saying) that the core's English messages are missing: codes and titles only. */
function messagesNotice() {
  const e = aks.englishError();
  const p = $("#messages-notice");
  p.hidden = !e;
  p.textContent = e ? t("messages_failed", { error: e.message }) : "";
}

/** The main module answers from now on (it has English built in), or the lean module's English
 * table has arrived: the chrome again, then validate again. */
function chromeAgain() {
  chrome = aks.localeChrome(lang, undefined, 0, 0, 0);
  messagesNotice();
  update();
}

/** Switches the page, its messages and the core's chrome to a language. */
async function useLanguage(code) {
  // English is every table's fallback: a fetch that failed at start is tried again here (or the
  // one still under way awaited), without holding the page back.
  if (aks.englishError()) aks.loadEnglish().then(chromeAgain, () => {});
  try {
    await load(code);
  } catch {
    code = "en"; // a file that cannot be fetched (offline, say): the page stays usable in English
  }
  lang = code;
  $("#locale").value = code;
  chrome = aks.localeChrome(code, undefined, 0, 0, 0);
  translatePage();
  messagesNotice();
  update();
  document.body.dataset.lang = code;
}

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
  const ctx = { profile: $("#profile").value, locale: lang, now: new Date().toISOString() };
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
        problems.push({ path: ["cluster"], message: t("paste.cluster", { error: e.message }) });
      }
    }
    // JSON of either API or the table text: the core tells them apart (VersionList::from_input)
    // and says what is wrong with either, in its words and code, in the form's language.
    const versions = $("#f-versions").value;
    if (versions.trim()) {
      try {
        aks.parseKubernetesVersions(versions, lang);
        ctx.kubernetes_versions = versions;
      } catch (e) {
        if (!aks.isAkscomputeError(e)) throw e;
        problems.push({ code: e.code, path: ["kubernetes_versions"], message: e.message });
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
  code.textContent = `${chrome?.labels[d.severity] ?? d.severity} ${d.code}`;
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
  // The counts are the core's summary line, in the core's plural forms for the language.
  const line = aks.localeChrome(lang, undefined, e, w, i).summary;
  const text = shapeError
    ? t("summary.unreadable", { problems: plural("problems", shapeError) })
    : `${line.charAt(0).toLocaleUpperCase(lang)}${line.slice(1)}. ${e ? t("summary.fix") : t("summary.send")}`;
  const el = $("#summary-text");
  el.textContent = text;
  el.className = e || shapeError ? "bad" : w ? "warn" : "good";
}

function capacity(cfg, ctx) {
  try {
    if (mode() === "create") {
      const c = aks.capacitySummary("create", cfg, ctx);
      const p = c.pools[0];
      const per = p.vcpus_per_node === null ? t("vcpus.unknown") : plural("vcpus", p.vcpus_per_node);
      const extra = c.gpus ? `, ${plural("gpus", c.gpus)}` : c.fpga ? ", FPGA" : "";
      const total = c.vcpus === null ? plural("vcpus", 0).replace(/\d+/, "?") : plural("vcpus", c.vcpus);
      $("#capacity").textContent = t("capacity.create", { nodes: c.nodes, size: p.vm_size, per, total, extra });
    } else {
      const c = aks.capacitySummary("attach", cfg, ctx);
      const count = (key, v) => (v === null || v === undefined ? plural(key, 0).replace(/\d+/, "?") : plural(key, v));
      $("#cluster-capacity").textContent = c
        ? t("capacity.attach", { nodes: count("nodes", c.nodes), vcpus: count("vcpus", c.vcpus), gpus: count("gpus", c.gpus), pools: count("pools", c.pools.length) })
        : "";
    }
  } catch {
    $("#capacity").textContent = "";
  }
}

function preview(cfg, ctx) {
  const out = $("#preview");
  if (!aks.fullLoaded()) {
    out.textContent = t("preview.loading");
    out.classList.add("muted");
    if (previewSeen) aks.loadFull().then(chromeAgain, () => {});
    return;
  }
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
    out.textContent = aks.isAkscomputeError(e) ? t("not_yet", { message: e.message }) : String(e);
    out.classList.add("muted");
  }
}

function update() {
  clear();
  const cfg = config();
  const { ctx, problems } = context();
  // Text that is not JSON is the core's "syntax" shape error, not a rule: no code is invented here.
  const pasted = problems.map((p) => ({ code: p.code ?? "syntax", severity: "error", path: p.path, message: p.message }));
  try {
    const v = mode() === "create" ? aks.validateCreate(cfg, ctx) : aks.validateAttach(cfg, ctx);
    place([...pasted, ...v.diagnostics]);
    summary([...pasted, ...v.diagnostics]);
  } catch (e) {
    if (!aks.isAkscomputeError(e)) throw e;
    // A certificate or key before the main module is here: validate again once it is.
    if (e.code === "unsupported" && !aks.fullLoaded()) aks.loadFull().then(chromeAgain, () => {});
    const diags = e.errors.map((x) => ({ code: e.code, severity: "error", path: x.path, message: x.message }));
    place([...pasted, ...diags]);
    summary(diags, e.errors.length);
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
  r.onload = async () => {
    files[which] = String(r.result);
    $(`#t-${which}-name`).textContent = t("file_read", { file: f.name });
    // The first certificate or key loads the module that reads them (once).
    await aks.loadFull().then(chromeAgain, update);
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
  previewSeen = true;
  update();
}

async function main() {
  await init();
  collectEnglish();
  const list = $("#vm-sizes");
  const frag = document.createDocumentFragment();
  for (const [name, vcpus, gpus, fpga] of aks.vmSizes()) {
    const o = document.createElement("option");
    o.value = name;
    Object.assign(o.dataset, { vcpus, gpus, fpga });
    frag.append(o);
  }
  list.append(frag);
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
  $("#locale").addEventListener("change", () => {
    const code = $("#locale").value;
    localStorage.setItem(STORE, code);
    useLanguage(code);
  });
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
      $("#copied").textContent = t("copied");
    } catch {
      const range = document.createRange();
      range.selectNodeContents($("#preview"));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      $("#copied").textContent = t("selected");
    }
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  new IntersectionObserver((seen, observer) => {
    if (!seen.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    previewSeen = true;
    update();
  }).observe($("#pane"));
  syncSections();
  const first = firstLanguage();
  await useLanguage(first.lang);
  // Said once: the browser asked for a language the page does not have.
  const asked = aks.localeChrome(first.asked, undefined, 0, 0, 0);
  if (asked.fellBack && first.lang === "en") $("#locale-notice").textContent = asked.notice ?? "";
  document.body.dataset.ready = "true";
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("sw.js").catch(() => {});
  }
}

main().catch((e) => {
  $("#summary-text").textContent = t("start_failed", { error: e });
});
