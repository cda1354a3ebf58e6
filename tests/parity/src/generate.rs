//! Seeded random inputs built from the shared vectors: each starts from a vector's config and
//! context (so every operation and profile is covered) and takes a few hostile mutations.
//!
//! Values that `serde_json::Value` cannot hold (`1e400`, a lone surrogate, 6,000 levels of
//! nesting, integers beyond 64 bits) go in as placeholders and are spliced in as raw JSON text,
//! so the file carries exactly the text a user would write.
use serde_json::{json, Map, Value};
use std::path::Path;

/// The four profiles; every input gets one of them (or none, the default) in its context.
const PROFILES: [&str; 4] = ["sdk", "2020-10", "2021-04", "2021-11"];

/// Every message table but English (the default), and a tag no table has (the fallback).
const LOCALES: [&str; 7] = ["de", "nl", "cs", "tr", "it", "en-GB", "xx"];

/// Numbers at the edges: whole and fractional, 2^31, 2^53, 2^63, 2^64, beyond f64.
const NUMBERS: &[(&str, &str)] = &[
    ("zero", "0"),
    ("minus-one", "-1"),
    ("one", "1"),
    ("three-point-zero", "3.0"),
    ("fraction", "2.5"),
    ("minus-zero", "-0.0"),
    ("tiny", "1e-300"),
    ("2^31", "2147483648"),
    ("2^32", "4294967296"),
    ("2^53", "9007199254740992"),
    ("2^53+1", "9007199254740993"),
    ("1e16-int", "10000000000000000"),
    ("1e16", "1e16"),
    ("2^63-1", "9223372036854775807"),
    ("2^63", "9223372036854775808"),
    ("-2^63", "-9223372036854775808"),
    ("-2^63-1", "-9223372036854775809"),
    ("2^64-1", "18446744073709551615"),
    ("2^64", "18446744073709551616"),
    ("1e21", "1e21"),
    ("1e300", "1e300"),
    ("1e400", "1e400"),
    ("-1e400", "-1e400"),
    ("30-digits", "123456789012345678901234567890"),
    // Whole numbers written as floats or with an exponent, which JSON readers tell apart or not.
    ("minus-zero-int", "-0"),
    ("exp-int", "3e0"),
    ("exp-upper", "3E+0"),
    ("exp-frac", "30e-1"),
    ("1e2", "1e2"),
    ("underflow", "1e-400"),
    ("400-digits", "1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"),
];

