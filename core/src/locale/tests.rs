use super::*;
use crate::diagnostic::Param;

fn p(v: Vec<(&'static str, Param)>) -> Params {
    Params(v)
}

#[test]
fn fills_and_keeps_unknown_placeholders() {
    let ps = p(vec![("n", Param::Int(3)), ("l", Param::List(vec!["a".into(), "b".into()]))]);
    assert_eq!(fill("{n} of {l} {x}", &ps, "en"), "3 of a, b {x}");
    assert_eq!(fill("unclosed {n", &ps, "en"), "unclosed {n");
    assert_eq!(fill("{n, plural, one {# item} other {# items}", &ps, "en"), "{n, plural, one {# item} other {# items}");
}

#[test]
fn doubled_braces_are_literal_so_a_json_example_keeps_its_placeholder_filled() {
    let ps = p(vec![("vm_size", Param::from("Standard_X9"))]);
    assert_eq!(fill("[{{\"name\": \"{vm_size}\"}}]", &ps, "en"), "[{\"name\": \"Standard_X9\"}]");
    assert_eq!(fill("{{}} {{", &ps, "en"), "{} {");
}

#[test]
fn plural_choices_follow_cldr() {
    let t = "{n, plural, =0 {žádný uzel} one {# uzel} few {# uzly} many {# uzlu} other {# uzlů}}";
    let cs = |n: i64| fill(t, &p(vec![("n", Param::Int(n))]), "cs");
    assert_eq!(
        [cs(0), cs(1), cs(2), cs(4), cs(5), cs(22), cs(100)],
        ["žádný uzel", "1 uzel", "2 uzly", "4 uzly", "5 uzlů", "22 uzlů", "100 uzlů"]
    );
    assert_eq!(plural_categories("cs"), ["other", "one", "few", "many"]);
    assert_eq!(plural_categories("tr"), ["other", "one"]);
    assert_eq!(plural_category("tr", 3), "other");
    assert_eq!(plural_category("xx", 1), "other", "an unknown language has only other");
    // Only the language of a tag is read; what is not a language has only other.
    assert_eq!([plural_category("cs-CZ", 3), plural_category("CS_cz", 2), plural_category("de", 1)], ["few", "few", "one"]);
    assert_eq!([plural_category("", 1), plural_category("c5", 1), plural_category("toolonglang", 1)], ["other"; 3]);
    // A plural over text (not a number) cannot choose: it stays as written.
    assert_eq!(fill("{s, plural, other {#}}", &p(vec![("s", Param::from("x"))]), "en"), "{s, plural, other {#}}");
}

#[test]
fn lookup_finds_every_key_by_its_parts() {
    for (_, t) in LOCALES {
        for e in t.iter() {
            let (code, variant) = e.key.split_once('.').unwrap_or((e.key, ""));
            assert_eq!(lookup(t, code, variant).map(|x| x.message), Some(e.message), "{}", e.key);
        }
    }
    let en = compiled("en").unwrap_or(&[]);
    assert!(lookup(en, "NAME001", "nope").is_none());
    assert!(lookup(en, "NAME00", "").is_none());
}

#[test]
fn every_code_has_an_english_message() {
    let en = compiled("en").unwrap_or(&[]);
    for r in RULES {
        assert!(lookup(en, r.code, "").is_some(), "{} has no English message", r.code);
    }
}

/// The chrome and the shape errors live beside the codes, under these prefixes.
const TEXT_PREFIXES: [&str; 3] = ["ui", "shape", "request"];

#[test]
fn message_tables_are_sorted_and_name_known_codes() {
    for (name, t) in LOCALES {
        for w in t.windows(2) {
            assert!(w[0].key < w[1].key, "{name}: {} before {}", w[0].key, w[1].key);
        }
        for k in t.iter().map(|e| e.key) {
            let base = k.split('.').next().unwrap_or(k);
            assert!(crate::registry::rule(base).is_some() || TEXT_PREFIXES.contains(&base), "{name}: {k} names no rule");
        }
    }
}

/// Every placeholder name of a template, including those inside plural arms.
fn holes(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if (b[i] == b'{' && b.get(i + 1) == Some(&b'{')) || (b[i] == b'}' && b.get(i + 1) == Some(&b'}')) {
            i += 2;
            continue;
        }
        if b[i] == b'{' {
            let Some(close) = matching(s, i) else { break };
            let inner = &s[i + 1..close];
            let name = inner.split(',').next().unwrap_or("").trim();
            out.push(name.to_string());
            if let Some(arms) = inner.split_once(',').and_then(|(_, r)| r.trim_start().strip_prefix("plural")) {
                let mut rest = arms;
                while let Some(o) = rest.find('{') {
                    let Some(c) = matching(rest, o) else { break };
                    out.extend(holes(&rest[o + 1..c]));
                    rest = &rest[c + 1..];
                }
            }
            i = close + 1;
            continue;
        }
        i += 1;
    }
    out.sort();
    out.dedup();
    out
}

