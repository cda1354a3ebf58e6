"""Assemble the figures of one `make bench-all` run into one Markdown report.

Reads criterion's estimates (target/criterion/<bench>/new/estimates.json), the JSON that
web/bench.mjs writes with BENCH_JSON=..., the JSON of python/bench/compare.py --json and,
when present, twiggy's top 10 as text; writes the table of issue #16: each figure, its goal
and the ratio figure/goal (below 1 meets a "at most" goal). Standard library only, so it runs
before any venv exists. A missing input is a row saying so, never a made-up figure.
"""
import argparse
import json
import math
import os
import sys

KIB = 1024.0


def _criterion(root, name):
    """Median of criterion's estimate for bench `name`, in microseconds, or None."""
    path = os.path.join(root, name, "new", "estimates.json")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)["median"]["point_estimate"] / 1e3
    except (OSError, KeyError, TypeError, ValueError):
        return None


def _load(path):
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _num(d, key):
    v = d.get(key)
    return float(v) if isinstance(v, (int, float)) and math.isfinite(v) else None


def rows(crit_root, wasm, py):
    """The table: (measure, figure text, goal text, ratio or None, met or None).

    Each goal is "at most" (ratio figure/goal ≤ 1 meets it) except the payload speed-up,
    which is "at least" (ratio ≥ 1 meets it). Goals are issue #16's."""
    out = []

    def at_most(measure, value, goal, unit, fmt="{:.2f}"):
        if value is None:
            out.append((measure, "not measured", f"≤ {fmt.format(goal)} {unit}", None, None))
            return
        r = value / goal
        out.append((measure, f"{fmt.format(value)} {unit}", f"≤ {fmt.format(goal)} {unit}", r, r <= 1.0))

    at_most("native, create from JSON text (`create_from_json`)", _criterion(crit_root, "create_from_json"), 3.0, "µs")
    at_most("native, full create (`create_full`)", _criterion(crit_root, "create_full"), 0.5, "µs")
    gz = _num(wasm, "total_gzip_bytes")
    at_most("WASM first load (`akscompute/form`: lean module + glue), gzipped", None if gz is None else gz / KIB, 120.0, "KiB", "{:.1f}")
    # The English table is fetched beside the lean module, as every other language's is: the
    # goal allows tables outside the module, and this row says what a first visit downloads.
    gz = _num(wasm, "first_load_english_gzip_bytes")
    at_most("WASM first load with its English messages (+ `messages/en.json`), gzipped", None if gz is None else gz / KIB, 120.0, "KiB", "{:.1f}")
    # The module keeps the last context it read, keyed by its text (a form re-sends the same one
    # on every keystroke): each figure is given for that case and for a context changed every call.
    at_most("WASM `validateCreate` in Chromium (full: vnet + TLS), same context", _num(wasm, "validate_create_us"), 10.0, "µs")
    at_most("WASM `validateCreate` in Chromium, context changed every call", _num(wasm, "validate_create_changed_us"), 10.0, "µs")
    at_most("WASM `validateAttach` in Chromium (cluster + versions), same context", _num(wasm, "validate_attach_us"), 15.0, "µs")
    at_most("WASM `validateAttach` in Chromium, context changed every call", _num(wasm, "validate_attach_changed_us"), 15.0, "µs")

    for profile, label in (("2021_11", "full rules, profile 2021-11"), ("sdk", "profile sdk")):
        ak = _num(py, f"provisioning_configuration_{profile}_us")
        az = _num(py, f"azureml_provisioning_configuration_{profile}_us")
        measure = f"Python `provisioning_configuration()`, {label}"
        if ak is None or az is None:
            out.append((measure, "not measured", "≤ azureml-core's time", None, None))
        else:
            r = ak / az
            out.append((measure, f"{ak:.2f} µs (azureml-core {az:.2f} µs)", "≤ azureml-core's time", r, r <= 1.0))

    ak, az = _num(py, "build_create_payload_us"), _num(py, "azureml_build_create_payload_us")
    measure = "Python `_build_create_payload()`, speed-up over azureml-core"
    if ak is None or az is None or ak <= 0:
        out.append((measure, "not measured", "≥ 5x", None, None))
    else:
        x = az / ak
        out.append((measure, f"{x:.1f}x ({ak:.2f} µs vs {az:.2f} µs)", "≥ 5x", x / 5.0, x >= 5.0))

    ak, az = _num(py, "import_ms"), _num(py, "azureml_import_ms")
    measure = "Python import, fresh interpreter, share of azureml-core's"
    if ak is None or az is None or ak <= 0:
        out.append((measure, "not measured", "≤ 1/100", None, None))
    else:
        out.append((measure, f"1/{az / ak:.0f} ({ak:.1f} ms vs {az:.1f} ms)", "≤ 1/100", (ak / az) * 100.0, ak / az <= 0.01))
    return out


