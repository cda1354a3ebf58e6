//! CAP010's facts: which sizes are retired and when the catalog's source last listed them come
//! from `data/vm-sizes.csv` (its `source` column) and `data/vm-sizes-sources.csv` (each source
//! revision's date), once; the rule reports both as params.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::{validate_value, vmsize, Operation};
use serde_json::{json, Value};

/// The date of each source revision, and the newest one's.
fn revisions() -> (Vec<(String, String)>, String) {
    let text = include_str!("../data/vm-sizes-sources.csv");
    let dates: Vec<(String, String)> =
        text.lines().skip(1).filter_map(|l| l.split_once(',')).map(|(r, d)| (r.to_string(), d.to_string())).collect();
    let newest = dates.iter().map(|d| d.1.clone()).max().unwrap();
    (dates, newest)
}

#[test]
fn every_size_the_newest_source_lacks_is_retired_with_its_last_listed_date() {
    let (dates, newest) = revisions();
    let (mut retired, mut current) = (0, 0);
    for line in include_str!("../data/vm-sizes.csv").lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let revision = f[5].split(';').next().unwrap().strip_prefix("autoscaler@").unwrap();
        let date = &dates.iter().find(|d| d.0.starts_with(revision)).unwrap().1;
        let want = (*date != newest).then_some(date.as_str());
        for name in [f[0].to_string(), f[0].to_ascii_lowercase(), format!(" {} ", f[0].to_ascii_uppercase())] {
            assert_eq!(vmsize::retired_last_seen(&name, &[]), want, "{name}");
        }
        if want.is_some() {
            retired += 1;
        } else {
            current += 1;
        }
    }
    // SOURCES.md: 1,370 rows from the newest revision (03e49d9), 107 from older ones.
    assert_eq!((current, retired), (1370, 107));
    assert_eq!(vmsize::retired_last_seen("Standard_NC6", &[]), Some("2024-12-16"));
    assert_eq!(vmsize::retired_last_seen("Standard_A2", &[]), Some("2025-09-08"));
    assert_eq!(vmsize::retired_last_seen("Standard_D2as_v3", &[]), Some("2022-07-21"));
    assert_eq!(vmsize::retired_last_seen("Standard_Q9_v9", &[]), None);
    assert_eq!(vmsize::retired_last_seen("", &[]), None);
}

fn cap010(config: Value, context: Value) -> Vec<Value> {
    let v = validate_value(Operation::Create, &config, Some(&context)).unwrap();
    let all = serde_json::to_value(&v.diagnostics).unwrap();
    all.as_array().unwrap().iter().filter(|d| d["code"] == "CAP010").cloned().collect()
}

#[test]
fn the_warning_names_the_size_as_written_and_its_last_listed_date() {
    let got = cap010(json!({"name": "myaks", "vm_size": "standard_nc6_promo"}), json!({"profile": "2021-11"}));
    assert_eq!(got.len(), 1, "{got:?}");
    let d = &got[0];
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["params"], json!({"vm_size": "standard_nc6_promo", "last_seen": "2024-12-16"}));
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("standard_nc6_promo") && message.contains("2024-12-16"), "{message}");
    assert!(d["fix"].as_str().unwrap().contains("az vm list-skus --location"), "{d}");
    // Every language fills both params.
    for locale in ["nl", "cs", "de", "tr", "it"] {
        let got = cap010(json!({"name": "myaks", "vm_size": "Standard_PB6s"}), json!({"profile": "2021-11", "locale": locale}));
        let message = got[0]["message"].as_str().unwrap();
        assert!(message.contains("Standard_PB6s") && message.contains("2025-09-08") && !message.contains('{'), "{locale}: {message}");
    }
}
