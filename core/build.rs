//! Compiles the data files in `data/` into static tables, so that the core neither reads files
//! nor parses JSON at run time: the rule registry, the message tables per locale, the VM size
//! catalog and the Kubernetes versions snapshot.
use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn main() {
    let data = Path::new("data");
    println!("cargo:rerun-if-changed=data");
    let out = env::var("OUT_DIR").map(std::path::PathBuf::from).unwrap_or_else(|_| fail("OUT_DIR is not set"));
    let mut src = String::new();
    rules(&data.join("rules.json"), &mut src);
    messages(&data.join("messages"), &mut src);
    // The VM catalog goes to its own file, included by `vmsize::catalog`, next to the code that reads it.
    let mut vm = String::new();
    vm_sizes(&data.join("vm-sizes.csv"), &mut vm);
    fs::write(out.join("vm_sizes.rs"), vm).unwrap_or_else(|e| fail(&format!("writing vm_sizes.rs: {e}")));
    let snapshot = read(&data.join("k8s-versions-snapshot.json"));
    let date = serde_json::from_str::<serde_json::Value>(&snapshot)
        .ok()
        .and_then(|v| v["$date"].as_str().map(String::from))
        .filter(|d| d.len() == 10 && d.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() }))
        .unwrap_or_else(|| fail("k8s-versions-snapshot.json: \"$date\" must be the YYYY-MM-DD the list was taken"));
    // The snapshot goes to its own file, included by `k8s::snapshot`, next to the code that reads it.
    let k8s = format!(
        "/// The snapshot file's text, as checked in.\nconst JSON: &str = {snapshot:?};\n/// Its `$date`.\nconst DATE: &str = {date:?};\n"
    );
    fs::write(out.join("k8s_snapshot.rs"), k8s).unwrap_or_else(|e| fail(&format!("writing k8s_snapshot.rs: {e}")));
    fs::write(out.join("generated.rs"), src).unwrap_or_else(|e| fail(&format!("writing generated.rs: {e}")));
}

fn fail(msg: &str) -> ! {
    eprintln!("akscompute build: {msg}");
    std::process::exit(1)
}

fn read(p: &Path) -> String {
    println!("cargo:rerun-if-changed={}", p.display());
    fs::read_to_string(p).unwrap_or_else(|e| fail(&format!("{}: {e}", p.display())))
}

fn json(p: &Path) -> serde_json::Value {
    serde_json::from_str(&read(p)).unwrap_or_else(|e| fail(&format!("{}: {e}", p.display())))
}

const PROFILES: [&str; 4] = ["sdk", "2020-10", "2021-04", "2021-11"];

fn rules(p: &Path, src: &mut String) {
    let v = json(p);
    let rules = v["rules"].as_array().unwrap_or_else(|| fail("rules.json: no rules array"));
    src.push_str("/// Every rule, in registry order.\npub static RULES: &[RuleInfo] = &[\n");
    let mut consts = String::new();
    // The docs are a table of their own: a build that never asks for them (the browser
    // package) links none of their bytes.
    let mut docs = String::from("/// The rule docs, in registry order.\npub(crate) static RULE_DOCS: &[RuleDoc] = &[\n");
    for (i, r) in rules.iter().enumerate() {
        let code = r["code"].as_str().unwrap_or_else(|| fail("rule without code"));
        let title = r["title"].as_str().unwrap_or_default();
        let source = r["source"].as_str().unwrap_or_default();
        let description = r["description"].as_str().unwrap_or_else(|| fail(&format!("{code}: no description")));
        let severity_note = r["severity_note"].as_str().unwrap_or_default();
        let seed = match r.get("seed") {
            None => "None".to_string(),
            Some(q) => format!(
                "Some(SeedQuote {{ file: {:?}, line: {}, page: {:?}, quote: {:?} }})",
                q["file"].as_str().unwrap_or_else(|| fail(&format!("{code}: seed without file"))),
                q["line"].as_u64().unwrap_or_else(|| fail(&format!("{code}: seed without line"))),
                q["page"].as_str().unwrap_or_default(),
                q["quote"].as_str().unwrap_or_else(|| fail(&format!("{code}: seed without quote")))
            ),
        };
        let sev: Vec<String> = PROFILES
            .iter()
            .map(|pr| match r["profiles"][pr].as_str() {
                None => "None".to_string(),
                Some("error") => "Some(Severity::Error)".into(),
                Some("warning") => "Some(Severity::Warning)".into(),
                Some("info") => "Some(Severity::Info)".into(),
                Some(other) => fail(&format!("{code}: severity {other}")),
            })
            .collect();
        writeln!(src, "    RuleInfo {{ code: {code:?}, title: {title:?}, source: {source:?}, severities: [{}] }},", sev.join(", ")).ok();
        writeln!(docs, "    RuleDoc {{ description: {description:?}, severity_note: {severity_note:?}, seed: {seed} }},").ok();
        // The rule's title is the constant's rustdoc, so a rule code is documented where it is used.
        // A title may hold `<`/`>` (`-<digits>`), which rustdoc would read as an HTML tag.
        let doc = format!("{code}: {title}").replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        writeln!(consts, "    #[doc = {doc:?}]\n    pub const {code}: Code = Code({i});").ok();
    }
    docs.push_str("];\n\n");
    src.push_str("];\n\n");
    src.push_str(&docs);
    src.push_str("/// The stable codes, as constants that index [`RULES`].\npub mod codes {\n    use super::Code;\n");
    src.push_str(&consts);
    src.push_str("}\n\n");
}