/// The plural arms' selectors of every plural choice in a template.
fn plural_selectors(s: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find(", plural,") {
        let mut arms = &rest[at + ", plural,".len()..];
        let mut sel = Vec::new();
        loop {
            arms = arms.trim_start();
            let Some(o) = arms.find('{') else { break };
            if arms.starts_with('}') {
                break;
            }
            let name = arms[..o].trim();
            if name.is_empty() || name.contains('}') {
                break;
            }
            sel.push(name.to_string());
            let Some(c) = matching(arms, o) else { break };
            arms = &arms[c + 1..];
        }
        out.push(sel);
        rest = &rest[at + 1..];
    }
    out
}

fn translations() -> impl Iterator<Item = (&'static str, Table)> {
    LOCALES.iter().filter(|(n, _)| *n != "en" && *n != "sdk").map(|(n, t)| (*n, *t))
}

#[test]
fn translations_use_the_same_placeholders_as_english() {
    let en = compiled("en").unwrap_or(&[]);
    for (name, t) in translations() {
        for e in t.iter() {
            let (code, variant) = e.key.split_once('.').unwrap_or((e.key, ""));
            let Some(en_e) = lookup(en, code, variant) else { continue };
            assert_eq!(holes(e.message), holes(en_e.message), "{name}.{} message placeholders", e.key);
            assert_eq!(holes(e.fix), holes(en_e.fix), "{name}.{} fix placeholders", e.key);
            assert_eq!(e.fix.is_empty(), en_e.fix.is_empty(), "{name}.{}: a fix where English has none, or none where it has one", e.key);
        }
    }
}

#[test]
fn every_plural_choice_names_every_category_of_its_language() {
    for (name, t) in LOCALES.iter().filter(|(n, _)| *n != "sdk") {
        let mut want = plural_categories(name);
        want.sort_unstable();
        for e in t.iter() {
            for text in [e.message, e.fix] {
                for mut sel in plural_selectors(text) {
                    sel.retain(|s| !s.starts_with('='));
                    sel.sort();
                    assert_eq!(sel, want, "{name}.{}: plural forms", e.key);
                }
            }
        }
    }
}

#[test]
fn every_locale_has_exactly_the_english_keys() {
    let en = compiled("en").unwrap_or(&[]);
    for (name, t) in translations() {
        let missing: Vec<&str> = en.iter().map(|e| e.key).filter(|k| !t.iter().any(|x| x.key == *k)).collect();
        assert!(missing.is_empty(), "{name} lacks {missing:?}");
        let extra: Vec<&str> = t.iter().map(|e| e.key).filter(|k| !en.iter().any(|x| x.key == *k)).collect();
        assert!(extra.is_empty(), "{name} has keys English lacks: {extra:?}");
    }
}

/// Texts that are the same in a language as in English because they are a format, a JSON
/// literal or a loan word that language uses as is.
const SAME_AS_ENGLISH: &[(&str, &str)] =
    &[("*", "ui.prefix"), ("*", "shape.type.null"), ("nl", "ui.label.info"), ("it", "ui.label.info"), ("nl", "ui.path.root_context")];

#[test]
fn no_text_is_left_in_english() {
    let en = compiled("en").unwrap_or(&[]);
    for (name, t) in translations() {
        for e in t.iter() {
            if SAME_AS_ENGLISH.iter().any(|(l, k)| (*l == "*" || *l == name) && *k == e.key) {
                continue;
            }
            let (code, variant) = e.key.split_once('.').unwrap_or((e.key, ""));
            let Some(en_e) = lookup(en, code, variant) else { continue };
            assert_ne!(e.message, en_e.message, "{name}.{} message is the English one", e.key);
            if !e.fix.is_empty() {
                assert_ne!(e.fix, en_e.fix, "{name}.{} fix is the English one", e.key);
            }
        }
    }
}

/// How many `{{` a template has outside its placeholders.
fn escaped_braces(s: &str) -> usize {
    let (b, mut i, mut n) = (s.as_bytes(), 0, 0);
    while i < b.len() {
        if b[i] == b'{' && b.get(i + 1) == Some(&b'{') {
            n += 1;
            i += 2;
        } else if b[i] == b'{' {
            i = matching(s, i).map_or(b.len(), |c| c + 1);
        } else {
            i += 1;
        }
    }
    n
}