def render(crit_root, wasm, py, twiggy_text, note):
    lines = ["# akscompute benchmarks, one run side by side", ""]
    if note:
        lines += [note, ""]
    lines += [
        "Medians from one run of `make bench-all`. Ratio is figure / goal, so below 1.00 meets an",
        "\"at most\" goal; for the payload speed-up it is speed-up / 5, so at least 1.00 meets it.",
        "",
        "| measure | now | goal | ratio | met |",
        "|---|---|---|---|---|",
    ]
    for measure, fig, goal, ratio, met in rows(crit_root, wasm, py):
        r = "–" if ratio is None else f"{ratio:.2f}"
        m = "–" if met is None else ("yes" if met else "no")
        lines.append(f"| {measure} | {fig} | {goal} | {r} | {m} |")
    lines += ["", "## WASM package size", ""]
    if wasm:
        lines += ["| part | raw | gzipped |", "|---|---|---|"]
        parts = (
            ("first load: lean module (`akscompute_form_bg.wasm`)", "form_module"),
            ("first load: its glue, the glue's snippet and the loader (`akscompute_form.js`, `snippets/*/inline0.js`, `form.js`), minified", "form_glue"),
            ("first load: the English messages (`messages/en.json`, fetched while the module compiles)", "form_english"),
            ("on first use: main module (`akscompute_bg.wasm`)", "module"),
            ("on first use: its glue (`akscompute.js`)", "glue"),
        )
        for part, key in parts:
            raw, gz = _num(wasm, f"{key}_raw_bytes"), _num(wasm, f"{key}_gzip_bytes")
            if raw is not None and gz is not None:
                lines.append(f"| {part} | {raw / KIB:.1f} KiB | {gz / KIB:.1f} KiB |")
        extra = []
        figures = (
            ("compile", "compile_ms", "ms"),
            ("init", "init_ms", "ms"),
            ("buildCreateRequest", "build_create_request_us", "µs"),
            ("lean module's validateCreate", "form_validate_create_us", "µs"),
            ("lean module's validateAttach", "form_validate_attach_us", "µs"),
            ("lean module's validateCreate, context changed every call", "form_validate_create_changed_us", "µs"),
            ("lean module's validateAttach, context changed every call", "form_validate_attach_changed_us", "µs"),
        )
        for label, key, unit in figures:
            v = _num(wasm, key)
            if v is not None:
                extra.append(f"{label} {v:.2f} {unit}")
        if extra:
            lines += ["", "In Chromium " + str(wasm.get("browser", "")) + ": " + ", ".join(extra) + "."]
    else:
        lines.append("Not measured (no WASM figures).")
    lines += ["", "## twiggy top 10 (the lean module a form loads first, `akscompute_form`)", ""]
    if twiggy_text and twiggy_text.strip():
        lines += ["```", twiggy_text.rstrip(), "```"]
    else:
        lines.append("twiggy was not available; no breakdown.")
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--criterion", default="target/criterion", help="criterion's output folder")
    ap.add_argument("--wasm", help="JSON of web/bench.mjs (BENCH_JSON)")
    ap.add_argument("--python", help="JSON of python/bench/compare.py --json")
    ap.add_argument("--twiggy", help="text of `twiggy top -n 10`")
    ap.add_argument("--note", default="", help="a sentence printed above the table (machine load)")
    ap.add_argument("--out", required=True, help="where to write the Markdown report")
    ap.add_argument("--quiet", action="store_true", help="do not also print the report")
    args = ap.parse_args(argv)
    twiggy_text = ""
    if args.twiggy:
        try:
            with open(args.twiggy, encoding="utf-8") as f:
                twiggy_text = f.read(64 * 1024)
        except OSError:
            twiggy_text = ""
    text = render(args.criterion, _load(args.wasm), _load(args.python), twiggy_text, args.note)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    if not args.quiet:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