fn messages(dir: &Path, src: &mut String) {
    let mut locales: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        // Without the all-locales feature only English and azureml-core's texts are compiled in;
        // without the english feature either, English is registered at run time (the browser's
        // lean module fetches it beside the module, like every other language).
        .filter(|p| {
            let english = env::var_os("CARGO_FEATURE_ENGLISH").is_some();
            match p.file_stem().and_then(|s| s.to_str()) {
                Some("sdk") => true,
                Some("en") => english,
                _ => env::var_os("CARGO_FEATURE_ALL_LOCALES").is_some(),
            }
        })
        .collect();
    locales.sort();
    // The command line's own texts (`ui.cli.*`) are compiled in only where a command line runs:
    // a browser or a notebook would carry them for nothing.
    let cli = env::var_os("CARGO_FEATURE_CLI_TEXTS").is_some();
    let mut table = String::from("pub(crate) static LOCALES: &[(&str, &[Entry])] = &[\n");
    for p in &locales {
        let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or_else(|| fail("locale file name"));
        let v = json(p);
        let obj = v.as_object().unwrap_or_else(|| fail(&format!("{name}: not an object")));
        let mut entries: Vec<(&String, &serde_json::Value)> =
            obj.iter().filter(|(k, _)| !k.starts_with('$') && (cli || !k.starts_with("ui.cli."))).collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        writeln!(table, "    ({name:?}, &[").ok();
        for (k, e) in entries {
            let (m, f) = match e {
                serde_json::Value::String(s) => (s.as_str(), ""),
                _ => (e["message"].as_str().unwrap_or_else(|| fail(&format!("{name}.{k}: no message"))), e["fix"].as_str().unwrap_or("")),
            };
            // Whether a text has placeholders is known now, so rendering need not scan for them.
            writeln!(
                table,
                "        Entry {{ key: {k:?}, message: {m:?}, fix: {f:?}, message_params: {}, fix_params: {} }},",
                m.contains('{'),
                f.contains('{')
            )
            .ok();
        }
        table.push_str("    ]),\n");
    }
    table.push_str("];\n\n");
    src.push_str(&table);
}

/// The catalog as one blob of names (sorted case-insensitively, the common `Standard_` prefix
/// dropped) and a compact row per size: it is most of the data a browser downloads.
fn vm_sizes(p: &Path, src: &mut String) {
    let text = read(p);
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(',').collect();
        if f.len() < 5 {
            fail(&format!("vm-sizes.csv:{}: expected name,vcpus,memory_gib,gpus,fpga", n + 1));
        }
        let num = |s: &str| s.parse::<f64>().unwrap_or_else(|_| fail(&format!("vm-sizes.csv:{}: {s}", n + 1)));
        rows.push((f[0].to_string(), num(f[1]) as u16, num(f[2]), num(f[3]) as u8, f[4] == "true"));
    }
    // Ordered by (has the Standard_ prefix, lower-case rest): the lookup compares exactly that.
    rows.sort_by_key(|r| match r.0.strip_prefix("Standard_") {
        Some(rest) => (true, rest.to_ascii_lowercase()),
        None => (false, r.0.to_ascii_lowercase()),
    });
    let mut blob = String::new();
    src.push_str("/// The VM size catalog, sorted by lower-case name for binary search.\npub(crate) static VM_SIZES: &[VmSizeRow] = &[\n");
    for (name, vcpus, mem, gpus, fpga) in rows {
        let (standard, short) = match name.strip_prefix("Standard_") {
            Some(rest) => (true, rest.to_string()),
            None => (false, name.clone()),
        };
        let start = blob.len();
        blob.push_str(&short);
        if short.len() > 255 || blob.len() > u32::MAX as usize {
            fail(&format!("vm-sizes.csv: {name} is too long"));
        }
        writeln!(
            src,
            "    VmSizeRow {{ start: {start}, len: {}, standard: {standard}, vcpus: {vcpus}, memory_gib: {}f32, gpus: {gpus}, fpga: {fpga} }},",
            short.len(),
            mem as f32
        )
        .ok();
    }
    src.push_str("];\n");
    writeln!(src, "pub(crate) static VM_NAMES: &str = {blob:?};").ok();
    // The same names in lower case, at the same offsets, so lookups compare plain bytes.
    writeln!(src, "pub(crate) static VM_NAMES_LOWER: &str = {:?};", blob.to_ascii_lowercase()).ok();
}