#[test]
fn no_template_is_left_with_a_placeholder_after_filling_every_param() {
    // Fill every placeholder a template names (a number, so plurals choose): the only braces left
    // are the escaped ones (and ATT002's URL pattern, whose {guid}/{group}/{name} are the pattern).
    for (name, t) in LOCALES.iter().filter(|(n, _)| *n != "sdk") {
        for e in t.iter().filter(|e| !e.key.starts_with("ATT002")) {
            for text in [e.message, e.fix] {
                let ps = Params(holes(text).into_iter().map(|h| (&*Box::leak(h.into_boxed_str()), Param::Int(2))).collect());
                let out = fill(text, &ps, name);
                assert_eq!(out.matches('{').count(), escaped_braces(text), "{name}.{}: {out}", e.key);
            }
        }
    }
}

#[test]
fn cap006_fix_fills_the_vm_size_in_the_json_example_in_every_language() {
    let ps = p(vec![("vm_size", Param::from("Standard_Foo"))]);
    for lang in locales() {
        let (_, fix) = Locale::resolve(Some(lang), Profile::P2021_11).render("CAP006", "", &ps);
        assert!(fix.contains("[{\"name\": \"Standard_Foo\", \"vcpus\": 4, \"gpus\": 0}]"), "{lang}: {fix}");
    }
}

#[test]
fn tags_fall_back_to_their_language_then_to_english_and_say_so() {
    let l = |t: &str| Locale::new(Some(t));
    for (tag, lang) in [
        ("de-DE", "de"),
        ("de_AT.UTF-8", "de"),
        ("DE_at.utf8@euro", "de"),
        ("nl-BE", "nl"),
        ("nl", "nl"),
        ("en-GB", "en"),
        ("C", "en"),
        ("POSIX", "en"),
    ] {
        assert_eq!(l(tag).language(), lang, "{tag}");
        assert!(!l(tag).fell_back(), "{tag}");
    }
    for tag in ["pt-BR", "zz", "x", "123"] {
        assert_eq!(l(tag).language(), "en", "{tag}");
        assert!(l(tag).fell_back(), "{tag} should say it fell back");
        assert!(l(tag).fallback_notice(tag).is_some_and(|n| n.contains("English")));
    }
    assert!(!Locale::new(None).fell_back() && !l("").fell_back());
    assert_eq!(Locale::new(None).fallback_notice("en"), None);
    assert_eq!(posix_locale(&[None, Some(""), Some("nl_BE.UTF-8")]), Some("nl_BE.UTF-8"));
    assert_eq!(posix_locale(&[Some("cs_CZ"), Some("de_DE")]), Some("cs_CZ"));
    assert_eq!(posix_locale(&[None, None, None]), None);
}

#[test]
fn the_summary_line_counts_in_each_language() {
    let en = Locale::new(Some("en"));
    assert_eq!(en.summary(3, 1, 1), "3 errors, 1 warning, 1 info");
    assert_eq!(en.summary(0, 2, 0), "2 warnings");
    assert_eq!(en.summary(0, 0, 0), "no problems");
    assert_eq!(en.prefix(Label::Error), "error: ");
    assert_eq!(en.invalid_header(1), "Invalid configuration (1 error):");
    assert_eq!(en.invalid_header(2), "Invalid configuration (2 errors):");
    let de = Locale::new(Some("de_AT.UTF-8"));
    assert_eq!(de.summary(3, 1, 0), "3 Fehler, 1 Warnung");
    assert_eq!(de.prefix(Label::Fix), "Abhilfe: ");
    let cs = Locale::new(Some("cs_CZ.UTF-8"));
    assert_eq!(cs.summary(3, 1, 1), "3 chyby, 1 upozornění, 1 informace");
    assert_eq!(cs.summary(5, 0, 2), "5 chyb, 2 informace");
    assert_eq!(cs.summary(1, 0, 5), "1 chyba, 5 informací");
    assert_eq!(cs.invalid_header(22), "Neplatná konfigurace (22 chyb):");
    let tr = Locale::new(Some("tr-TR"));
    assert_eq!(tr.summary(3, 1, 2), "3 hata, 1 uyarı, 2 bilgi", "Turkish: no plural after a numeral");
    let it = Locale::new(Some("it_IT.UTF-8"));
    assert_eq!(it.summary(1, 2, 1), "1 errore, 2 avvisi, 1 informazione");
    let nl = Locale::new(Some("nl-BE"));
    assert_eq!(nl.summary(1, 2, 0), "1 fout, 2 waarschuwingen");
}