/// Text that tends to break things: empty, padding, non-ASCII, controls, path tricks, case
/// folding, combining marks, a lone surrogate (only as a JSON escape: Rust strings cannot hold it).
const TEXTS: &[(&str, &str)] = &[
    ("empty", r#""""#),
    ("space", r#"" ""#),
    ("padded", r#""  myaks  ""#),
    ("newline", r#""myaks\n""#),
    ("accent", r#""\u00e9l\u00e8ve""#),
    ("cjk", r#""\u540d\u524d""#),
    ("emoji", r#""\ud83d\ude00""#),
    ("nul", r#""a\u0000b""#),
    ("escape", r#""\u001b[2J0 errors""#),
    ("dotdot", r#"".."#),
    ("dot", r#"".""#),
    ("pct-dotdot", r#""%2e%2e""#),
    ("slash", r#""a/b?x=1#f""#),
    ("rtl", r#""\u202egnp.exe""#),
    ("dotted-i", r#""\u0130stanbul""#),
    ("sharp-s", r#""stra\u00dfe""#),
    ("ligature", r#""\ufb01le""#),
    ("combining", r#""e\u0301""#),
    ("lone-surrogate", r#""a\ud800b""#),
    ("lone-low-surrogate", r#""\udc00""#),
    ("pem-ish", r#""-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----""#),
    ("template", r#""[listKeys('x')]""#),
    ("word-null", r#""null""#),
    ("word-true", r#""true""#),
    ("digits", r#""0""#),
    ("vm-case", r#""STANDARD_d3_V2""#),
    ("purpose-case", r#""fastprod""#),
    ("lb-case", r#""internalloadbalancer""#),
    ("version-ish", r#""1.29.999""#),
    ("cidr-ish", r#""10.0.0.0/33""#),
    ("ip-ish", r#""10.0.0.256""#),
    // Names that look right and are not: invisible, look-alike or reserved on some system.
    ("zero-width", r#""my\u200baks""#),
    ("fullwidth-dot", r#""my\uff0eaks""#),
    ("fullwidth-letters", r#""\uff4d\uff59\uff41\uff4b\uff53""#),
    ("bom-inside", r#""\ufeffmyaks""#),
    ("trailing-dot", r#""myaks.""#),
    ("trailing-space", r#""myaks ""#),
    ("device-name", r#""CON""#),
    ("pct-slash", r#""a%2Fb""#),
    ("soft-hyphen", r#""my\u00adaks""#),
    (
        "emoji-run",
        r#""\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00""#,
    ),
];

/// Nesting depths around every limit (64 in Python, 128 in serde_json) and far beyond.
const DEPTHS: &[usize] = &[1, 2, 10, 63, 64, 65, 127, 128, 129, 200, 6000];

/// Keys no shape has, and near misses of keys that exist.
const UNKNOWN: &[&str] = &["foo", "", " ", "__proto__", "constructor", "toString", "name ", "ńame", "0", "a.b", "$ref"];

/// One input line.
pub struct Input {
    pub id: usize,
    pub op: &'static str,
    pub tags: Vec<String>,
    pub config: String,
    pub context: Option<String>,
}

impl Input {
    /// The JSON line: the config and context as JSON text inside strings, so each harness
    /// parses them with its own language's JSON reader, as a user of that language would.
    pub fn line(&self) -> String {
        json!({"id": self.id, "op": self.op, "tags": self.tags, "config": self.config, "context": self.context}).to_string()
    }
}

struct Base {
    op: &'static str,
    config: Value,
    context: Option<Value>,
    profiles: Vec<String>,
}

fn op_name(s: &str) -> Option<&'static str> {
    match s {
        "create" => Some("create"),
        "attach" => Some("attach"),
        "update" => Some("update"),
        "detach" | "delete" => Some("detach"),
        _ => None,
    }
}

/// Every case of every vector file that has an operation and a config.
fn bases(vectors: &Path) -> Result<Vec<Base>, String> {
    let mut files: Vec<_> = std::fs::read_dir(vectors)
        .map_err(|e| format!("{}: {e}", vectors.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", f.display()))?;
        for c in v.get("cases").and_then(Value::as_array).into_iter().flatten() {
            let (Some(op), Some(config)) = (c.get("operation").and_then(Value::as_str).and_then(op_name), c.get("config")) else {
                continue;
            };
            let profiles = c
                .get("profiles")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(|p| p.as_str().map(String::from)).collect())
                .unwrap_or_default();
            out.push(Base { op, config: config.clone(), context: c.get("context").cloned(), profiles });
        }
    }
    if out.is_empty() {
        return Err(format!("no cases with an operation and a config in {}", vectors.display()));
    }
    Ok(out)
}

/// Placeholders for raw JSON text, spliced in after serialisation.
struct Raw(Vec<String>);

impl Raw {
    fn put(&mut self, text: String) -> Value {
        self.0.push(text);
        Value::String(format!("\u{0}raw{}\u{0}", self.0.len() - 1))
    }
    fn splice(&self, mut text: String) -> String {
        // Backwards, so `raw1` is not found inside `raw10`'s placeholder.
        for (i, raw) in self.0.iter().enumerate().rev() {
            text = text.replace(&format!("\"\\u0000raw{i}\\u0000\""), raw);
        }
        text
    }
}

#[derive(Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

fn all_paths(v: &Value, at: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                at.push(Seg::Key(k.clone()));
                out.push(at.clone());
                all_paths(x, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push(Seg::Index(i));
                out.push(at.clone());
                all_paths(x, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// Paths whose value passes `keep`, or every path when none does (or one time in four).
fn paths_where(rng: &mut fastrand::Rng, v: &Value, paths: &[Vec<Seg>], keep: fn(&Value) -> bool) -> Vec<Vec<Seg>> {
    let typed: Vec<Vec<Seg>> = paths.iter().filter(|p| at(v, p).is_some_and(keep)).cloned().collect();
    if typed.is_empty() || rng.u8(0..4) == 0 {
        paths.to_vec()
    } else {
        typed
    }
}

fn at<'v>(v: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    path.iter().try_fold(v, |v, s| match s {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::Index(i) => v.get(*i),
    })
}

fn at_mut<'v>(v: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    path.iter().try_fold(v, |v, s| match s {
        Seg::Key(k) => v.get_mut(k.as_str()),
        Seg::Index(i) => v.get_mut(*i),
    })
}

/// The objects inside a value (the root included), as paths.
fn object_paths(v: &Value) -> Vec<Vec<Seg>> {
    let mut all = vec![Vec::new()];
    all_paths(v, &mut Vec::new(), &mut all);
    all.retain(|p| {
        let mut v = v;
        for s in p {
            v = match s {
                Seg::Key(k) => &v[k.as_str()],
                Seg::Index(i) => &v[*i],
            };
        }
        v.is_object()
    });
    all
}

fn nested(depth: usize, objects: bool) -> String {
    let (open, close) = if objects { ("{\"a\":", "}") } else { ("[", "]") };
    format!("{}1{}", open.repeat(depth), close.repeat(depth))
}

fn case_variant(rng: &mut fastrand::Rng, k: &str) -> String {
    match rng.u8(0..3) {
        0 => k.to_uppercase(),
        1 => {
            let mut c = k.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        }
        _ => k
            .split('_')
            .map(|w| {
                let mut c = w.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
            })
            .collect(),
    }
}

fn typo(rng: &mut fastrand::Rng, k: &str) -> String {
    let mut c: Vec<char> = k.chars().collect();
    if c.len() < 2 {
        return format!("{k}x");
    }
    let i = rng.usize(0..c.len() - 1);
    match rng.u8(0..3) {
        0 => c.swap(i, i + 1),
        1 => {
            c.remove(i);
        }
        _ => c.insert(i, 'x'),
    }
    c.into_iter().collect()
}

/// One mutation of `v`; returns its tag.
fn mutate(rng: &mut fastrand::Rng, raw: &mut Raw, v: &mut Value) -> String {
    let mut paths = Vec::new();
    all_paths(v, &mut Vec::new(), &mut paths);
    let pick =
        |rng: &mut fastrand::Rng, paths: &[Vec<Seg>]| if paths.is_empty() { None } else { Some(paths[rng.usize(0..paths.len())].clone()) };
    match rng.u8(0..11) {
        10 => {
            // A key given twice (JSON readers keep the last): the first value as it was, then
            // another of another type.
            let objs = object_paths(v);
            let Some(p) = objs.get(rng.usize(0..objs.len().max(1))) else { return "duplicate-key:none".into() };
            let mut tag = "duplicate-key:none".to_string();
            if let Some(Value::Object(m)) = at_mut(v, p) {
                let keys: Vec<String> = m.keys().cloned().collect();
                if !keys.is_empty() {
                    let k = keys[rng.usize(0..keys.len())].clone();
                    let first = m.get(&k).map(Value::to_string).unwrap_or_else(|| "null".into());
                    let second = ["null", "3", "\"myaks\"", "{}", "[]", "true"][rng.usize(0..6)];
                    let kept_first = rng.bool();
                    let (a, b) = if kept_first { (second, first.as_str()) } else { (first.as_str(), second) };
                    // A raw text (1e400, 200 levels) in the value a reader drops is seen by a
                    // reader of the text only: tagged apart.
                    let hidden = !kept_first && first.contains("\\u0000raw");
                    let text = format!("{a}, {}: {b}", Value::String(k.clone()));
                    m.insert(k, raw.put(text));
                    tag = if hidden { "duplicate-key:hidden-raw".into() } else { "duplicate-key".into() };
                }
            }
            tag
        }
        0 | 1 => {
            let (label, text) = NUMBERS[rng.usize(0..NUMBERS.len())];
            let n = raw.put(text.to_string());
            let numbers = paths_where(rng, v, &paths, Value::is_number);
            // Counts are where numbers matter: the node count half the time.
            match v {
                Value::Object(m) if rng.bool() => {
                    m.insert("agent_count".into(), n);
                }
                _ => {
                    let at = pick(rng, &numbers);
                    set(rng, v, at, n);
                }
            }
            format!("number:{label}")
        }
        2 | 3 => {
            let (label, text) = TEXTS[rng.usize(0..TEXTS.len())];
            let long;
            let text = match rng.u8(0..12) {
                0 => {
                    long = format!("\"{}\"", "a".repeat([64, 65, 256, 10_000][rng.usize(0..4)]));
                    long.as_str()
                }
                _ => text,
            };
            let label = if text.len() > 60 { "long" } else { label };
            let s = raw.put(text.to_string());
            let strings = paths_where(rng, v, &paths, Value::is_string);
            let at = pick(rng, &strings);
            set(rng, v, at, s);
            format!("text:{label}")
        }
        4 => {
            let objs = object_paths(v);
            let Some(p) = objs.get(rng.usize(0..objs.len().max(1))) else { return "unknown-field:none".into() };
            let key = UNKNOWN[rng.usize(0..UNKNOWN.len())].to_string();
            if let Some(Value::Object(m)) = at_mut(v, p) {
                m.insert(key, json!(1));
            }
            "unknown-field".into()
        }
        5 => {
            // A key that differs from an existing one only in case, beside it or instead of it.
            let objs = object_paths(v);
            let Some(p) = objs.get(rng.usize(0..objs.len().max(1))) else { return "case-key:none".into() };
            let beside = rng.bool();
            let mut tag = "case-key:none".to_string();
            if let Some(Value::Object(m)) = at_mut(v, p) {
                let keys: Vec<String> = m.keys().cloned().collect();
                if !keys.is_empty() {
                    let k = &keys[rng.usize(0..keys.len())];
                    let other = case_variant(rng, k);
                    if other != *k {
                        let val = m.get(k).cloned().unwrap_or(Value::Null);
                        if !beside {
                            m.remove(k);
                        }
                        m.insert(other, val);
                        tag = if beside { "case-key:beside".into() } else { "case-key:instead".into() };
                    }
                }
            }
            tag
        }
        6 => {
            let objs = object_paths(v);
            let Some(p) = objs.get(rng.usize(0..objs.len().max(1))) else { return "typo:none".into() };
            let mut tag = "typo:none".to_string();
            if let Some(Value::Object(m)) = at_mut(v, p) {
                let keys: Vec<String> = m.keys().cloned().collect();
                if !keys.is_empty() {
                    let k = &keys[rng.usize(0..keys.len())];
                    let t = typo(rng, k);
                    if let Some(val) = m.remove(k) {
                        m.insert(t, val);
                    }
                    tag = "typo".into();
                }
            }
            tag
        }
        7 => {
            let d = DEPTHS[rng.usize(0..DEPTHS.len())];
            let n = raw.put(nested(d, rng.bool()));
            let at = pick(rng, &paths);
            set(rng, v, at, n);
            format!("depth:{d}")
        }
        8 => {
            let (label, val) = match rng.u8(0..6) {
                0 => ("null", Value::Null),
                1 => ("bool", json!(true)),
                2 => ("list", json!([])),
                3 => ("object", json!({})),
                4 => ("number", json!(3)),
                _ => ("string", json!("3")),
            };
            let at = pick(rng, &paths);
            set(rng, v, at, val);
            format!("type:{label}")
        }
        _ => {
            if let Some(p) = pick(rng, &paths) {
                if let Some((last, parent)) = p.split_last() {
                    match (at_mut(v, parent), last) {
                        (Some(Value::Object(m)), Seg::Key(k)) => {
                            m.remove(k);
                        }
                        (Some(Value::Array(a)), Seg::Index(i)) if *i < a.len() => {
                            a.remove(*i);
                        }
                        _ => {}
                    }
                }
            }
            "remove".into()
        }
    }
}

/// Puts `new` at `path`, or under a new field of the root when there is no path to take.
fn set(rng: &mut fastrand::Rng, v: &mut Value, path: Option<Vec<Seg>>, new: Value) {
    match path.and_then(|p| at_mut(v, &p)) {
        Some(slot) => *slot = new,
        None => {
            if let Value::Object(m) = v {
                let keys = ["name", "agent_count", "vm_size", "ssl"];
                m.insert(keys[rng.usize(0..keys.len())].into(), new);
            }
        }
    }
}

/// `count` inputs from `seed`: the operations in turn, each one's vector cases in turn.
pub fn generate(vectors: &Path, seed: u64, count: usize) -> Result<Vec<Input>, String> {
    let bases = bases(vectors)?;
    let mut rng = fastrand::Rng::with_seed(seed);
    let ops = ["create", "attach", "update", "detach"];
    // The operations in turn, so detach (few vectors) is tried as often as create (many).
    let by_op: Vec<Vec<&Base>> = ops.iter().map(|op| bases.iter().filter(|b| b.op == *op).collect()).collect();
    let mut out = Vec::with_capacity(count);
    for id in 0..count {
        let group = by_op.iter().filter(|g| !g.is_empty()).nth(id % 4 % by_op.iter().filter(|g| !g.is_empty()).count().max(1));
        let Some(base) = group.map(|g| g[(id / 4) % g.len()]) else {
            return Err("no vector cases to start from".into());
        };
        let mut raw = Raw(Vec::new());
        let mut tags = Vec::new();
        let mut op = base.op;
        let mut config = base.config.clone();
        let mut context = base.context.clone().unwrap_or_else(|| Value::Object(Map::new()));
        // Every profile in turn (the base's own first), sometimes none: the default.
        let profile = match rng.u8(0..10) {
            0 => None,
            1..=5 if !base.profiles.is_empty() => Some(base.profiles[rng.usize(0..base.profiles.len())].clone()),
            _ => Some(PROFILES[rng.usize(0..PROFILES.len())].to_string()),
        };
        if let (Some(p), Value::Object(m)) = (&profile, &mut context) {
            m.insert("profile".into(), json!(p));
        }
        if rng.u8(0..4) == 0 {
            if let Value::Object(m) = &mut context {
                let l = LOCALES[rng.usize(0..LOCALES.len())];
                m.insert("locale".into(), json!(l));
                tags.push(format!("locale:{l}"));
            }
        }
        // Roughly one in twelve untouched (the base itself, in another profile); otherwise
        // one to three mutations, of the config mostly and of the context sometimes.
        let n = if rng.u8(0..12) == 0 { 0 } else { rng.usize(1..4) };
        for _ in 0..n {
            match rng.u8(0..24) {
                0 => {
                    op = ops[rng.usize(0..ops.len())];
                    tags.push("op-swap".into());
                }
                1 => {
                    let (label, val) = match rng.u8(0..5) {
                        0 => ("null", Value::Null),
                        1 => ("list", json!([config.clone()])),
                        2 => ("number", json!(3)),
                        3 => ("string", json!("myaks")),
                        _ => ("empty", json!({})),
                    };
                    config = val;
                    tags.push(format!("root:{label}"));
                }
                2..=4 => {
                    let t = mutate(&mut rng, &mut raw, &mut context);
                    tags.push(format!("context-{t}"));
                }
                _ => {
                    if config.is_object() || config.is_array() {
                        tags.push(mutate(&mut rng, &mut raw, &mut config));
                    }
                }
            }
        }
        let mut config = raw.splice(config.to_string());
        // Now and then the text as an editor may save it: a byte order mark first, or padding.
        match rng.u8(0..40) {
            0 => {
                config.insert(0, '\u{feff}');
                tags.push("text:bom-root".into());
            }
            1 => {
                config = format!(" \n\t{config}\r\n ");
                tags.push("text:padded-root".into());
            }
            _ => {}
        }
        let context =
            if context.as_object().is_some_and(Map::is_empty) && rng.bool() { None } else { Some(raw.splice(context.to_string())) };
        out.push(Input { id, op, tags, config, context });
    }
    Ok(out)
}
