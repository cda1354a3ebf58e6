//! What the messages say for the inputs an outside tester tries first: the boundary counts
//! (one character is singular), the fix of the name's last character (a dot is no hyphen),
//! and look-alike letters (a Cyrillic "а" must be told apart from the Latin "a").
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use akscompute::{validate_value, Operation};
use serde_json::json;

/// The message and fix of the first diagnostic of `code`, in `locale`.
fn said(name: &str, code: &str, locale: &str) -> (String, String) {
    let v = validate_value(Operation::Create, &json!({"name": name}), Some(&json!({"locale": locale}))).unwrap();
    let d = v.diagnostics.iter().find(|d| d.code == code).unwrap_or_else(|| panic!("{name:?}: no {code}"));
    (d.message().into_owned(), d.fix().into_owned())
}

#[test]
fn one_character_is_singular_in_english() {
    assert!(said("a", "NAME001", "en").0.contains("is 1 character long"), "{:?}", said("a", "NAME001", "en"));
    assert!(said("ab", "NAME001", "en").0.contains("is 2 characters long"));
}

#[test]
fn the_fix_for_the_last_character_names_what_it_is() {
    for locale in ["en", "nl", "cs", "de", "tr", "it"] {
        let (_, hyphen) = said("myaks-", "NAME004", locale);
        let (_, dot) = said("myaks.", "NAME004", locale);
        assert_ne!(hyphen, dot, "{locale}: a trailing dot is not a hyphen");
    }
    assert_eq!(said("myaks-", "NAME004", "en").1, "Remove the trailing hyphen.");
    assert!(!said("myaks.", "NAME004", "en").1.contains("hyphen"), "{:?}", said("myaks.", "NAME004", "en"));
}

#[test]
fn a_look_alike_letter_is_shown_with_its_code_point() {
    // "аks1" starts with U+0430 CYRILLIC SMALL LETTER A.
    let (m, _) = said("\u{430}ks1", "NAME002", "en");
    assert!(m.contains("U+0430"), "{m}");
    // NAME003's fix says which letters count, in every language.
    for l in ["en", "nl", "cs", "de", "tr", "it"] {
        let (_, fix) = said("\u{430}ks1", "NAME003", l);
        assert!(fix.contains("a-z") || fix.contains("a–z"), "{l}: {fix}");
    }
    // ASCII stays as it was.
    let (m, _) = said("my_aks", "NAME002", "en");
    assert!(m.contains("'_'") && !m.contains("U+"), "{m}");
}

const RID: &str =
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1";

/// Every message of `code` for an attach of a cluster with these properties, in `locale`.
fn attach_said(props: serde_json::Value, profile: &str, code: &str, locale: &str) -> String {
    let ctx = json!({"locale": locale, "profile": profile,
        "workspace": {"subscription_id": "00000000-0000-0000-0000-000000000000", "resource_group": "rg", "name": "ws", "location": "eastus"},
        "cluster": {"id": RID, "name": "aks1", "location": "eastus", "properties": props}});
    let v = validate_value(Operation::Attach, &json!({"name": "myaks", "resource_id": RID}), Some(&ctx)).unwrap();
    v.diagnostics.iter().filter(|d| d.code == code).map(|d| d.message().into_owned()).collect::<Vec<_>>().join(" | ")
}

fn pool(count: Option<u32>, size: &str) -> serde_json::Value {
    json!({"kubernetesVersion": "1.29.4", "agentPoolProfiles": [
        {"name": "sys", "count": count, "vmSize": size, "mode": "System", "osType": "Linux", "enableAutoScaling": count.is_none(), "minCount": 1, "maxCount": 3}]})
}

/// A count of one takes the singular noun (and verb) in every language whose grammar says so:
/// one node, one vCPU, one authorized IP range, one node per minCount.
#[test]
fn a_count_of_one_is_singular_in_every_language() {
    let one_node = [
        ("en", "has 1 node that serves models"),
        ("de", "hat 1 Knoten"),
        ("nl", "1 knooppunt die"),
        ("cs", "1 uzel, který obsluhuje"),
        ("it", "1 nodo che serve"),
    ];
    for (l, want) in one_node {
        let m = attach_said(pool(Some(1), "Standard_D3_v2"), "2021-11", "ATT009", l);
        assert!(m.contains(want), "{l}: {m}");
    }
    let one_vcpu = [
        ("en", "1 usable vCPU in all"),
        ("de", "1 nutzbare vCPU;"),
        ("nl", "1 bruikbare vCPU;"),
        ("cs", "1 použitelný vCPU;"),
        ("it", "1 vCPU utilizzabile;"),
    ];
    for (l, want) in one_vcpu {
        let m = attach_said(pool(Some(1), "Standard_A1_v2"), "2021-11", "ATT009", l);
        assert!(m.contains(want), "{l}: {m}");
    }
    let min_one = [("en", "minCount of 1 node,"), ("nl", "minCount van 1 knooppunt,"), ("it", "minCount di 1 nodo,")];
    for (l, want) in min_one {
        let m = attach_said(pool(None, "Standard_D3_v2"), "2021-11", "CAP009", l);
        assert!(m.contains(want), "{l}: {m}");
    }
    let mut basic = pool(Some(3), "Standard_D3_v2");
    basic["networkProfile"] = json!({"loadBalancerSku": "basic"});
    basic["apiServerAccessProfile"] = json!({"authorizedIPRanges": ["1.2.3.0/24"]});
    let one_range = [
        ("en", "to 1 authorized IP range,"),
        ("de", "auf 1 autorisierten IP-Bereich,"),
        ("nl", "1 geautoriseerd IP-adresbereik"),
        ("cs", "na 1 rozsah"),
        ("it", "1 intervallo IP autorizzato"),
    ];
    for (l, want) in one_range {
        let m = attach_said(basic.clone(), "2021-11", "LB004", l);
        assert!(m.contains(want), "{l}: {m}");
    }
    let each = [("en", "(1 vCPU each)"), ("de", "(je 1 vCPU)"), ("nl", "(elk 1 vCPU)")];
    for (l, want) in each {
        let v = validate_value(
            Operation::Create,
            &json!({"name": "myaks", "agent_count": 3, "vm_size": "Standard_A1_v2"}),
            Some(&json!({"locale": l, "profile": "2020-10"})),
        )
        .unwrap();
        let m: Vec<String> = v.diagnostics.iter().filter(|d| d.code == "CAP001").map(|d| d.message().into_owned()).collect();
        assert!(m.iter().any(|m| m.contains(want)), "{l}: {m:?}");
    }
}