#[test]
fn a_diagnostic_line_and_item_in_a_language() {
    let v = crate::validate_json(crate::Operation::Create, r#"{"name": "myaks", "agent_count": 2}"#, Some(r#"{"locale": "nl"}"#));
    let Ok(v) = v else { panic!("valid input") };
    let Some(d) = v.first_error() else { panic!("CAP003 expected") };
    let nl = Locale::new(Some("nl"));
    assert!(nl.line(d).starts_with("fout CAP003 bij agent_count: Een productiecluster"), "{}", nl.line(d));
    assert!(nl.item(d).starts_with("- CAP003 bij agent_count: "), "{}", nl.item(d));
}

#[test]
fn sdk_texts_stay_azureml_cores_in_every_locale() {
    let ps = p(vec![("count", Param::Int(-1))]);
    let (m, _) = Locale::resolve(Some("de"), Profile::Sdk).render("CAP005", "", &ps);
    assert_eq!(m, "Invalid configuration, agent count must be a positive integer.");
}

#[test]
fn a_table_registered_at_run_time_is_used_and_bounded() {
    let json = r#"{"$comment": "test", "NAME003": {"message": "Name {name} — test language", "fix": "Fix it"}, "ui.label.error": "ERR"}"#;
    assert_eq!(register("qq-QQ", json), Ok("qq"));
    let l = Locale::new(Some("qq"));
    assert_eq!(l.language(), "qq");
    assert!(!l.fell_back());
    assert!(locales().contains(&"qq"));
    let (m, f) = l.render("NAME003", "", &p(vec![("name", Param::from("1x"))]));
    assert_eq!((m.as_ref(), f.as_ref()), ("Name 1x — test language", "Fix it"));
    assert_eq!(l.label(Label::Error), "ERR");
    assert_eq!(l.label(Label::Warning), "warning", "a key the table lacks is English");
    assert!(register("en", json).is_err(), "English is built in");
    assert!(register("??", json).is_err());
    assert!(register("qq", "[1]").is_err());
    assert!(register("qq", &" ".repeat(MAX_TABLE_BYTES + 1)).is_err());
    assert!(register("qq", r#"{"X": 1}"#).is_err());
}

#[test]
fn shape_errors_speak_the_contexts_language() {
    let cfg = serde_json::json!({"name": "myaks", "agent_cout": 3, "vm_size": 4});
    let err = |ctx: serde_json::Value| crate::validate_value(crate::Operation::Create, &cfg, Some(&ctx)).err().map(|e| e.errors);
    let Some(en) = err(serde_json::json!({})) else { panic!("shape errors expected") };
    let msgs: Vec<&str> = en.iter().map(|e| e.message.as_str()).collect();
    assert!(msgs.contains(&"expected a string, got a number"), "{msgs:?}");
    assert!(msgs.contains(&"unknown field \"agent_cout\"; did you mean \"agent_count\"?"), "{msgs:?}");
    let Some(cs) = err(serde_json::json!({"locale": "cs-CZ"})) else { panic!("shape errors expected") };
    let msgs: Vec<&str> = cs.iter().map(|e| e.message.as_str()).collect();
    assert!(msgs.contains(&"očekáváno: řetězec, zadáno: číslo"), "{msgs:?}");
    assert!(msgs.contains(&"neznámé pole \"agent_cout\"; měli jste na mysli \"agent_count\"?"), "{msgs:?}");
    // The context's own problems are rendered in its language as well, even as it is broken.
    let Some(tr) = err(serde_json::json!({"locale": "tr", "profile": "2099"})) else { panic!("shape errors expected") };
    assert!(tr.iter().any(|e| e.message == "bilinmeyen profil \"2099\": sdk, 2020-10, 2021-04 veya 2021-11 kullanın"), "{tr:?}");
    let e = crate::ConfigError { input: "config", errors: cs };
    let report = e.render(&Locale::new(Some("it")));
    assert!(report.starts_with("la configurazione ha 2 problemi\n  vm_size: previsto: una stringa, specificato: un numero"), "{report}");
}

#[test]
fn every_shape_text_key_is_in_the_english_table() {
    // The reader names its texts by key; a key missing from en.json would show as the key.
    for key in ["shape.type.null", "shape.type.boolean", "shape.type.number", "shape.type.string", "shape.type.list", "shape.type.object"] {
        assert_ne!(Locale::default().text(key, &Params::default()), key);
    }
    let syntax = crate::validate_json(crate::Operation::Create, "{", None).err().map(|e| e.errors[0].message.clone());
    assert!(syntax.is_some_and(|m| m.starts_with("the config is not valid JSON: ")));
}

#[test]
fn the_command_lines_texts_are_compiled_in_only_for_it() {
    let en = compiled("en").unwrap_or(&[]);
    let cli = en.iter().filter(|e| e.key.starts_with("ui.cli.")).count();
    if cfg!(feature = "cli-texts") {
        assert!(cli > 50, "the CLI build has only {cli} ui.cli texts");
    } else {
        assert_eq!(cli, 0, "a build without cli-texts carries the CLI's texts");
    }
}
