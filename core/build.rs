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
    vm_sizes(&data.join("vm-sizes.csv"), &data.join("vm-sizes-sources.csv"), &mut vm);
    fs::write(out.join("vm_sizes.rs"), vm).unwrap_or_else(|e| fail(&format!("writing vm_sizes.rs: {e}")));
    let snapshot = read(&data.join("k8s-versions-snapshot.json"));
    let doc = serde_json::from_str::<serde_json::Value>(&snapshot).ok();
    let date = doc
        .as_ref()
        .and_then(|v| v["$date"].as_str().map(String::from))
        .filter(|d| d.len() == 10 && d.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() }))
        .unwrap_or_else(|| fail("k8s-versions-snapshot.json: \"$date\" must be a YYYY-MM-DD date (what refresh_k8s_snapshot writes: the day it ran, or its --date)"));
    // Compiled in without its `$` keys (the comment for whoever refreshes the file, the date,
    // taken above) and without indentation: the browser's module carries it (0.2 KB gzipped less).
    let snapshot = match doc {
        Some(serde_json::Value::Object(mut m)) => {
            m.retain(|k, _| !k.starts_with('$'));
            serde_json::to_string(&m).unwrap_or_else(|e| fail(&format!("k8s-versions-snapshot.json: {e}")))
        }
        _ => fail("k8s-versions-snapshot.json: not a JSON object"),
    };
    // The snapshot goes to its own file, included by `k8s::snapshot`, next to the code that reads it.
    let k8s = format!(
        "/// The snapshot file's text, without its `$` keys and indentation.\nconst JSON: &str = {snapshot:?};\n/// Its `$date`.\nconst DATE: &str = {date:?};\n"
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
    // A table of `RuleInfo`s. Measured and rejected: the registry as columns (every text in one
    // string with a length per text, the slices built on first use) made the browser's lean
    // module 1 KB larger raw and 33 bytes larger gzipped (the decoder outweighs the pointers).
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

/// The catalog in columns (`vm_sizes.rs`, read by `vmsize::catalog`): the names front-coded
/// (sorted case-insensitively, the common `Standard_` prefix dropped, the sizes without it first;
/// each name as the length of the prefix it shares with the one before, the length of the rest,
/// and the rest), and one array per fact, the memory as an index into its few distinct values.
/// Columns of like values compress far better than rows of mixed ones, and it is most of the
/// data a browser downloads. Measured gzipped: the names as one string with a `u16` start per
/// name were 6.7 KB (the rising starts hardly compress), front-coded 2.0 KB; the lookup decodes
/// them once, on first use (about 12 KB of memory, a few µs).
fn vm_sizes(p: &Path, sources: &Path, src: &mut String) {
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
        let int = |s: &str, max: f64| {
            let v = num(s);
            if v.fract() != 0.0 || !(0.0..=max).contains(&v) {
                fail(&format!("vm-sizes.csv:{}: {s} is not a whole number up to {max}", n + 1));
            }
            v
        };
        rows.push((
            f[0].to_string(),
            int(f[1], f64::from(u16::MAX)) as u16,
            num(f[2]) as f32,
            int(f[3], f64::from(u8::MAX)) as u8,
            f[4] == "true",
            f.get(5).copied().unwrap_or_default().to_string(),
        ));
    }
    // Ordered by (has the Standard_ prefix, lower-case rest): the lookup compares exactly that.
    rows.sort_by_key(|r| match r.0.strip_prefix("Standard_") {
        Some(rest) => (true, rest.to_ascii_lowercase()),
        None => (false, r.0.to_ascii_lowercase()),
    });
    let mut packed = Vec::new();
    let mut previous = "";
    let mut names_len = 0usize;
    let mut memories: Vec<f32> = Vec::new();
    let (mut vcpus, mut gpus, mut fpga, mut memory) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let first_standard = rows.iter().position(|r| r.0.starts_with("Standard_")).unwrap_or(rows.len());
    for (name, v, mem, g, f, _) in &rows {
        let short = name.strip_prefix("Standard_").unwrap_or(name);
        if short.len() > 255 || !short.is_ascii() {
            fail(&format!("vm-sizes.csv: {name} is not an ASCII name of at most 255 bytes"));
        }
        let shared = short.bytes().zip(previous.bytes()).take_while(|(a, b)| a == b).count();
        let rest = &short[shared..];
        packed.push(shared as u8);
        packed.push(rest.len() as u8);
        packed.extend_from_slice(rest.as_bytes());
        names_len += short.len();
        previous = short;
        let m = memories.iter().position(|x| x.to_bits() == mem.to_bits()).unwrap_or_else(|| {
            memories.push(*mem);
            memories.len() - 1
        });
        vcpus.push(v.to_string());
        gpus.push(g.to_string());
        fpga.push(f.to_string());
        memory.push(m.to_string());
    }
    if names_len > usize::from(u16::MAX) || memories.len() > 256 {
        fail("vm-sizes.csv: more names or memory sizes than the columns' types hold");
    }
    let list = |v: &[String]| v.join(",");
    let n = rows.len();
    let packed: String = packed.iter().map(|&b| std::ascii::escape_default(b).to_string()).collect();
    writeln!(
        src,
        "/// Every short name, in catalog order, front-coded: per name the length of the prefix it shares with the one \
         before, the length of the rest, and the rest.\npub(crate) static VM_NAMES_PACKED: &[u8] = b\"{packed}\";"
    )
    .ok();
    writeln!(src, "/// The bytes of every short name together.\npub(crate) const VM_NAMES_LEN: usize = {names_len};").ok();
    writeln!(src, "/// The rows from here on have the `Standard_` prefix.\npub(crate) const VM_FIRST_STANDARD: usize = {first_standard};")
        .ok();
    writeln!(src, "/// vCPUs per row.\npub(crate) static VM_VCPUS: [u16; {n}] = [{}];", list(&vcpus)).ok();
    writeln!(src, "/// GPUs per row.\npub(crate) static VM_GPUS: [u8; {n}] = [{}];", list(&gpus)).ok();
    writeln!(src, "/// FPGA or not, per row.\npub(crate) static VM_FPGA: [bool; {n}] = [{}];", list(&fpga)).ok();
    writeln!(src, "/// Per row, its memory's index in [`VM_MEMORY_GIB`].\npub(crate) static VM_MEMORY: [u8; {n}] = [{}];", list(&memory))
        .ok();
    let mems: Vec<String> = memories.iter().map(|m| format!("{m:?}f32")).collect();
    writeln!(src, "/// The distinct memory sizes, in GiB.\npub(crate) static VM_MEMORY_GIB: [f32; {}] = [{}];", mems.len(), list(&mems))
        .ok();
    vm_retired(&read(sources), rows.iter().map(|r| r.5.as_str()), src);
}

