//! Every binding's answers against the core's, input by input; differences either match the
//! documented expected-difference list (each entry with its reason and owner) or fail the run.
use crate::say;
use serde_json::Value;
use std::collections::BTreeMap;

/// One documented difference: a binding, the input tags it concerns, why, and who removes it.
struct Expected {
    binding: String,
    tags: Vec<String>,
    reason: String,
    owner: String,
    seen: usize,
}

/// `*` matches any run of characters; nothing else is special.
fn glob(pattern: &str, s: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == s;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !s.starts_with(first) || s.len() < first.len() + last.len() || !s.ends_with(last) {
        return false;
    }
    let mut rest = &s[first.len()..s.len() - last.len()];
    for p in &parts[1..parts.len() - 1] {
        match rest.find(p) {
            Some(i) => rest = &rest[i + p.len()..],
            None => return false,
        }
    }
    true
}

fn read_lines(path: &str) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{path}:{}: {e}", i + 1)))
        .collect()
}

fn by_id(lines: Vec<Value>) -> BTreeMap<u64, Value> {
    lines.into_iter().filter_map(|v| Some((v.get("id")?.as_u64()?, v))).collect()
}

fn expected(path: &str) -> Result<Vec<Expected>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    let list = v.get("differences").and_then(Value::as_array).ok_or_else(|| format!("{path}: no \"differences\" list"))?;
    list.iter()
        .map(|e| {
            let s = |k: &str| e.get(k).and_then(Value::as_str).map(String::from).ok_or_else(|| format!("{path}: an entry lacks \"{k}\""));
            let tags = e
                .get("tags")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(|t| t.as_str().map(String::from)).collect::<Vec<_>>())
                .filter(|t| !t.is_empty())
                .ok_or_else(|| format!("{path}: an entry lacks \"tags\""))?;
            Ok(Expected { binding: s("binding")?, tags, reason: s("reason")?, owner: s("owner")?, seen: 0 })
        })
        .collect()
}

fn clip(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 600 {
        let mut end = 600;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &s[..end])
    } else {
        s
    }
}

/// Compares; prints the agreement; `Err` when a difference is not documented or a documented
/// one no longer happens (then the list must shrink).
pub fn run(inputs: &str, reference: &str, bindings: &[(String, String)], expected_path: &str) -> Result<(), String> {
    let inputs = by_id(read_lines(inputs)?);
    let reference = by_id(read_lines(reference)?);
    let mut expected = expected(expected_path)?;
    let total = inputs.len();
    let mut all_agree = 0usize;
    let mut unexpected = Vec::new();
    let mut per_binding: Vec<(String, usize, usize)> = Vec::new();
    let answers: Vec<(String, BTreeMap<u64, Value>)> =
        bindings.iter().map(|(name, path)| Ok((name.clone(), by_id(read_lines(path)?)))).collect::<Result<_, String>>()?;
    for (name, _) in &answers {
        per_binding.push((name.clone(), 0, 0));
    }
    for (id, input) in &inputs {
        let tags: Vec<&str> = input.get("tags").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let want = reference.get(id).map(|v| without_id(v.clone()));
        let mut agree = true;
        for (i, (name, answers)) in answers.iter().enumerate() {
            let got = answers.get(id).map(|v| without_id(v.clone()));
            if got.is_some() && got == want {
                per_binding[i].1 += 1;
                continue;
            }
            agree = false;
            let hit = expected.iter_mut().find(|e| glob(&e.binding, name) && e.tags.iter().any(|p| tags.iter().any(|t| glob(p, t))));
            match hit {
                Some(e) => {
                    e.seen += 1;
                    per_binding[i].2 += 1;
                }
                None => unexpected.push((*id, name.clone(), tags.join(" "), want.clone(), got)),
            }
        }
        if agree {
            all_agree += 1;
        }
    }
    let pct = |n: usize| if total == 0 { 0.0 } else { 100.0 * n as f64 / total as f64 };
    say!("parity: {total} inputs; all {} bindings give the core's answer on {all_agree} ({:.1}%)", answers.len(), pct(all_agree));
    for (name, same, documented) in &per_binding {
        say!("  {name:<8} {same:>5} same ({:.1}%), {documented} documented differences", pct(*same));
    }
    for (id, name, tags, want, got) in unexpected.iter().take(12) {
        say!(
            "UNEXPECTED #{id} [{tags}] {name}:\n  core: {}\n  {name}: {}",
            clip(want.as_ref().unwrap_or(&Value::Null)),
            clip(got.as_ref().unwrap_or(&Value::Null))
        );
    }
    let stale: Vec<&Expected> = expected.iter().filter(|e| e.seen == 0).collect();
    for e in &expected {
        if e.seen > 0 {
            say!("  documented: {} on [{}] ({} inputs; {}; owner {})", e.binding, e.tags.join(" "), e.seen, e.reason, e.owner);
        }
    }
    for e in &stale {
        say!("STALE: {} on [{}] no longer differs: remove it from {expected_path} ({})", e.binding, e.tags.join(" "), e.owner);
    }
    match (unexpected.len(), stale.len()) {
        (0, 0) => Ok(()),
        (u, s) => Err(format!("{u} undocumented differences, {s} stale expected-difference entries")),
    }
}

fn without_id(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        m.remove("id");
    }
    v
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn glob_matches_stars_only() {
        assert!(glob("text:lone-surrogate", "text:lone-surrogate"));
        assert!(glob("*text:lone*", "context-text:lone-low-surrogate"));
        assert!(glob("depth:*", "depth:6000"));
        assert!(!glob("depth:*", "context-depth:6000"));
        assert!(!glob("a*b*c", "acb"));
        assert!(glob("*", "anything"));
    }
}