/// The German table keeps to its glossary (glossary.de.md, the German seed's terms): the
/// compute is "das Computeziel", never a bare "der Compute", and the internal load balancer is
/// "interner Lastenausgleich".
#[test]
fn the_german_table_uses_the_seeds_terms() {
    let table = include_str!("../data/messages/de.json");
    for bare in [
        "der Compute",
        "den Compute",
        "dem Compute ",
        "einen Compute",
        "ein Compute ",
        "Ein Compute ",
        "anderer Compute",
        "jeder vorhandene Compute",
        "Der Compute ",
    ] {
        assert!(!table.contains(bare), "{bare:?}: the German seed says Computeziel");
    }
    for lb in ["interner Load Balancer", "internen Load Balancer", "internem Load Balancer"] {
        assert!(!table.contains(lb), "{lb:?}: the German seed says interner Lastenausgleich");
    }
}

/// The Dutch, Czech, Turkish and Italian seeds keep the product's name for the internal load
/// balancer ("interne Load Balancer", "interní Load Balancer", "İç Load Balancer", "Load
/// Balancer interno"): the tables say it so, not a translation the pages never use.
#[test]
fn the_internal_load_balancer_is_the_seeds_term() {
    for (l, want, never) in [
        ("nl", "interne Load Balancer", "interne load balancer"),
        ("cs", "interním Load Balancerem", "vyrovnávání zatížení"),
        ("tr", "iç Load Balancer", "yük dengeleyici"),
        ("it", "Load Balancer interno", "bilanciamento del carico"),
    ] {
        let p = format!("{}/data/messages/{l}.json", env!("CARGO_MANIFEST_DIR"));
        let table = std::fs::read_to_string(p).unwrap();
        assert!(!table.contains(never), "{l}: {never:?} is not the seed's term");
        let v: serde_json::Value = serde_json::from_str(&table).unwrap();
        assert!(v["TLS004"]["message"].as_str().unwrap().contains(want), "{l}: TLS004 says {want:?}");
        // The form's own labels (its section heading) speak as the messages do.
        let p = format!("{}/../web/i18n/{l}.json", env!("CARGO_MANIFEST_DIR"));
        let page = std::fs::read_to_string(p).unwrap().to_lowercase();
        assert!(!page.contains(never), "{l}: the form's labels say {never:?}, not the seed's term");
    }
}

/// Sentences an outside reader stumbled on, as they read now: Czech "ověřte se" (verify
/// yourself) was no instruction to check against the list, the Turkish LB004 ended in a
/// dangling "Temel", the Dutch "ontbrekend:" is no sentence.
#[test]
fn sentences_that_read_wrongly_read_right() {
    let table = |l: &str| -> serde_json::Value {
        let p = format!("{}/data/messages/{l}.json", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
    };
    assert!(!table("cs")["VER001.region_default"]["fix"].as_str().unwrap().contains("ověřte se"));
    assert!(table("tr")["LB004"]["message"].as_str().unwrap().ends_with("Temel Load Balancer var."));
    for key in ["NET001", "TLS001"] {
        assert!(table("nl")[key]["message"].as_str().unwrap().contains("ontbreekt: {missing}"), "{key}");
    }
}

/// Where a version list comes from is said in the message's language: VER001 and VER002
/// quoted "the list you gave" and "akscompute's built-in snapshot of …" in English inside the
/// nl, cs, de, tr and it messages, and "and N more" inside the list.
#[test]
fn the_version_lists_source_is_said_in_the_messages_language() {
    let versions = "KubernetesVersion    Upgrades\n-------------------  ----------\n".to_string()
        + &(0..20).map(|i| format!("1.3{}.{i}               None available\n", i % 3)).collect::<String>();
    let cluster = json!({"properties": {"kubernetesVersion": "1.22.3", "agentPoolProfiles": []}});
    let attach = json!({"name": "myaks", "resource_group": "rg", "cluster_name": "aks"});
    for locale in ["en", "nl", "cs", "de", "tr", "it"] {
        let given = json!({"locale": locale, "kubernetes_versions": versions, "cluster": cluster});
        let snapshot = json!({"locale": locale, "cluster": cluster});
        let mut said = Vec::new();
        for ctx in [given, snapshot] {
            let v = validate_value(Operation::Attach, &attach, Some(&ctx)).unwrap();
            let d = v.diagnostics.iter().find(|d| d.code == "VER002").unwrap_or_else(|| panic!("{locale}: no VER002"));
            said.push(d.message().into_owned());
        }
        assert!(said[1].contains(akscompute::k8s::SNAPSHOT_DATE), "{locale}: {}", said[1]);
        if locale != "en" {
            for english in ["the list you gave", "built-in snapshot", "likely out of date", " more"] {
                assert!(!said.iter().any(|m| m.contains(english)), "{locale}: {english:?} in {said:?}");
            }
        }
    }
}
