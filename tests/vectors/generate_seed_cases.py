"""Writes seeds.json: for every rule statement of every seed page (nl, cs, de, tr, it; three
dates), a case under that seed's profile and in that seed's language, citing the seed's line.

Each statement borrows the configuration of the shared vector that already shows its code, so
a seed case checks what the seed adds: that the code is reported under the seed's profile with
the severity rules.json gives it there (or not at all where the page does not say it), and, for
an error, that the first message is the seed language's. The expected diagnostics are the
core's answer checked against rules.json here: a disagreement stops the script.

    .venv/bin/python tests/vectors/generate_seed_cases.py /work/shared/seeds   (after make python)
"""
import glob
import json
import os
import re
import sys

from akscompute import _native

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SEEDS = {"000": ("nl", "2021-04"), "001": ("cs", "2020-10"), "002": ("de", "2021-11"), "003": ("tr", "2021-04"), "004": ("it", "2021-04")}

# (code, the shared vector whose input shows it, where the statement is: a pattern, optionally
# after an anchor pattern, and the line offset from the match).
STATEMENTS = [
    ("LB003", "lb-standard-create", r"SLB", None, 0),
    ("LB006", "lb-public-default", r"Azure Policy|Azure Ilke|Criteri di Azure", None, 0),
    ("LB004", "lb-ranges-basic-attach", r"api-server-authorized-ip-ranges", None, 0),
    ("LB005", "lb-ranges-basic-attach", r"api-server-authorized-ip-ranges", None, 0),
    ("ATT003", "attach-other-sub-old", r"Mitwirkender|předplatném Azure jako|hetzelfde Azure-abonnement|aynı Azure aboneliğ|stessa sottoscrizione", None, 0),
    ("ATT004", "attach-other-sub-new", r"Mitwirkender|předplatném Azure jako|hetzelfde Azure-abonnement|aynı Azure aboneliğ|stessa sottoscrizione", None, 0),
    ("ATT005", "create-private", r"private-clusters\.md", None, 0),
    ("ATT006", "attach-private-public-fqdn", r"public-fqdn", None, 0),
    ("NAME001", "name-too-short", r"\b24\b", None, 0),
    ("NAME002", "name-bad-chars", r"\b24\b", None, 0),
    ("NAME003", "name-starts-with-digit", r"\b24\b", None, 0),
    ("NAME004", "name-ends-with-hyphen", r"\b24\b", None, 0),
    ("NAME005", "name-taken-attach", r"\b24\b", None, 0),
    ("NAME006", "name-in-region-2020", r"oblasti Azure\. Pokud|\b24\b", None, 0),
    ("CAP007", "attach-gpu-secondary", r"FPGA", None, 0),
    ("PURP002", "purpose-devtest", r"\[!IMPORTANT\]", r"__Dev/Test__|__dev-test__|__vývoj a testování__|__geliştirme ve test__|__sviluppo-test__", 1),
    ("CAP001", "prod-too-few-vcpus-old", r"\b12\b|3 Knoten", None, 0),
    ("CAP002", "dev-one-small-node", r"\b12\b|3 Knoten", None, 0),
    ("CAP003", "prod-too-few-nodes-new", r"\b12\b|3 Knoten", None, 0),
    ("CAP004", "count-zero-dev", r"\b12\b|3 Knoten", None, 0),
    ("ATT009", "attach-too-small-new", r"\b12\b|3 Knoten", None, 0),
    ("CAP008", "update-vm-size", r"scale-cluster\.md", None, -2),
    ("OPS003", "create-exists", r"YAML", None, 0),
    ("OPS001", "create-exists", r"[Ii]dempot", None, 0),
    ("VER001", "create-default-snapshot", r"orchestrators\[\?default", None, 0),
    ("VER002", "attach-unsupported", r"\[!NOTE\]", r"azure-kubernetes-service-version", 1),
    ("VER003", "attach-preview", r"\[!NOTE\]", r"azure-kubernetes-service-version", 3),
    ("VER004", "attach-preview-old-table", r"1,17 nebo nižší|1\.17", r"attach-an-existing-aks-cluster", 0),
    ("VER005", "attach-116-blobfuse", r"[Bb]lobfuse", None, 0),
    ("ATT007", "attach-twice", r"\[!WARNING\]", r"attach-an-existing-aks-cluster", 1),
    ("ATT008", "attach-other-region", r"\[!TIP\]", r"attach-an-existing-aks-cluster", 1),
    ("TLS005", "tls-leaf-too-long", r"leaf-domain-label>######", None, 0),
    ("TLS010", "tls-custom-good", r"how-to-secure-web-service\.md#update-your-dns", None, 0),
    ("TLS004", "tls-internal-lb", r"\[!IMPORTANT\]", r"InternalLoadBalancer\", subnet_name", 1),
    ("OPS002", "detach", r"\[!WARNING\]", r"detach-an-aks-cluster", 1),
    ("OPS004", "update-components", r"#", r"update-the-cluster", 2),
    ("TLS008", "tls-internal-lb-attach", r"azuremlfessl", None, 0),
    ("TLS006", "tls-kubectl-secret-still-base64", r"[Bb]ase.?64", None, 0),
]