/// The retired sizes (`VM_RETIRED*`, for CAP010): the rows whose source revision of the
/// autoscaler's list is older than the newest one, which no longer lists them. Only the
/// retired rows' numbers, grouped by the date of the last revision that had them, a few hundred
/// bytes, where a column of 1,477 flags or dates would cost the browser more.
fn vm_retired<'a>(sources: &str, row_sources: impl Iterator<Item = &'a str>, src: &mut String) {
    let dates: Vec<(&str, &str)> = sources.lines().skip(1).filter_map(|l| l.trim().split_once(',')).collect();
    let newest = dates.iter().map(|d| d.1).max().unwrap_or_else(|| fail("vm-sizes-sources.csv: no revisions"));
    // Per last-seen date, newest first, the rows (in catalog order) last seen then.
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for (row, source) in row_sources.enumerate() {
        let revision = source.split(';').next().and_then(|s| s.strip_prefix("autoscaler@")).unwrap_or_default();
        let date = dates
            .iter()
            .find(|d| !revision.is_empty() && d.0.starts_with(revision))
            .map(|d| d.1)
            .unwrap_or_else(|| fail(&format!("vm-sizes.csv row {row}: source {source:?} is no revision of vm-sizes-sources.csv")));
        if date == newest {
            continue;
        }
        match groups.iter_mut().find(|g| g.0 == date) {
            Some(g) => g.1.push(row),
            None => groups.push((date, vec![row])),
        }
    }
    groups.sort_by(|a, b| b.0.cmp(a.0));
    let (mut rows, mut ends) = (Vec::new(), Vec::new());
    for (date, g) in &groups {
        rows.extend(g.iter().map(usize::to_string));
        ends.push(format!("({}, {date:?})", rows.len()));
    }
    writeln!(
        src,
        "/// The retired rows, grouped by the date the catalog's source last listed them.\npub(crate) static VM_RETIRED: [u16; {}] = [{}];",
        rows.len(),
        rows.join(",")
    )
    .ok();
    writeln!(
        src,
        "/// Per group of [`VM_RETIRED`], where it ends and its last-seen date (newest first).\npub(crate) static VM_RETIRED_GROUPS: [(u16, &str); {}] = [{}];",
        ends.len(),
        ends.join(", ")
    )
    .ok();
}