# Codes whose severity depends on the case (VER001: info naming the default, error for a version
# given; ATT009: as the CAP rule it repeats; CAP008: warning when the current size is unknown):
# rules.json gives the highest.
MIXED = {"VER001", "VER002", "CAP008", "ATT009"}
RANK = {"info": 0, "warning": 1, "error": 2}


def line_of(lines, pattern, anchor, offset):
    start = 25
    if anchor:
        start = next((i for i, l in enumerate(lines) if i >= 25 and re.search(anchor, l)), None)
        if start is None:
            return None
    i = next((i for i, l in enumerate(lines) if i >= start and re.search(pattern, l)), None)
    return None if i is None else i + 1 + offset


def main(seed_dir):
    rules = {r["code"]: r for r in json.load(open(os.path.join(ROOT, "core", "data", "rules.json")))["rules"]}
    base = {}
    for f in sorted(glob.glob(os.path.join(HERE, "*.json"))):
        if f.endswith("seeds.json"):
            continue
        doc = json.load(open(f))
        for c in doc.get("cases", []) if isinstance(doc, dict) else []:
            base.setdefault(c["id"], c)
    cases = []
    for seed, (lang, profile) in SEEDS.items():
        path = glob.glob(os.path.join(seed_dir, f"{seed}_*.txt"))[0]
        lines = open(path, encoding="utf-8").read().splitlines()
        for code, case_id, pattern, anchor, offset in STATEMENTS:
            b = base[case_id]
            n = line_of(lines, pattern, anchor, offset)
            if n is None:
                continue  # the statement is not on this page
            said = rules[code]["profiles"][profile]
            ctx = dict(b.get("context") or {})
            ctx["locale"] = lang
            got = _native.validate(b["operation"], b["config"], dict(ctx, profile=profile), "info")
            mine = [d for d in got if d["code"] == code]
            if said is None:
                if mine:
                    sys.exit(f"{seed} {code}: reported under {profile}, where rules.json has it unchecked: {mine}")
            elif not mine:
                sys.exit(f"{seed} {code}: not reported under {profile} by {case_id}, rules.json says {said}")
            elif code in MIXED and max(RANK[d["severity"]] for d in mine) > RANK[said]:
                sys.exit(f"{seed} {code}: {[d['severity'] for d in mine]} under {profile}, rules.json says at most {said}")
            elif code not in MIXED and not all(d["severity"] == said for d in mine):
                sys.exit(f"{seed} {code}: {[d['severity'] for d in mine]} under {profile}, rules.json says {said}")
            case = {
                "id": f"seed-{seed}-{lang}-{code.lower()}",
                "operation": b["operation"],
                "profiles": [profile],
                "config": b["config"],
                "context": ctx,
                "only": [code],
                "expect": [{"code": d["code"], "severity": d["severity"], "path": d["path"]} for d in mine],
            }
            errors = [d for d in got if d["severity"] == "error"]
            if errors and errors[0]["code"] == code:
                case["first_message"] = errors[0]["message"]
            quote = lines[n - 1].strip().lstrip("->*# ").strip()
            quote = quote if len(quote) <= 160 else quote[:157] + "..."
            case["source"] = f"seed {os.path.basename(path)} ({profile}, {lang}) line {n}: \"{quote}\" ({code} {'not checked' if said is None else ('up to ' if code in MIXED else '') + said} there)"
            cases.append(case)
    out = os.path.join(HERE, "seeds.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"cases": cases}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(cases)} seed cases written to {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/seeds")
